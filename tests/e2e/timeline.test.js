// Into the editor: an export's finished clips become a timeline an editor
// imports, written from the real window and read back by an independent reader.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Profile, launchApp } from "./app.js";
import { startFakeApi } from "./fake-api.js";
import { REPO } from "./paths.js";
import { cardText, downloadFolder, newestExportCard, openProject, pickClips, sendExport, waitForDownloads } from "./journeys.js";
import { saveScreenshot } from "./screenshots.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";
import { eventually } from "./wait.js";

const PROJECT = "proj_demo_podcast";
const CLIPS = [
  { idx: 0, title: "The pricing mistake that almost sank us" },
  { idx: 2, title: "Burnout is a systems problem, not a you problem 🔥" },
];
const READER = path.join(REPO, "crates", "timeline", "tests", "readers", "read_timeline.py");

/** What OpenTimelineIO's FCP 7 XML reader finds in `file`. */
function readBack(file) {
  const python = process.env.WAYIN_TIMELINE_READERS;
  assert.ok(python, "WAYIN_TIMELINE_READERS names the readers' python (cargo xtask test sets it)");
  return JSON.parse(execFileSync(python, [READER, file], { encoding: "utf8" }));
}

// Tried: export two clips of the podcast (one title ends in an emoji), wait in
// Exports until both are downloaded, press "Premiere / Resolve timeline" on
// the card, and read the file it wrote beside the clips with the third-party
// reader: two clips in the export's order, named by their titles, 75 frames
// each at 25 fps as the MP4s really are (the API's ranges say about a minute),
// pointing at the two downloaded files, with one marker each.
test("Premiere / Resolve timeline writes an xmeml sequence that a reader takes back clip for clip", { skip: SKIP_OUTSIDE_SESSION, timeout: 180_000 }, async (t) => {
  const defer = await useDesktop(t);
  const fake = await startFakeApi();
  defer(() => fake.stop());
  const profile = new Profile("timeline");
  defer(() => profile.remove());
  const app = await launchApp(profile, { env: { WAYIN_API_BASE: fake.baseUrl, WAYIN_API_KEY: fake.apiKey } });
  defer(() => app.close());
  const win = app.window;

  await openProject(win, PROJECT);
  await pickClips(win, CLIPS.map((clip) => clip.title));
  await sendExport(win, 2);
  await waitForDownloads(win, 2);

  const card = await newestExportCard(win);
  await win.clickButton("Premiere / Resolve timeline", { exact: false });
  const shown = await eventually(
    async () => {
      const text = await cardText(card);
      return /Premiere Pro \/ DaVinci Resolve XML: .+ - timeline\.xml/.test(text) ? text : null;
    },
    { timeout: 20_000, message: "the card never listed the timeline file" },
  );
  assert.match(shown, /Drag all 2 clips/);
  await saveScreenshot(t, win, "into-your-editor");

  const folder = await downloadFolder(win);
  const names = fs.readdirSync(folder);
  const xml = names.filter((name) => name.endsWith(".xml"));
  assert.equal(xml.length, 1, `one timeline in ${names.join(", ")}`);
  const read = readBack(path.join(folder, xml[0]));
  const clips = read.clips;
  assert.deepEqual(clips.map((clip) => clip.name), CLIPS.map((clip) => clip.title));
  assert.deepEqual(clips.map((clip) => [clip.duration_frames, clip.rate]), [[75, 25], [75, 25]]);
  for (const [i, clip] of clips.entries()) {
    const file = decodeURIComponent(new URL(clip.target_url).pathname);
    assert.equal(path.dirname(file), folder, "the clip points into the download folder");
    assert.ok(path.basename(file).includes(CLIPS[i].title), `${file} is the download of "${CLIPS[i].title}"`);
    assert.ok(fs.statSync(file).isFile());
    assert.equal(clip.markers.length, 1);
    assert.match(clip.markers[0].name, new RegExp(`^Clip ${CLIPS[i].idx} `));
  }
});
