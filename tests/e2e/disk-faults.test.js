// The window under the disk faults the command line survives, each on a real
// small volume (a tmpfs holding the user's Videos folder, so the download
// folder is "<volume>/Wayin Clips"): a disk that fills mid-download, the app
// killed while a download stands stopped by a full disk, a download folder on
// a read-only volume, the folder removed mid-download.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startFakeApi } from "./fake-api.js";
import { waitForDownloads } from "./journeys.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";
import { eventually } from "./wait.js";
import {
  MIB,
  assertOneExport,
  assertServedBytes,
  clipDownloads,
  exportTheClip,
  firstAnswered,
  launch,
  partFile,
  pressRetry,
  profileOnVolume,
  start,
  waitForFailure,
  whyNoVolumes,
} from "./volumes.js";

const OPTIONS = { skip: SKIP_OUTSIDE_SESSION || whyNoVolumes(), timeout: 180_000 };

const FOLDER_CLIP_BYTES = 40 * MIB;

/**
 * Exports a 40 MiB clip of `project` whose download is cut after every 8 MiB three times,
 * and deletes the whole download folder in one of those pauses, once a part file holds 8 MiB.
 */
async function removeFolderMidDownload(defer, project) {
  const CUT_AFTER = 8 * MIB;
  const fake = await startFakeApi({ synthetic: [`${project}:1:${FOLDER_CLIP_BYTES}`] });
  defer(() => fake.stop());
  await fake.setFaults(project, { drop_after_bytes: CUT_AFTER, drop_times: 3 });
  const { profile, folder } = profileOnVolume(defer, "64m");
  const { app, win } = await start(defer, profile, fake, folder);
  await exportTheClip(win, project);
  await eventually(
    () => {
      const parts = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith(".part")) : [];
      return parts.some((name) => fs.statSync(path.join(folder, name)).size >= CUT_AFTER);
    },
    { timeout: 60_000, interval: 20, message: "no download got under way" },
  );
  fs.rmSync(folder, { recursive: true, force: true });
  return { app, fake, folder, profile, win };
}

// Tried: a 48 MiB volume already holds a 24 MiB file of the user's; a 40 MiB
// clip fills it about half way through. The row must say "Failed" and that the
// disk is full, how much to free, and that the partial download is kept; the
// part file must still be there. Once the user deletes their file and presses
// Retry, the download must go on with Range from where the part file stopped
// and end byte for byte what the CDN serves.
test("a disk that fills mid-download is named, and after freeing space Retry resumes it byte for byte", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const CLIP_BYTES = 40 * MIB;
  const project = "proj_disk_full";
  const fake = await startFakeApi({ synthetic: [`${project}:1:${CLIP_BYTES}`] });
  defer(() => fake.stop());
  const { profile, volume, folder } = profileOnVolume(defer, "48m");
  const filler = path.join(volume, "old footage.bin");
  fs.writeFileSync(filler, Buffer.alloc(24 * MIB, 1));
  const { win } = await start(defer, profile, fake, folder);

  await exportTheClip(win, project);
  const text = await waitForFailure(win, ["is full", "1 failed: use Retry"]);
  assert.match(text, /the disk holding .*Wayin Clips.* is full: free at least [\d.]+ MB and retry/, `the row says the disk is full: ${text}`);
  assert.match(text, /the partial download is kept and resumes where it stopped/);
  const part = fs.readdirSync(folder).find((name) => name.endsWith(".part"));
  assert.ok(part, "the partial download is kept");
  const kept = fs.statSync(path.join(folder, part)).size;
  assert.ok(kept > 0 && kept < CLIP_BYTES, `the part file stopped part way: ${kept} bytes`);

  fs.rmSync(filler);
  const before = (await clipDownloads(fake)).length;
  await pressRetry(win);
  await waitForDownloads(win, 1);

  const resumed = firstAnswered((await clipDownloads(fake)).slice(before));
  assert.equal(resumed?.range, `bytes=${kept}-`, `Retry went on from the part file's end: ${JSON.stringify(resumed)}`);
  await assertServedBytes(fake, folder, CLIP_BYTES);
});

