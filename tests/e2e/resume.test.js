// An app killed in the middle of downloads picks them up where they stopped.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { Profile, launchApp } from "./app.js";
import { startFakeApi } from "./fake-api.js";
import { sha256File } from "./files.js";
import { downloadFolder, newestExportCard, openProject, sendExport, waitForDownloads } from "./journeys.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";
import { eventually } from "./wait.js";

const PROJECT = "proj_big";
const CLIP_BYTES = 200 * 1024 * 1024;
// Every download of a clip is cut after this many bytes, a few times over, and
// the app pauses a second before resuming: slow enough to stop it half way.
const CUT_AFTER = 24 * 1024 * 1024;
const CUTS = 4;

// Tried: export both clips of a project of two 200 MiB clips, over a
// connection that keeps dropping; once a part file holds a cut's worth of
// bytes, kill the app outright (SIGKILL, as a crash or power cut would: no
// chance to tidy up), then start it again on the same machine. Without being
// asked, it must carry on: no second export submitted, each clip's first
// download after the restart asks for the rest of the file (a Range from where
// the part file stopped), and both files end up complete and equal to what
// the CDN serves, with no part files left.
test("downloads interrupted by killing the app resume after a restart and finish intact", { skip: SKIP_OUTSIDE_SESSION, timeout: 300_000 }, async (t) => {
  const defer = await useDesktop(t);
  const fake = await startFakeApi({ synthetic: [`${PROJECT}:2:200M`] });
  defer(() => fake.stop());
  await fake.setFaults(PROJECT, { drop_after_bytes: CUT_AFTER, drop_times: CUTS });
  const profile = new Profile("resume");
  defer(() => profile.remove());
  const env = { WAYIN_API_BASE: fake.baseUrl, WAYIN_API_KEY: fake.apiKey };

  let app = await launchApp(profile, { env });
  defer(() => app.close());
  let win = app.window;
  const folder = await downloadFolder(win);
  await win.goTo("Clips");
  await openProject(win, PROJECT);
  await win.clickButton("Select all");
  await sendExport(win, 2);
  await newestExportCard(win);

  const partial = await eventually(
    () => {
      const parts = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith(".part")) : [];
      const sizes = parts.map((name) => fs.statSync(path.join(folder, name)).size);
      return sizes.some((size) => size >= CUT_AFTER && size < CLIP_BYTES) ? sizes : null;
    },
    { timeout: 60_000, interval: 50, message: "no download got under way" },
  );
  await app.crash();
  const cdnBeforeRestart = (await fake.cdnRequests()).length;
  const finishedBeforeRestart = fs.readdirSync(folder).filter((name) => name.endsWith(".mp4"));
  assert.ok(finishedBeforeRestart.length < 2, `the app was killed before both files were done (part sizes ${partial})`);

  app = await launchApp(profile, { env });
  win = app.window;
  await win.goTo("Exports");
  await waitForDownloads(win, 2, { timeout: 120_000 });

  assert.equal((await fake.exports()).length, 1, "the export was not submitted again");
  const afterRestart = (await fake.cdnRequests()).slice(cdnBeforeRestart).filter((request) => request.path.startsWith("/cdn/export/"));
  const resumedPaths = new Set();
  for (const request of afterRestart) {
    if (resumedPaths.has(request.path)) continue;
    resumedPaths.add(request.path);
    t.diagnostic(`after the restart, first request for ${request.path.split("?")[0]}: ${request.range} (killed with part files of ${partial.join(", ")} bytes)`);
    const start = Number(/^bytes=(\d+)-/.exec(request.range ?? "")?.[1] ?? 0);
    assert.ok(start > 0, `after the restart ${request.path} went on from byte ${start}, not from the beginning`);
  }
  assert.equal(resumedPaths.size, 2 - finishedBeforeRestart.length, "every unfinished clip was downloaded again");

  const names = fs.readdirSync(folder);
  assert.deepEqual(names.filter((name) => name.endsWith(".part")), [], "no part files are left");
  const files = names.filter((name) => name.endsWith(".mp4")).sort();
  assert.equal(files.length, 2, `both clips are in ${folder}: ${names.join(", ")}`);
  const taskId = (await fake.requests()).map((call) => /\/clips\/export\/(export_task_\w+)/.exec(call.path)?.[1]).find(Boolean);
  const served = [...(await fake.servedClipHashes(taskId)).values()].sort();
  const onDisk = [];
  for (const name of files) {
    const file = path.join(folder, name);
    assert.equal(fs.statSync(file).size, CLIP_BYTES, `${name} is complete`);
    onDisk.push(await sha256File(file));
  }
  assert.deepEqual(onDisk.sort(), served, "the files are byte for byte what the CDN serves");
});
