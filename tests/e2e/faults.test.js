// What goes wrong out there, seen from the window: links that expire,
// connections that drop, renders that fail, keys that are refused.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { Profile, launchApp } from "./app.js";
import { fixtureClip, randomKey, startFakeApi } from "./fake-api.js";
import { sha256File } from "./files.js";
import { cardText, downloadFolder, newestExportCard, openProject, pickClips, sendExport, waitForDownloads } from "./journeys.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";
import { eventually } from "./wait.js";

const PROJECT = "proj_demo_podcast";
const TITLES = ["The pricing mistake that almost sank us", "How to hire your first ten engineers"];
const OPTIONS = { skip: SKIP_OUTSIDE_SESSION, timeout: 180_000 };

/** The app on a fresh profile against `fake`, with `env` on top of the fake's address and key. */
async function start(defer, fake, env = {}) {
  const profile = new Profile("faults");
  defer(() => profile.remove());
  const app = await launchApp(profile, { env: { WAYIN_API_BASE: fake.baseUrl, WAYIN_API_KEY: fake.apiKey, ...env } });
  defer(() => app.close());
  return app.window;
}

/** Exports the first two podcast clips with the form's defaults. */
async function exportTwoClips(win) {
  await openProject(win, PROJECT);
  await pickClips(win, TITLES);
  await sendExport(win, 2);
}

/** Both clips are in the download folder, byte for byte the fixture clips 0 and 1. */
async function assertClipsOnDisk(win) {
  const folder = await downloadFolder(win);
  const names = fs.readdirSync(folder);
  assert.deepEqual(names.filter((name) => name.endsWith(".part")), [], "no part files are left");
  for (const [idx, title] of TITLES.entries()) {
    const name = names.find((file) => file.includes(title));
    assert.ok(name, `a file for "${title}" in ${names.join(", ")}`);
    assert.equal(await sha256File(path.join(folder, name)), await sha256File(fixtureClip(PROJECT, idx)), `${name} is intact`);
  }
}

/** CDN downloads of exported clips, in order. */
async function clipDownloads(fake) {
  return (await fake.cdnRequests()).filter((request) => request.path.startsWith("/cdn/export/"));
}

// Tried: every link lives 900 ms, and each clip's first download is cut after
// 10 000 bytes; the app waits a second before going on, so the link it holds
// has expired by then. The CDN must have refused an expired link (403), the
// app must have fetched fresh links from the export results and finished each
// file from where it stopped, and the files must be intact.
test("a download link that expires part way is renewed and the download finishes", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const fake = await startFakeApi();
  defer(() => fake.stop());
  await fake.setFaults("global", { link_ttl_ms: 900, drop_after_bytes: 10_000, drop_times: 1 });
  const win = await start(defer, fake);

  await exportTwoClips(win);
  await waitForDownloads(win, 2);

  const downloads = await clipDownloads(fake);
  assert.ok(downloads.some((request) => request.status === 403), `an expired link was refused: ${JSON.stringify(downloads)}`);
  const resumed = downloads.filter((request) => request.status === 206 && request.range === "bytes=10000-");
  assert.equal(resumed.length, 2, "each clip went on from byte 10000 on a fresh link");
  const resultCalls = (await fake.requests()).filter((call) => /\/clips\/export\/export_task_/.test(call.path));
  assert.ok(resultCalls.length >= 2, "fresh links came from the export results again");
  await assertClipsOnDisk(win);
});

// Tried: the first two downloads of each clip are cut after 10 000 bytes (the
// client sees a body that stops short). The app must notice, resume with
// Range from where each part file stopped, twice, and end with intact files;
// the window must end on "Done", not on an error.
test("a connection that drops during a download is resumed until the file is whole", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const fake = await startFakeApi();
  defer(() => fake.stop());
  await fake.setFaults("global", { drop_after_bytes: 10_000, drop_times: 2 });
  const win = await start(defer, fake);

  await exportTwoClips(win);
  const text = await waitForDownloads(win, 2);
  assert.doesNotMatch(text, /failed/i);

  const downloads = await clipDownloads(fake);
  assert.equal(downloads.filter((request) => request.cut_after === 10_000).length, 4, "each clip was cut twice");
  for (const range of ["bytes=10000-", "bytes=20000-"]) {
    assert.equal(downloads.filter((request) => request.range === range).length, 2, `each clip went on with ${range}`);
  }
  await assertClipsOnDisk(win);
});

// Tried: the render fails on WayinVideo's side with its own explanation.
// The export card must say "Failed" and show the vendor's message verbatim,
// and nothing may be written to the download folder.
test("a failed render shows WayinVideo's own message", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const fake = await startFakeApi();
  defer(() => fake.stop());
  const vendorMessage = "Rendering failed: the source video's audio track could not be decoded (code 4012).";
  await fake.setFaults(PROJECT, { fail_export: vendorMessage });
  const win = await start(defer, fake);

  await exportTwoClips(win);
  const card = await newestExportCard(win);
  const text = await eventually(async () => {
    const shown = await cardText(card);
    return shown.includes("Failed") && shown.includes(vendorMessage) ? shown : null;
  }, { timeout: 30_000, message: "the export card never showed the failure and its message" });
  assert.doesNotMatch(text, /downloaded/, "no downloads are offered for a failed render");
  await win.waitForText(vendorMessage);
  const folder = await downloadFolder(win);
  assert.deepEqual(fs.existsSync(folder) ? fs.readdirSync(folder) : [], [], "nothing was downloaded");
});

// Tried: the app starts with a key WayinVideo does not accept and the user
// opens a project. The API answers 403; the window must say the key was
// refused and what to do, and offer to replace it, which leads to the field
// for a new key in Settings.
test("a key WayinVideo refuses is explained, with a way to replace it", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const fake = await startFakeApi();
  defer(() => fake.stop());
  const win = await start(defer, fake, { WAYIN_API_KEY: randomKey() });

  await openProject(win, PROJECT, { expectClips: false });
  const alert = await eventually(async () => {
    for (const element of await win.all("alert", "", { exact: false })) {
      const text = await element.text();
      if (text.includes("The API key was rejected")) return element;
    }
    return null;
  }, { timeout: 20_000, message: "no alert explained the refused key" });
  const said = await alert.text();
  assert.match(said, /Check the key in Settings/);
  assert.equal(said.split("Settings").length - 1, 1, `what to do is said once: ${said}`);
  const refused = (await fake.requests()).filter((call) => call.status === 403);
  assert.ok(refused.length >= 1, "the API refused the key");
  assert.equal(await win.has("list", "Clips"), false, "no clips are shown without an accepted key");

  await win.clickButton("Replace the key");
  await win.get("heading", "Settings");
  await win.field("New API key");
});
