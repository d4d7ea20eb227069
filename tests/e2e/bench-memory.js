// The app's memory through a working session, for `cargo xtask bench-app` (not a
// test: it asserts nothing and prints figures). The build given by --app is
// started through tauri-driver as the end-to-end tests start it, against
// fake-wayin serving a project of 500 clips, and measured (PSS and RSS summed
// over the app and its WebKit processes) at three moments:
//   idle       the first screen, 12 s after the start, as the anchor is measured;
//   project    the 500-clip project opened and scrolled to its end and back, so
//              every thumbnail has been loaded and drawn once;
//   exported   three clips of 20 MB exported, rendered and downloaded.
// Each line printed is `memory <moment> pss=<KiB> rss=<KiB> processes=<n>`.

import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { app: { type: "string" } } });
if (!values.app) throw new Error("usage: node bench-memory.js --app <wayin-clip-exporter binary>");
// paths.js reads it when first imported, so it is set before the imports below.
process.env.WAYIN_E2E_APP_BINARY = values.app;

const { Profile, launchApp } = await import("./app.js");
const { startFakeApi } = await import("./fake-api.js");
const { openProject, pickClips, sendExport, waitForDownloads } = await import("./journeys.js");
const { treeMemory } = await import("./memory.js");
const { sleep, eventually } = await import("./wait.js");

const PROJECT = "proj_bench_500";
const CLIPS = 500;
const IDLE_AT_MS = 12_000;
/** Time for WebKit to finish decoding and for freed memory to be given back, after each step. */
const SETTLE_MS = 6_000;

const fake = await startFakeApi({ synthetic: [`${PROJECT}:${CLIPS}:20M`] });
const profile = new Profile("bench-memory");
let app;
try {
  const started = Date.now();
  app = await launchApp(profile, { env: { WAYIN_API_BASE: fake.baseUrl, WAYIN_API_KEY: fake.apiKey } });
  const win = app.window;
  const pid = app.pid();
  if (!pid) throw new Error("the app's process was not found");
  await sleep(Math.max(0, IDLE_AT_MS - (Date.now() - started)));
  report("idle", pid);

  await openProject(win, PROJECT);
  await eventually(
    () => win.execute(`return document.querySelectorAll("#clip-grid .clip-card").length === ${CLIPS} || null;`),
    { timeout: 30_000, message: `the grid never showed ${CLIPS} clips` },
  );
  await scrollThroughGrid(win);
  await sleep(SETTLE_MS);
  report("project", pid);

  await pickClips(win, ["Synthetic clip 0", "Synthetic clip 1", "Synthetic clip 2"]);
  await sendExport(win, 3);
  await waitForDownloads(win, 3, { timeout: 180_000 });
  await sleep(SETTLE_MS);
  report("exported", pid);
} finally {
  await app?.close();
  profile.remove();
  await fake.stop();
}

function report(moment, pid) {
  const { pssKib, rssKib, processes } = treeMemory(pid);
  console.log(`memory ${moment} pss=${pssKib} rss=${rssKib} processes=${processes}`);
}

/** Scrolls the page to the grid's end a screen at a time, letting lazy thumbnails load, then back up. */
async function scrollThroughGrid(win) {
  for (let step = 0; step < 400; step += 1) {
    const atEnd = await win.execute(`
      const before = window.scrollY;
      window.scrollBy(0, window.innerHeight * 0.9);
      return window.scrollY === before;`);
    if (atEnd) break;
    await sleep(120);
  }
  await sleep(1000);
  await win.execute(`window.scrollTo(0, 0); return true;`);
}
