// Finding and ending the processes one app launch started. Each launch marks
// its tauri-driver with an environment variable that every descendant
// inherits (WebKitWebDriver, the app, WebKit's helper processes), so nothing
// is found by name and nothing of another launch is touched.

import fs from "node:fs";

export const MARKER = "WAYIN_E2E_LAUNCH";

/** Live pids (zombies excluded) whose environment holds `MARKER=value`. */
export function markedProcesses(value) {
  const wanted = Buffer.from(`${MARKER}=${value}`);
  const pids = [];
  for (const name of fs.readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid || !isAlive(pid)) continue;
    let environ;
    try {
      environ = fs.readFileSync(`/proc/${pid}/environ`);
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    if (splitNul(environ).some((entry) => entry.equals(wanted))) pids.push(pid);
  }
  return pids;
}

/** The marked process running `binary` (its resolved path), or null. */
export function markedProcessOf(value, binary) {
  const real = fs.realpathSync(binary);
  return (
    markedProcesses(value).find((pid) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/exe`) === real;
      } catch {
        return false;
      }
    }) ?? null
  );
}

/** The value of `name` in the environment of the launch's WebKit web process, or null. */
export function webProcessVariable(value, name) {
  const web = markedProcesses(value).find((pid) => {
    try {
      return fs.readlinkSync(`/proc/${pid}/exe`).endsWith("/WebKitWebProcess");
    } catch {
      return false;
    }
  });
  if (!web) throw new Error("the launch has no WebKit web process");
  const prefix = Buffer.from(`${name}=`);
  const entry = splitNul(fs.readFileSync(`/proc/${web}/environ`)).find((e) => e.subarray(0, prefix.length).equals(prefix));
  return entry ? entry.subarray(prefix.length).toString() : null;
}

export function isAlive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.slice(stat.lastIndexOf(")") + 1).trim().startsWith("Z");
  } catch {
    return false;
  }
}

export function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** Waits until none of `pids` is alive; false if some still are after `ms`. */
export async function waitGone(pids, ms) {
  const end = Date.now() + ms;
  while (pids.some(isAlive)) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** TERM to every process of the launch, then KILL to whatever is left. */
export async function endMarked(value) {
  const pids = markedProcesses(value);
  for (const pid of pids) signal(pid, "SIGTERM");
  if (await waitGone(pids, 5000)) return;
  for (const pid of markedProcesses(value)) signal(pid, "SIGKILL");
  await waitGone(markedProcesses(value), 5000);
}

function splitNul(buffer) {
  const parts = [];
  let start = 0;
  for (let i = 0; i < buffer.length; i += 1) {
    if (buffer[i] === 0) {
      parts.push(buffer.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < buffer.length) parts.push(buffer.subarray(start));
  return parts;
}
