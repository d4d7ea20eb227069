// Demo mode: the whole app against its built-in stand-in of the API, with no
// key anywhere.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { Profile, launchApp } from "./app.js";
import { downloadFolder, pickClips, sendExport, waitForDownloads } from "./journeys.js";
import { startFakeApi } from "./fake-api.js";
import { clearStoredKey, storedKey } from "./keyring.js";
import { saveScreenshot } from "./screenshots.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";

const OPTIONS = { skip: SKIP_OUTSIDE_SESSION, timeout: 180_000 };
const PODCAST_NAME = "Founders Unfiltered — Ep. 42: pricing, hiring and burnout";

/** A text-less badge is easy to lose: find "Demo" as shown text in the header. */
async function demoBadgeShown(win) {
  return win.execute(`
    const header = document.querySelector("header");
    return [...header.querySelectorAll("*")].some((el) =>
      el.children.length === 0 && el.textContent.trim() === "Demo" && !el.closest("[hidden]") && el.getClientRects().length > 0);`);
}

// Tried: `--demo` with no key in the keychain and none in the environment.
// The window must open on the main screen (no first-run form) with the Demo
// badge shown, a sample project offered there must open with one click, and an
// export of one clip must render and download to the demo's own folder; the
// keychain must still be empty afterwards.
test("--demo runs a whole export with no key set", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  clearStoredKey();
  const profile = new Profile("demo");
  defer(() => profile.remove());
  const app = await launchApp(profile, { args: ["--demo"] });
  defer(() => app.close());
  const win = app.window;

  assert.equal(await win.has("heading", "Connect your WayinVideo account"), false, "no key is asked for");
  assert.equal(await demoBadgeShown(win), true, "the Demo badge is shown");

  // Nobody knows the demo's ids: its projects are offered on the first screen, one click each.
  await win.get("heading", "Demo projects");
  await win.get("button", "Find Moments · 3 clips", { exact: false });
  await win.clickButton(PODCAST_NAME, { exact: false });
  await win.get("list", "Clips", { timeout: 20_000 });
  await pickClips(win, ["Advice to my 25-year-old self"]);
  await sendExport(win, 1);
  await waitForDownloads(win, 1, { timeout: 60_000 });

  const folder = await downloadFolder(win);
  const files = fs.readdirSync(folder);
  assert.equal(files.filter((name) => name.endsWith(".mp4")).length, 1, `the clip is in ${folder}: ${files}`);
  assert.ok(fs.statSync(`${folder}/${files[0]}`).size > 10_000, "the clip has its bytes");
  assert.equal(storedKey(), null, "demo mode put nothing in the keychain");
});

// Tried: `--demo-if-no-key` (what `cargo xtask run` passes) on a machine with
// no key stored: it must fall back to the demo rather than ask for a key.
test("--demo-if-no-key starts the demo when no key is stored", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  clearStoredKey();
  const profile = new Profile("demo-if-no-key");
  defer(() => profile.remove());
  const app = await launchApp(profile, { args: ["--demo-if-no-key"] });
  defer(() => app.close());

  assert.equal(await demoBadgeShown(app.window), true, "the Demo badge is shown");
  await app.window.get("textbox", "Project id or link");
});

// Tried: the installed app's first run (no `--demo`, no key stored) pointed at a
// stand-in of the real API. "Try the demo" must switch the running window into the
// demo (no restart, no command line): its badge, its projects, one of which opens
// with one click; "Leave the demo" must bring back the first-run screen. The
// keychain stays empty and the real API hears nothing.
test("Try the demo switches the running app into the demo and back", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const fake = await startFakeApi();
  defer(() => fake.stop());
  clearStoredKey(fake.baseUrl);
  const profile = new Profile("try-demo");
  defer(() => profile.remove());
  const app = await launchApp(profile, { env: { WAYIN_API_BASE: fake.baseUrl } });
  defer(() => app.close());
  const win = app.window;

  await win.get("heading", "Connect your WayinVideo account");
  assert.equal(await demoBadgeShown(win), false);
  await saveScreenshot(t, win, "first-run");
  await win.clickButton("Try the demo");

  await win.get("button", "Leave the demo", { timeout: 20_000 });
  assert.equal(await demoBadgeShown(win), true, "the Demo badge is shown");
  await win.get("heading", "Demo projects");
  await win.get("button", "Find Moments · 3 clips", { exact: false });
  await saveScreenshot(t, win, "demo-first-screen");
  await win.clickButton("Find Moments · 3 clips", { exact: false });
  await win.get("list", "Clips", { timeout: 20_000 });

  await win.clickButton("Leave the demo");
  await win.get("heading", "Connect your WayinVideo account", { timeout: 20_000 });
  assert.equal(await demoBadgeShown(win), false, "the Demo badge is gone");
  assert.equal(storedKey(fake.baseUrl), null, "nothing was put in the keychain");
  assert.deepEqual(await fake.requests(), [], "the real API heard nothing");
});

// Tried: `--demo`, no id known: a link pasted into "New project from your own video" with Find
// Moments ("the laughs", at most 2). The project must be made, open by itself with its best
// two clips, and one of them must export and download.
test("a pasted link becomes a Find Moments project that opens and exports", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  clearStoredKey();
  const profile = new Profile("demo-new-project");
  defer(() => profile.remove());
  const app = await launchApp(profile, { args: ["--demo"] });
  defer(() => app.close());
  const win = app.window;

  await win.press(await win.waitForText("New project from your own video"));
  await win.fill("Link to a video page", "https://www.youtube.com/watch?v=keynote");
  await win.press(await win.get("radio", "Find Moments: what you describe"));
  await win.fill("What to find", "the laughs");
  await win.fill("At most this many clips", "2");
  await win.clickButton("Create project…");
  await win.get("list", "Clips", { timeout: 60_000 });
  await win.waitForText("Project ready: 2 clips found.", { timeout: 20_000 });
  await saveScreenshot(t, win, "new-project");
  const titles = await win.execute(
    `return [...document.querySelectorAll("#clip-grid .clip-title")].map((el) => el.textContent.trim());`,
  );
  assert.equal(titles.length, 2, `the best two: ${titles}`);
  assert.ok(titles.every((title) => title.startsWith("the laughs #")), `${titles}`);
  await pickClips(win, [titles[0]]);
  await sendExport(win, 1);
  await waitForDownloads(win, 1, { timeout: 60_000 });
});
