// Exports: history, live progress from channel events, per-download actions,
// the "unknown" mark, and "Export again with other settings".

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startBrowser, openApp, closePage, callsOf, waitForCall, eventually, openProjectByTyping, clipCard } from "./harness.js";
import { PODCAST, PROJECT_ID, HOUR, exportView, download, exportUpdated, downloadProgress, downloadChanged, pollFailed } from "./fixtures.js";

const RUNNING = download({ id: 31, state: "downloading", bytesDone: 0, total: 27_300_000 });
const QUEUED = download({ id: 32, idx: 2, fileName: "Founders podcast, episode 12 - 02 - Hiring before product-market fit.mp4" });
const FINISHED = download({
  id: 21,
  exportId: 6,
  idx: 1,
  fileName: "Founders podcast, episode 12 - 01 - The first hundred customers.mp4",
  state: "done",
  bytesDone: 8_400_000,
  total: 8_400_000,
  url: "/test-media/clip/21.mp4",
});

const HISTORY = [
  exportView({ id: 7, downloads: [RUNNING, QUEUED] }),
  exportView({ id: 6, status: "SUCCEEDED", phase: "done", costUsage: 12.5, requestedClips: [1], downloads: [FINISHED] }),
  exportView({
    id: 5,
    status: "FAILED",
    phase: "failed",
    problem: { kind: "render_failed", message: "Source video is no longer available." },
    costUsage: 0,
    expireAt: Date.now() - HOUR,
  }),
  exportView({
    id: 4,
    status: null,
    phase: "unknown",
    problem: { kind: "answer_lost", message: "The WayinVideo service did not answer in time (timed out). Check your connection and try again." },
    taskId: null,
    costUsage: null,
    expireAt: null,
  }),
];

let env;
before(async () => (env = await startBrowser()));
after(() => env.close());

async function showExports(config = {}) {
  const page = await openApp(env, { projects: [PODCAST], exports: structuredClone(HISTORY), ...config });
  await page.getByRole("button", { name: "Exports", exact: false }).first().click();
  await page.getByRole("heading", { name: "Exports", exact: true }).waitFor();
  return page;
}

const card = (page, id) => page.locator(`li.export[data-export-id="${id}"]`);
const row = (page, fileName) => page.getByRole("listitem").filter({ hasText: fileName }).last();
const emit = (page, event) => page.evaluate((e) => window.__mock.emit(e), event);

test("history shows status, cost, time until expiry and errors", async () => {
  const page = await showExports();
  assert.equal(await card(page, 7).locator(".status-badge").innerText(), "Rendering");
  assert.match(await card(page, 7).locator(".export-meta").innerText(), /2 clips · sent 10 min ago · 48 API units · Results expire in 2 days/);
  assert.equal(await card(page, 6).locator(".status-badge").innerText(), "Done");
  assert.match(await card(page, 6).locator(".export-meta").innerText(), /12\.5 API units/);
  assert.equal(await card(page, 5).locator(".status-badge").innerText(), "Failed");
  await card(page, 5).getByText("Source video is no longer available.").waitFor();
  assert.match(await card(page, 5).locator(".export-meta").innerText(), /Results expired/);
  assert.equal(await card(page, 4).locator(".status-badge").innerText(), "Unknown — check before exporting again");
  await card(page, 4).getByText("Check your WayinVideo account before exporting these clips again").waitFor();
  assert.equal(await page.getByRole("button", { name: "Exports 1 in progress" }).count(), 1, "the nav counts running exports");
  await closePage(page);
});

test("download progress events show percent, speed and time left", async () => {
  const page = await showExports();
  const running = row(page, RUNNING.fileName);
  await emit(page, downloadProgress({ downloadId: 31, exportId: 7, idx: 0, bytesDone: 12_285_000, total: 27_300_000, bytesPerSec: 2_100_000, etaSecs: 7.3 }));
  await running.getByText("45% · 12.3 MB of 27.3 MB · 2.1 MB/s · 7 s left").waitFor();
  assert.equal(await running.getByRole("progressbar").evaluate((el) => el.value), 0.45);
  assert.equal(await running.getByRole("progressbar").getAttribute("aria-label"), `Download of ${RUNNING.fileName}`);

  await emit(page, downloadProgress({ downloadId: 32, exportId: 7, idx: 2, bytesDone: 1_000_000, total: null, bytesPerSec: 500_000, etaSecs: null }));
  const queued = row(page, QUEUED.fileName);
  await queued.getByText("1.0 MB so far · 500 KB/s · working out the time left").waitFor();
  assert.equal(await queued.locator(".download-state").innerText(), "Downloading");

  await emit(page, downloadChanged({ ...RUNNING, state: "done", bytesDone: 27_300_000, url: "/test-media/clip/31.mp4" }));
  await running.getByText("Downloaded").waitFor();
  await card(page, 7).getByText("1 of 2 clips downloaded").waitFor();
  assert.equal(await running.getByRole("progressbar").evaluate((el) => el.value), 1);
  for (const name of ["Play", "Open", "Show in folder"]) {
    assert.ok(await running.getByRole("button", { name: `${name} ${RUNNING.fileName}` }).isVisible(), name);
  }
  assert.equal(await running.getByRole("button", { name: `Cancel ${RUNNING.fileName}` }).isVisible(), false);
  await closePage(page);
});

