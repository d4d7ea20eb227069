// Where the repository, the cargo target folder and the built binaries are.

import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The one target folder the whole workspace builds into; CARGO_TARGET_DIR moves it. */
export const TARGET_DIR = process.env.CARGO_TARGET_DIR
  ? path.resolve(REPO, process.env.CARGO_TARGET_DIR)
  : path.join(REPO, "target");

/**
 * The desktop app, as `cargo build -p wayin-clip-exporter` (or `cargo test --no-run`) leaves it;
 * `WAYIN_E2E_APP_BINARY` names another build (`cargo xtask bench-app` drives the release one).
 */
export const APP_BINARY = process.env.WAYIN_E2E_APP_BINARY
  ? path.resolve(process.env.WAYIN_E2E_APP_BINARY)
  : path.join(TARGET_DIR, "debug", "wayin-clip-exporter");
