// The window under the disk faults the command line survives, each on a real
// small volume (a tmpfs holding the user's Videos folder, so the download
// folder is "<volume>/Wayin Clips"): a disk that fills mid-download, a
// download folder on a read-only volume, the folder removed mid-download.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Profile, launchApp } from "./app.js";
import { startFakeApi } from "./fake-api.js";
import { sha256File } from "./files.js";
import { cardText, downloadFolder, newestExportCard, openProject, pickClips, sendExport, waitForDownloads } from "./journeys.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";
import { eventually } from "./wait.js";

const MIB = 1024 * 1024;
const TITLE = "Synthetic clip 0";
const OPTIONS = { skip: SKIP_OUTSIDE_SESSION || whyNoVolumes(), timeout: 180_000 };

/** Why volumes cannot be mounted here (as xtask's drive tests decide: root, on Linux), or false. */
function whyNoVolumes() {
  if (process.platform !== "linux") return "mounts volumes with Linux tools";
  if (process.getuid() !== 0) return "mounting a volume needs root";
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), "wayin-e2e-mount-probe-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe], { stdio: "pipe" });
    unmount(probe);
    return false;
  } catch (err) {
    return `this machine lets no one mount a tmpfs (${String(err.stderr ?? err.message).trim()})`;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

/** Whether something is mounted at `dir` (a real path), from /proc/self/mounts. */
function isMounted(dir) {
  const unescape = (field) => field.replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)));
  return fs.readFileSync("/proc/self/mounts", "utf8").split("\n").some((line) => unescape(line.split(" ")[1] ?? "") === dir);
}

/** Unmounts `dir`; lazily when something still holds it open. Leaves no mount behind. */
function unmount(dir) {
  if (!isMounted(dir)) return;
  try {
    execFileSync("umount", [dir], { stdio: "pipe" });
  } catch {
    execFileSync("umount", ["-l", dir], { stdio: "pipe" });
  }
  assert.equal(isMounted(dir), false, `${dir} is still mounted`);
}

/**
 * A fresh profile whose Videos folder (user-dirs.dirs, read by the engine's
 * default_download_dir) is a tmpfs of `size`, unmounted after the test even on
 * failure; returns the profile, the volume and the download folder in it.
 */
function profileOnVolume(defer, size) {
  const profile = new Profile("disk-faults");
  defer(() => profile.remove());
  const volume = path.join(fs.realpathSync(profile.dir), "volume");
  fs.mkdirSync(volume);
  defer(() => unmount(volume));
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", volume], { stdio: "pipe" });
  fs.writeFileSync(path.join(profile.env().XDG_CONFIG_HOME, "user-dirs.dirs"), `XDG_VIDEOS_DIR="${volume}"\n`);
  return { profile, volume, folder: path.join(volume, "Wayin Clips") };
}

/** The app in `profile` against `fake`, its download folder checked to be `folder`, on Clips. */
async function start(defer, profile, fake, folder) {
  const app = await launchApp(profile, { env: { WAYIN_API_BASE: fake.baseUrl, WAYIN_API_KEY: fake.apiKey } });
  defer(() => app.close());
  const win = app.window;
  assert.equal(await downloadFolder(win), folder, "the download folder is on the test volume");
  await win.goTo("Clips");
  return win;
}

/** Exports the one clip of `project` with the form's defaults. */
async function exportTheClip(win, project) {
  await openProject(win, project);
  await pickClips(win, [TITLE]);
  await sendExport(win, 1);
}

/** Waits until the export card shows its download failed with `words`; returns the card's text. */
async function waitForFailure(win, words, { timeout = 60_000 } = {}) {
  const card = await newestExportCard(win);
  return eventually(
    async () => {
      const text = await cardText(card);
      return text.includes("Failed") && words.every((word) => text.includes(word)) ? text : null;
    },
    { timeout, interval: 250, message: `the download never showed "Failed" with ${JSON.stringify(words)}` },
  );
}

/** Presses the failed row's Retry button (named "Retry <file name>"). */
async function pressRetry(win) {
  const card = await newestExportCard(win);
  await win.press(await win.get("button", "Retry", { exact: false, within: card }));
}

/** The one finished clip in `folder` is complete and byte for byte what the CDN serves. */
async function assertServedBytes(fake, folder, bytes) {
  const names = fs.readdirSync(folder);
  assert.deepEqual(names.filter((name) => name.endsWith(".part")), [], "no part files are left");
  const files = names.filter((name) => name.endsWith(".mp4"));
  assert.equal(files.length, 1, `one clip in ${folder}: ${names.join(", ")}`);
  const file = path.join(folder, files[0]);
  assert.equal(fs.statSync(file).size, bytes, `${files[0]} is complete`);
  const taskId = (await fake.requests()).map((call) => /\/clips\/export\/(export_task_\w+)/.exec(call.path)?.[1]).find(Boolean);
  const served = [...(await fake.servedClipHashes(taskId)).values()];
  assert.deepEqual([await sha256File(file)], served, "the file is byte for byte what the CDN serves");
}

/** CDN downloads of exported clips, in order. */
async function clipDownloads(fake) {
  return (await fake.cdnRequests()).filter((request) => request.path.startsWith("/cdn/export/"));
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
  const win = await start(defer, profile, fake, folder);

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

  const resumed = (await clipDownloads(fake)).slice(before).find((request) => request.status === 206 || request.status === 200);
  assert.equal(resumed?.range, `bytes=${kept}-`, `Retry went on from the part file's end: ${JSON.stringify(resumed)}`);
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
  const win = await start(defer, profile, fake, folder);

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
  const CLIP_BYTES = 40 * MIB;
  const CUT_AFTER = 8 * MIB;
  const project = "proj_folder_gone";
  const fake = await startFakeApi({ synthetic: [`${project}:1:${CLIP_BYTES}`] });
  defer(() => fake.stop());
  await fake.setFaults(project, { drop_after_bytes: CUT_AFTER, drop_times: 3 });
  const { profile, folder } = profileOnVolume(defer, "64m");
  const win = await start(defer, profile, fake, folder);

  await exportTheClip(win, project);
  await eventually(
    () => {
      const parts = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith(".part")) : [];
      return parts.some((name) => fs.statSync(path.join(folder, name)).size >= CUT_AFTER);
    },
    { timeout: 60_000, interval: 20, message: "no download got under way" },
  );
  fs.rmSync(folder, { recursive: true, force: true });

  const text = await waitForFailure(win, ["cannot write", "1 failed: use Retry"]);
  assert.ok(text.includes(`cannot write ${folder}/`), `the row names the file in the removed folder: ${text}`);
  assert.match(text, /No such file or directory/);

  fs.mkdirSync(folder);
  await pressRetry(win);
  await waitForDownloads(win, 1);
  await assertServedBytes(fake, folder, CLIP_BYTES);
});