test("cancel and retry name the right download", async () => {
  const page = await showExports();
  await page.getByRole("button", { name: `Cancel ${QUEUED.fileName}` }).click();
  await row(page, QUEUED.fileName).getByText("Cancelled", { exact: true }).waitFor();
  assert.deepEqual((await callsOf(page, "download_cancel")).map((c) => c.args), [{ downloadId: 32 }]);
  await card(page, 7).getByText("0 of 2 clips downloaded, 1 cancelled").waitFor();

  await page.getByRole("button", { name: `Retry ${QUEUED.fileName}` }).click();
  await row(page, QUEUED.fileName).getByText("Waiting for the render").waitFor();
  assert.deepEqual((await callsOf(page, "download_retry")).map((c) => c.args), [{ downloadId: 32 }]);
  await closePage(page);
});

test("a failed download shows its error and offers Retry", async () => {
  const failed = download({ id: 33, state: "failed", bytesDone: 4_000_000, total: 9_000_000, errorKind: "network", error: "The connection dropped at 4.0 MB; Retry resumes from there." });
  const page = await showExports({ exports: [exportView({ id: 8, downloads: [failed] })] });
  const failedRow = row(page, failed.fileName);
  await failedRow.getByText("The connection dropped at 4.0 MB; Retry resumes from there.").waitFor();
  assert.ok(await failedRow.getByRole("button", { name: `Retry ${failed.fileName}` }).isVisible());
  await card(page, 8).getByText("0 of 1 clip downloaded, 1 failed: use Retry").waitFor();
  await closePage(page);
});

test("reveal, open and drag take the download id", async () => {
  const page = await showExports();
  await page.getByRole("button", { name: `Show in folder ${FINISHED.fileName}` }).click();
  await page.getByRole("button", { name: `Open ${FINISHED.fileName}` }).click();
  await waitForCall(page, "download_open");
  assert.deepEqual((await callsOf(page, "download_reveal")).map((c) => c.args), [{ downloadId: 21 }]);
  assert.deepEqual((await callsOf(page, "download_open")).map((c) => c.args), [{ downloadId: 21 }]);

  const handle = row(page, FINISHED.fileName).locator(".drag-handle");
  assert.ok(await handle.isVisible());
  assert.equal(await row(page, RUNNING.fileName).locator(".drag-handle").isVisible(), false, "only finished files can be dragged");
  await handle.hover();
  await page.mouse.down();
  await handle.dispatchEvent("dragstart");
  await page.mouse.up();
  await waitForCall(page, "download_drag");
  assert.deepEqual((await callsOf(page, "download_drag")).map((c) => c.args), [{ downloadId: 21 }], "asked once per gesture");
  await closePage(page);
});

test("Play shows a player for the finished clip", async () => {
  const page = await showExports();
  await page.getByRole("button", { name: `Play ${FINISHED.fileName}` }).click();
  const player = row(page, FINISHED.fileName).locator("video");
  assert.ok(await player.isVisible());
  assert.equal(await player.getAttribute("src"), FINISHED.url);
  assert.ok(await player.evaluate((el) => el.controls));
  await page.getByRole("button", { name: `Hide player ${FINISHED.fileName}` }).click();
  assert.equal(await player.isVisible(), false);
  await closePage(page);
});

