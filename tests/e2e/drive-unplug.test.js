// The window when the external drive holding the download folder is pulled
// out mid-download and plugged back: a real exFAT volume (an image on a loop
// device, mounted with the FUSE driver exfat-fuse as xtask's drive tests do)
// at the user's Videos folder, so the download folder is "<drive>/Wayin Clips".

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startFakeApi } from "./fake-api.js";
import { waitForDownloads } from "./journeys.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";
import { eventually, sleep } from "./wait.js";
import {
  MIB,
  assertOneExport,
  assertServedBytes,
  clipDownloads,
  exportTheClip,
  firstAnswered,
  isMounted,
  launch,
  partFile,
  pressRetry,
  profileWithVideosAt,
  rowError,
  start,
  unescapeMountField,
  unmount,
  waitForFailure,
  whyNoVolumes,
} from "./volumes.js";

/** Where the kernel lists FUSE connections (the fusectl file system), each with an `abort` file. */
const FUSE_CONNECTIONS = "/sys/fs/fuse/connections";
const TOOLS = { mkfs: "mkfs.exfat", mount: "mount.exfat-fuse", losetup: "losetup" };
const OPTIONS = { skip: SKIP_OUTSIDE_SESSION || whyNoVolumes() || whyNoDrive(), timeout: 180_000 };

/** The full path of a program, looked for on PATH and in the sbin folders root's PATH has. */
function toolPath(name) {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/local/sbin", "/usr/sbin", "/sbin"];
  return dirs.filter(Boolean).map((dir) => path.join(dir, name)).find((file) => fs.existsSync(file)) ?? null;
}

/** Why an exFAT drive cannot be made here, or false. */
function whyNoDrive() {
  if (!fs.existsSync("/dev/fuse")) return "this machine has no FUSE (/dev/fuse)";
  if (!fs.existsSync("/dev/loop-control")) return "this machine has no loop devices";
  const missing = Object.values(TOOLS).filter((name) => !toolPath(name));
  if (missing.length > 0) return `${missing.join(", ")} missing (apt-get install exfatprogs exfat-fuse)`;
  return false;
}

function run(tool, args) {
  return execFileSync(toolPath(tool) ?? tool, args, { stdio: "pipe", encoding: "utf8" });
}

/** Mounts fusectl (where a connection is aborted) unless it already is; unmounted after the test if mounted here. */
function fuseControl(defer) {
  if (isMounted(FUSE_CONNECTIONS)) return true;
  defer(() => unmount(FUSE_CONNECTIONS));
  try {
    run("mount", ["-t", "fusectl", "fusectl", FUSE_CONNECTIONS]);
    return true;
  } catch {
    return false;
  }
}

/** Detaches every loop device backed by `image`. */
function detachLoops(image) {
  for (const line of run(TOOLS.losetup, ["-j", image]).split("\n").filter(Boolean)) {
    run(TOOLS.losetup, ["-d", line.slice(0, line.indexOf(":"))]);
  }
}

/**
 * The FUSE connection of the mount at `dir`: its folder name under fusectl,
 * the mount's device number as the kernel writes it (major << 20 | minor;
 * for exfat-fuse's "fuseblk" mounts, the loop device's own number).
 */
function fuseConnectionOf(dir) {
  for (const line of fs.readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    const fields = line.split(" ");
    if (unescapeMountField(fields[4] ?? "") !== dir) continue;
    const [major, minor] = fields[2].split(":").map(Number);
    return String(major * 2 ** 20 + minor);
  }
  return null;
}

/**
 * A USB stick in the profile's Videos folder: a 64 MiB exFAT image on a loop
 * device, mounted with exfat-fuse. Each step registers its undoing before it
 * is taken, so no mount or loop device outlives the test, even a failed one.
 */
function profileOnExfatDrive(defer) {
  const { profile, volume, folder } = profileWithVideosAt(defer, "drive-unplug");
  const image = path.join(fs.realpathSync(profile.dir), "usb-stick.img");
  fs.closeSync(fs.openSync(image, "w"));
  fs.truncateSync(image, 64 * MIB);
  run(TOOLS.mkfs, [image]);
  defer(() => detachLoops(image));
  const loop = run(TOOLS.losetup, ["--find", "--show", image]).trim();
  defer(() => unmount(volume));
  const drive = { loop, mountPoint: volume, connection: null };
  plugIn(drive);
  return { profile, folder, drive };
}

function plugIn(drive) {
  run(TOOLS.mount, [drive.loop, drive.mountPoint]);
  assert.ok(isMounted(drive.mountPoint), `${drive.loop} is mounted at ${drive.mountPoint}`);
  drive.connection = fuseConnectionOf(drive.mountPoint);
}

/** The exfat-fuse processes serving `drive`. */
function driversOf(drive) {
  return fs.readdirSync("/proc").filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return argv.some((arg) => arg.endsWith(TOOLS.mount)) && argv.includes(drive.loop);
    } catch {
      return false; // gone meanwhile
    }
  }).map(Number);
}

/**
 * Pulls the stick out as the app sees it: the FUSE connection dies under every
 * open file (each call then fails with "Transport endpoint is not connected"),
 * then the mount goes, leaving the bare mount point. The kernel's own abort
 * when fusectl is there, else the driver killed outright (which aborts too).
 */