// Tried: the disk fills mid-download as above and the row says so; then the
// app is killed outright (SIGKILL, as a crash or a power cut would), the user
// deletes their file and starts the app again on the same machine. A download
// that stopped on an error does not start again by itself: the engine's
// recovery (recovery.rs, run once the new start holds the polling lease)
// resumes only downloads still waiting or running (open_downloads), so the
// restarted app must show the row Failed with the full disk, having fetched
// nothing, and Retry is what resumes it. Retry must go on with Range from
// the part file's end, no second export may be sent, and the file must end
// byte for byte what the CDN serves.
test("the app killed while a download is stopped by a full disk resumes it at the next start once space is freed", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const CLIP_BYTES = 40 * MIB;
  const project = "proj_full_then_killed";
  const fake = await startFakeApi({ synthetic: [`${project}:1:${CLIP_BYTES}`] });
  defer(() => fake.stop());
  const { profile, volume, folder } = profileOnVolume(defer, "48m");
  const filler = path.join(volume, "old footage.bin");
  fs.writeFileSync(filler, Buffer.alloc(24 * MIB, 1));
  const { app, win } = await start(defer, profile, fake, folder);

  await exportTheClip(win, project);
  await waitForFailure(win, ["is full", "1 failed: use Retry"]);
  await app.crash();
  const kept = partFile(folder);
  assert.ok(kept && kept.size > 0 && kept.size < CLIP_BYTES, `the part file outlived the crash part way: ${JSON.stringify(kept)}`);
  const downloadsAtCrash = (await clipDownloads(fake)).length;
  fs.rmSync(filler);

  const restarted = (await launch(defer, profile, fake)).window;
  await restarted.goTo("Exports");
  const text = await waitForFailure(restarted, ["is full", "1 failed: use Retry"]);
  assert.match(text, /the partial download is kept and resumes where it stopped/, `the restarted app still explains the stop: ${text}`);
  assert.equal((await clipDownloads(fake)).length, downloadsAtCrash, "nothing was downloaded before Retry");
  await pressRetry(restarted);
  await waitForDownloads(restarted, 1, { timeout: 120_000 });

  const resumed = firstAnswered((await clipDownloads(fake)).slice(downloadsAtCrash));
  assert.equal(resumed?.range, `bytes=${kept.size}-`, `Retry after the restart went on from the part file's end: ${JSON.stringify(resumed)}`);
  await assertOneExport(fake);
  await assertServedBytes(fake, folder, CLIP_BYTES);
});

// Tried: the download folder exists but its volume is mounted read-only
// (root ignores a folder's mode bits, not a read-only mount). Pressing Export
// must end in the form saying the folder cannot be used because it is not
// writable, with a way to choose another; nothing may reach the API, and
// nothing may be written.
test("a download folder on a read-only volume is refused before anything is sent", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const project = "proj_read_only";
  const fake = await startFakeApi({ synthetic: [`${project}:1:1M`] });
  defer(() => fake.stop());
  const { profile, volume, folder } = profileOnVolume(defer, "8m");
  fs.mkdirSync(folder);
  execFileSync("mount", ["-o", "remount,ro", volume], { stdio: "pipe" });
  const { win } = await start(defer, profile, fake, folder);

  await exportTheClip(win, project);
  const alert = await eventually(async () => {
    for (const element of await win.all("alert", "", { exact: false })) {
      const text = await element.text();
      if (text.includes("cannot be used")) return element;
    }
    return null;
  }, { timeout: 20_000, message: "no alert said the download folder cannot be used" });
  const said = (await alert.text()).replace(/\s+/g, " ");
  assert.ok(said.includes(`The download folder ${folder} cannot be used`), `the folder is named: ${said}`);
  assert.match(said, /it is not writable \(Read-only file system/);
  assert.match(said, /Choose another folder/);
  await win.get("button", "Choose a folder");

  assert.deepEqual(await fake.exports(), [], "no export reached the API");
  const posts = (await fake.requests()).filter((call) => call.method === "POST" && call.path.includes("/clips/export"));
  assert.deepEqual(posts, [], "the export was never sent");
  assert.deepEqual(fs.readdirSync(folder), [], "nothing was written to the folder");
});

// Tried: a 40 MiB clip is cut after every 8 MiB three times (the app waits a
// second before each resume); in one of those pauses the user deletes the
// whole download folder. The row must say "Failed" and that the file in that
// folder could not be written because it is not there. Once the user makes the
// folder again and presses Retry, the clip must end byte for byte what the CDN
// serves.
test("a download folder removed mid-download is explained, and Retry after re-creating it finishes byte for byte", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const { fake, folder, win } = await removeFolderMidDownload(defer, "proj_folder_gone");

  const text = await waitForFailure(win, ["can no longer be reached", "1 failed: use Retry"]);
  assert.ok(text.includes(`the folder ${folder} can no longer be reached`), `the row names the removed folder: ${text}`);
  assert.match(text, /make the folder again, then retry/);

  fs.mkdirSync(folder);
  await pressRetry(win);
  await waitForDownloads(win, 1);
  await assertServedBytes(fake, folder, FOLDER_CLIP_BYTES);
});

// Tried: as above, the download folder is removed mid-download and the row says
// so; then the app is killed. Restarted, it must still explain the stop without
// downloading anything; once the folder is made again, Retry must finish the clip
// byte for byte, and no second export may be sent.
test("the app killed while its download folder is gone finishes the clip after a restart once the folder is back", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const { app, fake, folder, profile, win } = await removeFolderMidDownload(defer, "proj_folder_gone_then_killed");
  await waitForFailure(win, ["can no longer be reached", "1 failed: use Retry"]);
  await app.crash();
  const downloadsAtCrash = (await clipDownloads(fake)).length;

  const restarted = (await launch(defer, profile, fake)).window;
  await restarted.goTo("Exports");
  const text = await waitForFailure(restarted, ["can no longer be reached", "1 failed: use Retry"]);
  assert.ok(text.includes(folder), `the restarted app still names the folder: ${text}`);
  assert.equal((await clipDownloads(fake)).length, downloadsAtCrash, "nothing was downloaded before Retry");

  fs.mkdirSync(folder);
  await pressRetry(restarted);
  await waitForDownloads(restarted, 1, { timeout: 120_000 });
  await assertOneExport(fake);
  await assertServedBytes(fake, folder, FOLDER_CLIP_BYTES);
});