test("export events update status; a failed poll is explained", async () => {
  const page = await showExports();
  const updated = { ...HISTORY[0], status: "SUCCEEDED", phase: "downloading", costUsage: 52, downloads: [RUNNING, QUEUED] };
  await emit(page, exportUpdated(updated));
  await eventually(async () => (await card(page, 7).locator(".status-badge").innerText()) === "Rendered");
  assert.match(await card(page, 7).locator(".export-meta").innerText(), /52 API units/);
  await emit(page, pollFailed({ exportId: 7, kind: "rate_limited", message: "WayinVideo asked to wait 20 s." }));
  await card(page, 7).getByText("Checking this export failed: WayinVideo asked to wait 20 s. It is checked again automatically.").waitFor();

  await emit(page, exportUpdated(exportView({ id: 9, status: "QUEUED", createdAt: Date.now() })));
  await card(page, 9).waitFor();
  assert.equal(await page.locator("li.export").first().getAttribute("data-export-id"), "9", "new exports go on top");
  await closePage(page);
});

test("an event a view cannot show does not stop the events after it", async () => {
  const page = await showExports();
  await emit(page, { type: "creation_updated" });
  await emit(page, { type: "a_kind_from_a_newer_shell", anything: 1 });
  const updated = { ...HISTORY[0], status: "SUCCEEDED", phase: "downloading", costUsage: 52, downloads: [RUNNING, QUEUED] };
  await emit(page, exportUpdated(updated));
  await eventually(async () => (await card(page, 7).locator(".status-badge").innerText()) === "Rendered");
  await closePage(page);
});

test("'Export again with other settings' reopens the project with its clips and options", async () => {
  const page = await showExports();
  await card(page, 7).getByRole("button", { name: /^Export again with other settings/ }).click();
  await page.locator("#export-form").getByText("Settings of export 7 loaded: change what you need, then press Export.").waitFor();
  assert.deepEqual((await callsOf(page, "project_open")).map((c) => c.args), [{ input: PROJECT_ID }]);
  assert.equal(await clipCard(page, PODCAST.clips[0].title).getAttribute("aria-pressed"), "true");
  assert.equal(await clipCard(page, PODCAST.clips[2].title).getAttribute("aria-pressed"), "true");
  assert.equal(await clipCard(page, PODCAST.clips[1].title).getAttribute("aria-pressed"), "false");
  assert.equal(await page.getByLabel("Hook duration (seconds)").inputValue(), "2.5");
  const preview = await waitForCall(page, "export_preview", (args) => args.options.reframe === "RATIO_9_16");
  assert.deepEqual(preview.args, { projectId: PROJECT_ID, clips: [0, 2], options: HISTORY[0].options });
  await closePage(page);
});

test("exporting again from an unknown export repeats the warning", async () => {
  const page = await showExports();
  await card(page, 4).getByRole("button", { name: /^Export again with other settings/ }).click();
  await page.locator("#export-form").getByText("That export is marked “Unknown — check before exporting again”.").waitFor();
  await closePage(page);
});

test("a submitted export appears on top and the view follows it", async () => {
  const page = await openApp(env, { projects: [PODCAST], exports: structuredClone(HISTORY) });
  await openProjectByTyping(page, PROJECT_ID);
  await clipCard(page, PODCAST.clips[3].title).click();
  await page.getByRole("button", { name: "Export 1 clip" }).click();
  await page.getByRole("heading", { name: "Exports", exact: true }).waitFor();
  assert.ok(await page.getByRole("heading", { name: "Exports", exact: true }).evaluate((el) => el === document.activeElement));
  const first = page.locator("li.export").first();
  assert.equal(await first.getAttribute("data-export-id"), "100");
  assert.equal(await first.locator(".status-badge").innerText(), "Created");
  await first.getByText("Rendering on WayinVideo. Each clip downloads as soon as it is ready.").waitFor();
  await closePage(page);
});

test("empty history and a failed load both say what to do", async () => {
  const empty = await showExports({ exports: [] });
  await empty.getByText("No exports yet. Open a project in Clips, select clips and press Export.").waitFor();
  await closePage(empty);

  const unreachable = "Could not reach the WayinVideo service (connection refused). Check your connection and try again.";
  const page = await showExports({ exports: [], failures: { exports_list: { kind: "network", message: unreachable } } });
  await page.getByText(`Exports could not be loaded: ${unreachable}`, { exact: true }).waitFor();
  await page.getByRole("button", { name: "Try again" }).click();
  await page.getByText("No exports yet.").waitFor();
  await closePage(page);
});

