// Starts the real desktop app through tauri-driver (which runs WebKitWebDriver,
// which runs the app) and ends everything it started.
//
// A Profile is one user's machine: HOME and XDG folders in a temp dir, so the
// store, the thumbnail cache, the settings and the downloads of one test never
// meet another's, and a restart finds what the last run left. The Secret
// Service and the display are the session's (cargo xtask test runs this inside
// Xvfb, dbus-run-session and an unlocked gnome-keyring).

import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { APP_BINARY } from "./paths.js";
import { MARKER, endMarked, markedProcessOf, signal, waitGone } from "./processes.js";
import { newSession } from "./webdriver.js";
import { AppWindow } from "./window.js";
import { eventually, within } from "./wait.js";

/** Variables of the outer environment that would steer the app; a test sets them itself. */
const APP_VARIABLES = ["WAYIN_API_KEY", "WAYIN_API_BASE", "WAYIN_DATA_DIR", "GTK_THEME", "RUST_LOG", "WEBKIT_DISABLE_COMPOSITING_MODE", "WAYIN_UPDATE_MANIFEST", "WAYIN_UPDATE_PUBKEY", "APPIMAGE"];

// WebKitWebDriver starts only the program it is given, with no way to redirect
// its output; this wrapper keeps the app's log (its stderr) in the profile.
const WRAPPER = `#!/bin/sh
exec "$WAYIN_E2E_APP" "$@" >>"$WAYIN_E2E_APP_LOG" 2>&1
`;

let launches = 0;

export class Profile {
  constructor(name) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `wayin-e2e-${name}-`));
    for (const sub of ["home", "data", "config", "cache"]) fs.mkdirSync(path.join(this.dir, sub));
    this.appLog = path.join(this.dir, "app.log");
    this.driverLog = path.join(this.dir, "driver.log");
    this.wrapper = path.join(this.dir, "wayin-clip-exporter.sh");
    fs.writeFileSync(this.wrapper, WRAPPER, { mode: 0o755 });
  }

  /** The app's own data folder (the store, and what the app keeps of its own). */
  get appDataDir() {
    return path.join(this.dir, "data", "com.wayin.clipexporter");
  }

  env() {
    return {
      HOME: path.join(this.dir, "home"),
      XDG_DATA_HOME: path.join(this.dir, "data"),
      XDG_CONFIG_HOME: path.join(this.dir, "config"),
      XDG_CACHE_HOME: path.join(this.dir, "cache"),
    };
  }

  /** What the app printed, over all its runs in this profile. */
  log() {
    return fs.existsSync(this.appLog) ? fs.readFileSync(this.appLog, "utf8") : "";
  }

  remove() {
    if (process.env.WAYIN_E2E_KEEP) return;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Starts the app in `profile` and waits for its page to be ready.
 * `env`: variables for the app (e.g. WAYIN_API_BASE); `args`: its command line.
 */
export async function launchApp(profile, { args = [], env = {}, startTimeout = 60_000 } = {}) {
  if (!fs.existsSync(APP_BINARY)) {
    throw new Error(`${APP_BINARY} is missing: build it with cargo build -p wayin-clip-exporter`);
  }
  launches += 1;
  const launch = `${path.basename(profile.dir)}-${launches}`;
  const [port, nativePort] = await freePorts(2);
  const base = { ...process.env };
  for (const name of APP_VARIABLES) delete base[name];
  const driverEnv = {
    ...base,
    ...profile.env(),
    RUST_LOG: "info",
    ...env,
    [MARKER]: launch,
    WAYIN_E2E_APP: APP_BINARY,
    WAYIN_E2E_APP_LOG: profile.appLog,
  };
  const log = fs.openSync(profile.driverLog, "a");
  const driver = spawn(tauriDriver(), ["--port", String(port), "--native-port", String(nativePort)], {
    env: driverEnv,
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const app = new LaunchedApp(profile, driver, launch, `http://127.0.0.1:${port}`);
  try {
    await waitForDriver(app.driverUrl, driver);
    const session = await newSession(app.driverUrl, {
      "tauri:options": { application: profile.wrapper, args },
    });
    app.window = new AppWindow(session);
    await app.window.waitUntilStarted({ timeout: startTimeout });
  } catch (err) {
    await app.close();
    err.message += `\n--- app log ---\n${profile.log().slice(-4000)}`;
    throw err;
  }
  return app;
}

export class LaunchedApp {
  constructor(profile, driver, launch, driverUrl) {
    this.profile = profile;
    this.driver = driver;
    this.launch = launch;
    this.driverUrl = driverUrl;
    this.window = null;
  }

  /** The app's process id (the app itself, not the driver that started it). */
  pid() {
    return markedProcessOf(this.launch, APP_BINARY);
  }

  /** Ends the app the hard way, as a crash or a power cut would, then its drivers. */
  async crash() {
    const pid = this.pid();
    if (!pid) throw new Error("the app is not running");
    signal(pid, "SIGKILL");
    await waitGone([pid], 5000);
    this.window = null; // the session went with the app
    await this.close();
  }

  /** Closes the window (ending the WebDriver session quits the app), then ends the drivers. */
  async close() {
    if (this.window) {
      const session = this.window.session;
      this.window = null;
      await within(session.delete(), 10_000);
    }
    if (this.driver.exitCode === null && this.driver.signalCode === null) {
      const exited = new Promise((resolve) => this.driver.once("exit", resolve));
      this.driver.kill("SIGTERM");
      await within(exited, 5000);
    }
    // Whatever the driver left behind (the app itself, WebKit's helpers).
    await endMarked(this.launch);
    // The app allows one instance per desktop session: the next launch must not find this one.
    await eventually(() => this.pid() === null, { timeout: 10_000, message: "the app did not exit" });
  }
}

function tauriDriver() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  const dirs = (process.env.PATH ?? "").split(path.delimiter);
  const cargoHome = process.env.CARGO_HOME ?? path.join(os.homedir(), ".cargo");
  dirs.push(path.join(cargoHome, "bin"));
  const found = dirs.map((dir) => path.join(dir, "tauri-driver")).find((file) => fs.existsSync(file));
  if (!found) throw new Error("tauri-driver is not installed: cargo install tauri-driver --version ^2 --locked");
  return found;
}

async function waitForDriver(url, driver) {
  await eventually(
    async () => {
      if (driver.exitCode !== null) throw new Error(`tauri-driver exited with ${driver.exitCode}`);
      const response = await fetch(`${url}/status`);
      return response.ok;
    },
    { timeout: 15_000, interval: 50, message: "tauri-driver did not answer" },
  );
}

/** Ports nobody listens on right now: each one is bound once and released. */
async function freePorts(count) {
  const servers = [];
  const ports = [];
  for (let i = 0; i < count; i += 1) {
    const server = net.createServer();
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    ports.push(server.address().port);
  }
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
