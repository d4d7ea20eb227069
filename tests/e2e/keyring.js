// The Secret Service entry the app keeps its API key in, read the way any
// other program on the desktop could read it: with secret-tool.

import { spawnSync } from "node:child_process";

const SERVICE = "wayin-clip-exporter";
/** The WayinVideo API's origin keeps the entry name earlier versions used. */
const WAYIN_ORIGIN = "https://wayinvideo-api.wayin.ai";

/**
 * Service and account of the key for the API at `apiBase` (crates/keychain:
 * SERVICE, account_for_origin): one entry per API origin.
 */
function attributes(apiBase) {
  const origin = apiBase ? new URL(apiBase).origin : WAYIN_ORIGIN;
  const account = origin === WAYIN_ORIGIN ? "api-key" : `api-key@${origin}`;
  return ["service", SERVICE, "username", account];
}

/** The key stored for the API at `apiBase` (default: WayinVideo's), or null. */
export function storedKey(apiBase) {
  const result = spawnSync("secret-tool", ["lookup", ...attributes(apiBase)], { encoding: "utf8" });
  if (result.error) throw result.error;
  // secret-tool exits 1 with no output when nothing matches.
  return result.status === 0 ? result.stdout.replace(/\n$/, "") : null;
}

export function clearStoredKey(apiBase) {
  spawnSync("secret-tool", ["clear", ...attributes(apiBase)]);
}