test("an export with finished clips offers timelines for each editor, and drags them all at once", async () => {
  const page = await showExports();
  const done = card(page, 6);
  assert.equal(await card(page, 7).locator(".export-editor").isVisible(), false, "nothing finished, nothing to take into an editor");
  await done.getByRole("heading", { name: "Into your editor" }).waitFor();

  await done.getByRole("button", { name: "Premiere / Resolve timeline", exact: false }).click();
  await done.getByText(`Premiere Pro / DaVinci Resolve XML: ${PODCAST.name} - timeline.xml`).waitFor();
  await done.getByRole("button", { name: "Final Cut timeline", exact: false }).click();
  await done.getByText(`Final Cut Pro XML: ${PODCAST.name} - timeline.fcpxml`).waitFor();
  assert.deepEqual(
    (await callsOf(page, "timeline_write")).map((c) => c.args),
    [{ exportId: 6, format: "xmeml" }, { exportId: 6, format: "fcpxml" }],
  );

  // The timeline file itself drags (Final Cut takes a dropped .fcpxml).
  const fcpxml = done.locator('.timeline-file[data-format="fcpxml"] .drag-handle');
  await fcpxml.hover();
  await page.mouse.down();
  await page.mouse.up();
  await waitForCall(page, "timeline_drag");
  assert.deepEqual((await callsOf(page, "timeline_drag")).map((c) => c.args), [{ exportId: 6, format: "fcpxml" }]);

  const dragAll = done.locator(".drag-all");
  assert.match(await dragAll.textContent(), /Drag the clip/);
  await dragAll.hover();
  await page.mouse.down();
  await dragAll.dispatchEvent("dragstart");
  await page.mouse.up();
  await waitForCall(page, "export_drag_all");
  assert.deepEqual((await callsOf(page, "export_drag_all")).map((c) => c.args), [{ exportId: 6 }], "one drag per gesture");
  await closePage(page);
});

test("a timeline that cannot be written says why beside the buttons", async () => {
  const page = await showExports({
    failures: { timeline_write: { kind: "media_unreadable", message: "Podcast - 01.mp4 could not be read as a video: it is damaged; re-download it." } },
  });
  const done = card(page, 6);
  await done.getByRole("button", { name: "EDL timeline", exact: false }).click();
  await done.getByRole("alert").getByText("could not be read as a video", { exact: false }).waitFor();
  assert.equal(await done.locator(".timeline-file").count(), 0, "no file is listed when none was written");
  await closePage(page);
});

test("a failed render says WayinVideo's message once, apart from what happened and what to do", async () => {
  const vendor = "Rendering failed: the source video's audio track could not be decoded (code 4012).";
  const failed = exportView({
    id: 9,
    status: "FAILED",
    phase: "failed",
    problem: { kind: "render_failed", message: vendor },
  });
  const page = await showExports({ exports: [failed] });
  const text = await card(page, 9).innerText();
  assert.equal(text.split(vendor).length - 1, 1, `the vendor's message appears once in: ${text}`);
  assert.doesNotMatch(text, /The export failed:/);
  await card(page, 9).getByText("WayinVideo could not render this export, so there is nothing to download.").waitFor();
  await card(page, 9).getByText(`WayinVideo said: “${vendor}”`).waitFor();
  await card(page, 9).getByText(`contact WayinVideo support with the export task id ${failed.taskId}`, { exact: false }).waitFor();
  await closePage(page);
});

test("each kind of problem is worded by the page once, and a kind it does not know says nothing", async () => {
  const problems = [
    [{ kind: "links_missing", clips: [2, 5] }, "WayinVideo finished the export but never gave a link for clips 2, 5. Export them again later."],
    [{ kind: "download_failed", idx: 3, errorKind: "disk_full", message: "The disk is full." }, "Clip 3 could not be downloaded: The disk is full."],
    [{ kind: "expired" }, "The export's results expired before every clip was downloaded. Export it again."],
    [{ kind: "refused", message: "The API refused the request: resolution is not valid" }, "The API refused the request: resolution is not valid"],
    [{ kind: "a_kind_from_a_newer_shell", idx: 1 }, ""],
  ];
  const exports = problems.map(([problem], n) => exportView({ id: 20 + n, status: "SUCCEEDED", phase: "incomplete", problem }));
  const page = await showExports({ exports });
  for (const [n, [, words]] of problems.entries()) {
    const shown = card(page, 20 + n).locator(".export-problem");
    if (words) {
      assert.equal((await shown.innerText()).trim(), words);
    } else {
      assert.equal(await shown.isVisible(), false, "nothing is made up for an unknown kind");
    }
  }
  await closePage(page);
});
