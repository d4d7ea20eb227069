// @ts-check
// The one seam between the page and the Rust backend: every backend call goes
// through here, so tests can swap this module for a mock.

/** A failed command, carrying the backend's `{ kind, message, field? }`. */
export class IpcError extends Error {
  constructor(kind, message, field = null) {
    super(message);
    this.name = "IpcError";
    this.kind = kind;
    // The export option a refusal is about (ExportOptions path), when it names one.
    this.field = field;
  }
}

function tauriCore() {
  // Tauri puts its API on the window (withGlobalTauri); the page is never bundled with it.
  const core = /** @type {any} */ (window).__TAURI__?.core;
  if (!core) {
    throw new IpcError("no_backend", "This page must run inside the Wayin Clip Exporter app.");
  }
  return core;
}

/**
 * Calls backend command `cmd`; rejects with an IpcError. The answer has the type the
 * shell's own answers were seen to have (ui/types/shell.d.ts).
 * @template {import("../types/shell.js").Command} C
 * @param {C} cmd
 * @param {Record<string, any>} [args]
 * @returns {Promise<import("../types/shell.js").Answers[C]>}
 */
export async function invoke(cmd, args = {}) {
  try {
    return await tauriCore().invoke(cmd, args);
  } catch (err) {
    throw toIpcError(err);
  }
}

/**
 * A channel for streamed progress; pass it as a command argument.
 * @param {(message: any) => void} onMessage
 */
export function channel(onMessage) {
  const ch = new (tauriCore().Channel)();
  ch.onmessage = onMessage;
  return ch;
}

function toIpcError(err) {
  if (err instanceof IpcError) return err;
  if (err && typeof err === "object" && typeof err.kind === "string") {
    return new IpcError(err.kind, String(err.message ?? err.kind), typeof err.field === "string" ? err.field : null);
  }
  return new IpcError("internal", String(err?.message ?? err));
}
