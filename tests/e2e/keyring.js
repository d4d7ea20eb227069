// The Secret Service entry the app keeps its API key in, read the way any
// other program on the desktop could read it: with secret-tool.

import { spawnSync } from "node:child_process";

/** Service and account of the entry (crates/keychain: SERVICE, ACCOUNT). */
const ATTRIBUTES = ["service", "wayin-clip-exporter", "username", "api-key"];

/** The stored key, or null when there is none. */
export function storedKey() {
  const result = spawnSync("secret-tool", ["lookup", ...ATTRIBUTES], { encoding: "utf8" });
  if (result.error) throw result.error;
  // secret-tool exits 1 with no output when nothing matches.
  return result.status === 0 ? result.stdout.replace(/\n$/, "") : null;
}

export function clearStoredKey() {
  spawnSync("secret-tool", ["clear", ...ATTRIBUTES]);
}

