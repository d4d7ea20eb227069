// Whether these tests may run here, and one test at a time when they do.
//
// They drive a real window and use the app's real keychain entry, so they need
// the disposable desktop session that `cargo xtask test` creates (Xvfb, a
// private D-Bus, a throwaway unlocked gnome-keyring); on anyone's own desktop
// they would overwrite the stored key. The app also allows one instance per
// desktop session, so tests in different files (which node --test may run at
// the same time) take turns through a lock file.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isAlive } from "./processes.js";
import { sleep } from "./wait.js";
import { cleanupAfter } from "./cleanup.js";

export const SKIP_OUTSIDE_SESSION =
  process.env.WAYIN_TEST_SECRET_SERVICE === "1" && process.env.DISPLAY
    ? false
    : "needs the isolated session of `cargo xtask test` (WAYIN_TEST_SECRET_SERVICE=1, DISPLAY)";

const LOCK = path.join(process.env.XDG_RUNTIME_DIR || os.tmpdir(), `wayin-e2e-${(process.env.DISPLAY ?? "").replace(/\W/g, "")}.lock`);

/**
 * Starts a test that uses the desktop: waits for its turn, and returns
 * `defer(step)` for the test's clean-up (see cleanup.js); the turn ends after
 * every other step.
 */
export async function useDesktop(t) {
  const defer = cleanupAfter(t);
  defer(await takeTheDesktop());
  return defer;
}

/** Waits until no other test holds the desktop, then holds it; returns the release. */
async function takeTheDesktop() {
  const mine = `${LOCK}.${process.pid}`;
  fs.writeFileSync(mine, String(process.pid));
  try {
    for (;;) {
      try {
        // A hard link appears whole or not at all: nobody reads a half-written lock.
        fs.linkSync(mine, LOCK);
        return () => fs.rmSync(LOCK, { force: true });
      } catch (err) {
        if (err.code !== "EEXIST") throw err;
      }
      const owner = Number(readOrEmpty(LOCK));
      // A test process that died keeps no claim.
      if (owner && !isAlive(owner)) fs.rmSync(LOCK, { force: true });
      else await sleep(200);
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
}

function readOrEmpty(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