function unplug(drive) {
  const abort = drive.connection && path.join(FUSE_CONNECTIONS, drive.connection, "abort");
  if (abort && fs.existsSync(abort)) {
    fs.writeFileSync(abort, "1");
  } else {
    const drivers = driversOf(drive);
    assert.ok(drivers.length > 0, `no exfat-fuse process serves ${drive.loop}`);
    for (const pid of drivers) process.kill(pid, "SIGKILL");
  }
  run("umount", ["-l", drive.mountPoint]);
}

/**
 * Plugs the stick back at the same place. The kernel hands a new mount of a
 * block device its old file system while anything still holds a file on the
 * dead one, so this first waits until nothing does (the connection's fusectl
 * folder goes with its last user): the app must have let go of its part file.
 */
async function plugBack(drive) {
  if (drive.connection && isMounted(FUSE_CONNECTIONS)) {
    const dead = path.join(FUSE_CONNECTIONS, drive.connection);
    await eventually(() => !fs.existsSync(dead), { timeout: 10_000, message: "a file on the unplugged drive was still held open" });
  } else {
    await sleep(1000);
  }
  plugIn(drive);
}

/** Waits for a pause between two cuts: the part file holds whole cuts of `cut` bytes and stopped growing. */
async function waitForPause(folder, cut) {
  let last = -1;
  return eventually(
    () => {
      const part = partFile(folder);
      const size = part?.size ?? -1;
      const still = size === last;
      last = size;
      return still && size > 0 && size % cut === 0 ? part : null;
    },
    { timeout: 60_000, interval: 150, message: "the download never paused after a cut" },
  );
}

const CLIP_BYTES = 40 * MIB;

/**
 * Exports a 40 MiB clip of `project` onto an exFAT stick over a connection cut after every
 * 8 MiB three times, pulls the stick out in one of those pauses, and waits for the row to
 * say the download failed.
 */
async function unplugMidDownload(defer, t, project) {
  const CUT_AFTER = 8 * MIB;
  const fake = await startFakeApi({ synthetic: [`${project}:1:${CLIP_BYTES}`] });
  defer(() => fake.stop());
  await fake.setFaults(project, { drop_after_bytes: CUT_AFTER, drop_times: 3 });
  fuseControl(defer);
  const { profile, folder, drive } = profileOnExfatDrive(defer);
  const { app, win } = await start(defer, profile, fake, folder);
  await exportTheClip(win, project);
  const paused = await waitForPause(folder, CUT_AFTER);
  unplug(drive);
  await waitForFailure(win, ["1 failed: use Retry"]);
  const said = await rowError(win);
  t.diagnostic(`unplugged with ${paused.size} bytes in ${paused.name}; the row says: ${said}`);
  return { app, drive, fake, folder, profile, said, win };
}

/** Retry after the stick is back: the download goes on from the part file kept on it, byte for byte. */
async function retryFinishesFromThePart(win, fake, folder) {
  const kept = partFile(folder);
  assert.ok(kept && kept.size > 0 && kept.size < CLIP_BYTES, `the part file is on the stick again: ${JSON.stringify(kept)}`);
  const before = (await clipDownloads(fake)).length;
  await pressRetry(win);
  await waitForDownloads(win, 1, { timeout: 120_000 });
  const resumed = firstAnswered((await clipDownloads(fake)).slice(before));
  assert.equal(resumed?.range, `bytes=${kept.size}-`, `Retry went on from the part file's end: ${JSON.stringify(resumed)}`);
  await assertOneExport(fake);
  await assertServedBytes(fake, folder, CLIP_BYTES);
}

// Tried: a 40 MiB clip downloads onto an exFAT USB stick over a connection
// cut after every 8 MiB, three times (the app waits a second or more before
// each resume); in one of those pauses the stick is pulled out. The row must
// say "Failed" with a reason naming the folder on the drive. Once the stick is
// plugged back at the same place and Retry is pressed, the download must go on
// from the part file kept on the stick and end byte for byte what the CDN
// serves, with the export sent once.
test("an external drive unplugged mid-download is named, and after it is plugged back Retry finishes byte for byte", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const { drive, fake, folder, said, win } = await unplugMidDownload(defer, t, "proj_drive_unplugged");
  assert.ok(said.length > 0, "the row says why the download failed");
  assert.ok(said.includes(`the folder ${folder} can no longer be reached`), `the row names the folder on the unplugged drive: ${said}`);
  assert.match(said, /plug its drive back in/, `the row says what to do: ${said}`);

  await plugBack(drive);
  await retryFinishesFromThePart(win, fake, folder);
});

// Tried: as above, the stick is pulled out mid-download and the row says so;
// then the app is killed and started again while the stick is still out. The
// restarted app must name the folder on the drive and download nothing; once
// the stick is plugged back, Retry must go on from the part file kept on it,
// end byte for byte, and no second export may be sent.
test("the app killed while its drive is unplugged finishes the clip after a restart once the drive is back", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const { app, drive, fake, folder, profile } = await unplugMidDownload(defer, t, "proj_drive_unplugged_then_killed");
  await app.crash();
  const downloadsAtCrash = (await clipDownloads(fake)).length;

  const restarted = (await launch(defer, profile, fake)).window;
  await restarted.goTo("Exports");
  const text = await waitForFailure(restarted, ["can no longer be reached", "1 failed: use Retry"]);
  assert.ok(text.includes(folder), `the restarted app still names the folder on the drive: ${text}`);
  assert.equal((await clipDownloads(fake)).length, downloadsAtCrash, "nothing was downloaded before Retry");
  assert.ok(!fs.existsSync(folder), "the restarted app made no download folder where the drive was");

  await plugBack(drive);
  await retryFinishesFromThePart(restarted, fake, folder);
});
