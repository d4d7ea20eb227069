// One export as an editor makes it: two clips, every option switched on,
// rendered, downloaded, identical to what WayinVideo serves.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { Profile, launchApp } from "./app.js";
import { fixtureClip, startFakeApi } from "./fake-api.js";
import { sha256File } from "./files.js";
import { downloadFolder, openProject, pickClips, sendExport, waitForDownloads } from "./journeys.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";

const PROJECT = "proj_demo_podcast";
// Clip 2's title ends in an emoji, which the file name must survive.
const CLIPS = [
  { idx: 0, title: "The pricing mistake that almost sank us" },
  { idx: 2, title: "Burnout is a systems problem, not a you problem 🔥" },
];

// Tried: open the podcast project by typing its id, tick two clips, choose
// 4K, Spanish, captions showing both lines in a static style, an AI hook
// (dramatic, at the end) and a 9:16 reframe, press Export, and wait in
// Exports until both files are downloaded. The body the API received must be
// exactly those choices, and each file on disk must be byte for byte the clip
// the CDN serves (the fake serves its fixture MP4s verbatim).
test("two clips in 4K with captions, hook and 9:16 reframe are sent as chosen and land on disk intact", { skip: SKIP_OUTSIDE_SESSION, timeout: 180_000 }, async (t) => {
  const defer = await useDesktop(t);
  const fake = await startFakeApi();
  defer(() => fake.stop());
  const profile = new Profile("export");
  defer(() => profile.remove());
  const app = await launchApp(profile, { env: { WAYIN_API_BASE: fake.baseUrl, WAYIN_API_KEY: fake.apiKey } });
  defer(() => app.close());
  const win = app.window;

  await openProject(win, PROJECT);
  await pickClips(win, CLIPS.map((clip) => clip.title));
  await win.choose("Resolution", "UHD_4K");
  await win.choose("Language", "(es)");
  await win.setSwitch("Animated captions", true);
  await win.choose("Caption lines", "Both");
  await win.choose("Caption style", "temp-static-2");
  await win.setSwitch("AI hook", true);
  await win.choose("Hook style", "Dramatic");
  await win.choose("Hook position", "End");
  await win.setSwitch("AI reframe", true);
  await win.choose("Aspect ratio", "RATIO_9_16");
  await sendExport(win, 2);

  const cardText = await waitForDownloads(win, 2);
  assert.match(cardText, /Done/);

  assert.deepEqual(await fake.exports(), [
    {
      project_id: PROJECT,
      clip_indices: [0, 2],
      target_lang: "es",
      resolution: "UHD_4K",
      enable_caption: true,
      caption_display: "both",
      cc_style_tpl: "temp-static-2",
      enable_ai_hook: true,
      ai_hook_script_style: "dramatic",
      ai_hook_position: "end",
      enable_ai_reframe: true,
      ratio: "RATIO_9_16",
    },
  ]);

  const folder = await downloadFolder(win);
  const names = fs.readdirSync(folder);
  assert.equal(names.length, 2, `exactly the two clips in ${folder}: ${names.join(", ")}`);
  const taskId = (await fake.requests())
    .map((call) => /\/clips\/export\/(export_task_\w+)/.exec(call.path)?.[1])
    .find(Boolean);
  const served = await fake.servedClipHashes(taskId);
  for (const { idx, title } of CLIPS) {
    const name = names.find((file) => file.includes(title) && file.endsWith(".mp4"));
    assert.ok(name, `a file named after "${title}" in ${names.join(", ")}`);
    const onDisk = await sha256File(path.join(folder, name));
    assert.equal(onDisk, served.get(idx), `${name} is byte for byte what the CDN serves`);
    assert.equal(onDisk, await sha256File(fixtureClip(PROJECT, idx)), `${name} is the fixture clip ${idx}`);
  }
});
