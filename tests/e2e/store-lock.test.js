// A store held by another process (wayin-export writing its history) makes the
// window's store commands wait, and nothing else: the window and every other
// command go on answering.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { Profile, launchApp } from "./app.js";
import { startFakeApi } from "./fake-api.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";
import { within } from "./wait.js";

const HOLD_SECONDS = 4;

// Holds a write transaction on the store, as another process's write does, for
// `seconds`; resolves once it holds it.
const HOLDER = `
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('held_by_test', '1')")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("ROLLBACK")
`;

async function holdStore(file, seconds) {
  const child = spawn("python3", ["-c", HOLDER, file, String(seconds)], { stdio: ["ignore", "pipe", "inherit"] });
  const ended = new Promise((resolve) => child.on("exit", resolve));
  const lines = readline.createInterface({ input: child.stdout });
  await within(
    new Promise((resolve, reject) => {
      lines.on("line", (line) => line === "held" && resolve());
      child.on("exit", (code) => reject(new Error(`the lock holder ended early (${code})`)));
    }),
    10_000,
  );
  return { ended, stop: () => child.kill("SIGKILL") };
}

// Every call starts at once; each resolves with how long it took and how it ended.
const CALL_ALL = `
const [calls, done] = arguments;
const started = performance.now();
Promise.all(calls.map(([cmd, args]) =>
  window.__TAURI__.core.invoke(cmd, args).then(
    () => ({ cmd, ok: true, ms: performance.now() - started }),
    (err) => ({ cmd, ok: false, kind: err && err.kind, ms: performance.now() - started }),
  ))).then(done);`;

const OPTIONS = { resolution: "HD_720" };

// Tried: while another process holds a write lock on the store for 4 s, the
// page sends four commands that write it (three preset saves and a settings
// change: more than the runtime has worker threads) together with commands
// that do not touch it: app_info and catalog (run on the main thread),
// key_status and demo_projects (run on the async runtime). The latter must all
// answer within 1.5 s, while the lock is still held; the writers must wait for
// the lock and then succeed, losing nothing.
test("a store locked by another process holds up only the commands that need it", { skip: SKIP_OUTSIDE_SESSION, timeout: 120_000 }, async (t) => {
  const defer = await useDesktop(t);
  const fake = await startFakeApi();
  defer(() => fake.stop());
  const profile = new Profile("store-lock");
  defer(() => profile.remove());
  const app = await launchApp(profile, { env: { WAYIN_API_BASE: fake.baseUrl, WAYIN_API_KEY: fake.apiKey } });
  defer(() => app.close());

  const holder = await holdStore(path.join(profile.appDataDir, "exports.sqlite3"), HOLD_SECONDS);
  defer(() => holder.stop());
  const calls = [
    ["preset_save", { name: "Locked 1", options: OPTIONS }],
    ["preset_save", { name: "Locked 2", options: OPTIONS }],
    ["preset_save", { name: "Locked 3", options: OPTIONS }],
    ["settings_set", { patch: { concurrency: 4 } }],
    ["key_status", {}],
    ["demo_projects", {}],
    ["app_info", {}],
    ["catalog", {}],
  ];
  const answers = await app.window.session.executeAsync(CALL_ALL, calls);
  await holder.ended;

  const byName = (names) => answers.filter((a) => names.includes(a.cmd));
  for (const free of byName(["key_status", "demo_projects", "app_info", "catalog"])) {
    assert.ok(free.ok, `${free.cmd} answered: ${JSON.stringify(free)}`);
    assert.ok(free.ms < 1_500, `${free.cmd} answered in ${Math.round(free.ms)} ms while the store was held`);
  }
  for (const writer of byName(["preset_save", "settings_set"])) {
    assert.ok(writer.ok, `${writer.cmd} succeeded once the lock went: ${JSON.stringify(writer)}`);
    assert.ok(writer.ms >= 2_000, `${writer.cmd} waited for the lock (${Math.round(writer.ms)} ms)`);
  }
  const presets = await app.window.session.executeAsync(
    "window.__TAURI__.core.invoke('presets_list').then(arguments[0]);",
  );
  assert.deepEqual(presets.map((p) => p.name).sort(), ["Locked 1", "Locked 2", "Locked 3"]);
});
