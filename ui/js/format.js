// @ts-check
// How numbers read to people: sizes, speeds, times left, clip lengths, ages.

const SIZE_UNITS = ["KB", "MB", "GB", "TB"];

/** 1234567 → "1.2 MB" (decimal units, as file managers on macOS and GNOME show them). */
export function formatBytes(bytes) {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value < 10 ? 1 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ${SIZE_UNITS[unit]}`;
}

/** Bytes per second → "2.4 MB/s". */
export function formatSpeed(bytesPerSec) {
  if (bytesPerSec == null || !Number.isFinite(bytesPerSec) || bytesPerSec <= 0) return null;
  return `${formatBytes(bytesPerSec)}/s`;
}

/** Seconds left → "12 s left", "3 min 5 s left", "1 h 4 min left". */
export function formatEta(secs) {
  if (secs == null || !Number.isFinite(secs) || secs < 0) return "working out the time left";
  const total = Math.round(secs);
  if (total < 1) return "almost done";
  if (total < 60) return `${total} s left`;
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes < 10) return seconds ? `${minutes} min ${seconds} s left` : `${minutes} min left`;
  if (minutes < 60) return `${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min left`;
}

/** A clip length in ms → "0:45" or "1:02:03". */
export function formatDuration(ms) {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return "—";
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** A span of time → "2 days 3 h", "5 h 10 min", "12 min", "less than a minute". */
export function formatSpan(ms) {
  const minutes = Math.floor(Math.abs(ms) / 60000);
  if (minutes < 1) return "less than a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  const dayWord = days === 1 ? "day" : "days";
  return hours % 24 ? `${days} ${dayWord} ${hours % 24} h` : `${days} ${dayWord}`;
}

/** When the vendor stops serving an export's links. */
export function formatExpiry(expireAt, now = Date.now()) {
  if (expireAt == null) return null;
  const left = expireAt - now;
  if (left <= 0) return "Results expired: finished files stay on disk, missing ones can no longer be fetched";
  return `Results expire in ${formatSpan(left)}`;
}

/** A moment in the past → "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAgo(at, now = Date.now()) {
  if (at == null) return "";
  const ago = now - at;
  if (ago < 60000) return "just now";
  return `${formatSpan(ago)} ago`;
}

/** API units, the vendor's cost measure: 48.0 → "48 API units". */
export function formatCost(units) {
  if (units == null || !Number.isFinite(units)) return null;
  const text = Number.isInteger(units) ? String(units) : units.toFixed(2).replace(/0+$/, "");
  return `${text} API ${units === 1 ? "unit" : "units"}`;
}

/** "1 clip", "3 clips". */
export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Progress 0..1 → "45%". */
export function formatPercent(done, total) {
  if (!total) return null;
  return `${Math.min(100, Math.floor((done / total) * 100))}%`;
}
