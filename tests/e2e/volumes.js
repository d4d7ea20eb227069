// Real volumes under the download folder, for the disk-fault tests: a profile
// whose Videos folder is a mount point (so the download folder is
// "<volume>/Wayin Clips"), mounting and unmounting, and the steps and checks
// those tests share.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Profile, launchApp } from "./app.js";
import { sha256File } from "./files.js";
import { cardText, downloadFolder, newestExportCard, openProject, pickClips, sendExport } from "./journeys.js";
import { eventually } from "./wait.js";

export const MIB = 1024 * 1024;
/** The one clip of the fake's synthetic projects that the tests export. */
export const TITLE = "Synthetic clip 0";

/** Why volumes cannot be mounted here (as xtask's drive tests decide: root, on Linux), or false. */
export function whyNoVolumes() {
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
export function isMounted(dir) {
  return fs.readFileSync("/proc/self/mounts", "utf8").split("\n").some((line) => unescapeMountField(line.split(" ")[1] ?? "") === dir);
}

/** A path as /proc/self/mounts and mountinfo write it (a space is "\040"). */
export function unescapeMountField(field) {
  return field.replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)));
}

/** Unmounts `dir`; lazily when something still holds it open. Leaves no mount behind. */
export function unmount(dir) {
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
 * default_download_dir) is the empty folder `volume`, for the caller to mount
 * something at; returns the profile, the volume and the download folder in it.
 */
export function profileWithVideosAt(defer, name) {
  const profile = new Profile(name);
  defer(() => profile.remove());
  const volume = path.join(fs.realpathSync(profile.dir), "volume");
  fs.mkdirSync(volume);
  fs.writeFileSync(path.join(profile.env().XDG_CONFIG_HOME, "user-dirs.dirs"), `XDG_VIDEOS_DIR="${volume}"\n`);
  return { profile, volume, folder: path.join(volume, "Wayin Clips") };
}

/** As profileWithVideosAt, the Videos folder a tmpfs of `size`, unmounted after the test even on failure. */
export function profileOnVolume(defer, size) {
  const made = profileWithVideosAt(defer, "disk-faults");
  defer(() => unmount(made.volume));
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", made.volume], { stdio: "pipe" });
  return made;
}

/** The app in `profile` against `fake`, closed after the test. */
export async function launch(defer, profile, fake) {
  const app = await launchApp(profile, { env: { WAYIN_API_BASE: fake.baseUrl, WAYIN_API_KEY: fake.apiKey } });
  defer(() => app.close());
  return app;
}

/** The app in `profile` against `fake`, its download folder checked to be `folder`, on Clips. */
export async function start(defer, profile, fake, folder) {
  const app = await launch(defer, profile, fake);
  const win = app.window;
  assert.equal(await downloadFolder(win), folder, "the download folder is on the test volume");
  await win.goTo("Clips");
  return { app, win };
}

/** Exports the one clip of `project` with the form's defaults. */
export async function exportTheClip(win, project) {
  await openProject(win, project);
  await pickClips(win, [TITLE]);
  await sendExport(win, 1);
}

/** Waits until the export card shows its download failed with `words`; returns the card's text. */
export async function waitForFailure(win, words, { timeout = 60_000 } = {}) {
  const card = await newestExportCard(win);
  return eventually(
    async () => {
      const text = await cardText(card);
      return text.includes("Failed") && words.every((word) => text.includes(word)) ? text : null;
    },
    { timeout, interval: 250, message: `the download never showed "Failed" with ${JSON.stringify(words)}` },
  );
}

/** What the newest export's download row says went wrong, as shown under its name. */
export async function rowError(win) {
  const card = await newestExportCard(win);
  const error = await card.find("css selector", ".download-error");
  return (await error.text()).replace(/\s+/g, " ").trim();
}

/** Presses the failed row's Retry button (named "Retry <file name>"). */
export async function pressRetry(win) {
  const card = await newestExportCard(win);
  await win.press(await win.get("button", "Retry", { exact: false, within: card }));
}

/** The one part file in `folder` ({ name, size }), or null. */
export function partFile(folder) {
  const names = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith(".part")) : [];
  if (names.length === 0) return null;
  assert.equal(names.length, 1, `one part file in ${folder}: ${names.join(", ")}`);
  return { name: names[0], size: fs.statSync(path.join(folder, names[0])).size };
}

/** The one finished clip in `folder` is complete and byte for byte what the CDN serves. */
export async function assertServedBytes(fake, folder, bytes) {
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

/** Nothing paid for twice: the API accepted exactly one export, sent exactly once. */
export async function assertOneExport(fake) {
  assert.equal((await fake.exports()).length, 1, "the API accepted exactly one export");
  const posts = (await fake.requests()).filter((call) => call.method === "POST" && call.path.includes("/clips/export"));
  assert.equal(posts.length, 1, `the export was sent once: ${JSON.stringify(posts)}`);
}

/** CDN downloads of exported clips, in order. */
export async function clipDownloads(fake) {
  return (await fake.cdnRequests()).filter((request) => request.path.startsWith("/cdn/export/"));
}

/** The first download the CDN answered among `requests`: where a resume asked to start. */
export function firstAnswered(requests) {
  return requests.find((request) => request.status === 206 || request.status === 200);
}
