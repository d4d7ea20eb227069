// @ts-check
// One export in the history: status, cost, expiry, problems, and its downloads.

import { fromTemplate, labelWithContext, setText } from "../dom.js";
import { formatAgo, formatCost, formatExpiry, plural } from "../format.js";
import { createDownloadRow } from "./download-row.js";
import { createEditorSection } from "./export-editor.js";
import { PHASE_BADGES } from "../phases.js";
import { problemText } from "../problems.js";

/** @typedef {import("../../types/shell.js").ExportView} ExportView */
/** @typedef {import("../../types/shell.js").DownloadView} DownloadView */
/** @typedef {import("../../types/shell.js").Events} Events */

/** While rendering, the API's own stage says more. */
const RENDER_STAGES = { CREATED: "Created", QUEUED: "Queued", ONGOING: "Rendering" };

/** Phases before any clip can download. */
const STILL_RENDERING = new Set(["sending", "waiting", "rendering"]);

/** Phases in which an export still needs watching. */
const MOVING = new Set(["sending", "waiting", "rendering", "downloading"]);

/**
 * The badge: what people need to know first about an export.
 * @param {ExportView} view
 * @returns {{ text: string, tone: string }}
 */
export function statusOf(view) {
  if (view.phase === "rendering" && view.status) {
    // A stage the API has not documented is shown as it is: still working, never a crash.
    return { text: RENDER_STAGES[view.status] ?? `Status: ${view.status}`, tone: "busy" };
  }
  return PHASE_BADGES[view.phase] ?? { text: String(view.phase), tone: "busy" };
}

/**
 * Whether the export still needs watching (for the nav counter).
 * @param {ExportView} view
 */
export function isActive(view) {
  return MOVING.has(view.phase) || view.downloads.some((d) => d.state === "waiting" || d.state === "downloading");
}

/**
 * The card of one export; the shell's events reach it through `update`, `downloadChanged`,
 * `progress` and `pollFailed`.
 * @param {ExportView} initial
 * @param {{ onExportAgain: (view: ExportView) => void }} actions
 */
export function createExportCard(initial, { onExportAgain }) {
  const el = fromTemplate("export-card-template");
  const parts = {
    title: el.querySelector(".export-title"),
    badge: el.querySelector(".status-badge"),
    meta: el.querySelector(".export-meta"),
    note: el.querySelector(".export-note"),
    problem: el.querySelector(".export-problem"),
    failure: el.querySelector(".export-failure"),
    progress: el.querySelector(".export-progress"),
    downloads: el.querySelector(".downloads"),
    again: el.querySelector(".export-again"),
  };
  const editor = createEditorSection(el.querySelector(".export-editor"), () => view);
  let view = initial;
  let pollProblem = null;
  const rows = new Map();

  el.dataset.exportId = view.id;
  parts.title.id = `export-${view.id}-title`;
  el.setAttribute("aria-labelledby", parts.title.id);
  parts.again.addEventListener("click", () => onExportAgain(view));

  function paint() {
    const title = view.projectName || view.projectId || `Export ${view.id}`;
    setText(parts.title, title);
    labelWithContext(parts.again, "Export again with other settings", `(${title}, export ${view.id})`);
    const status = statusOf(view);
    setText(parts.badge, status.text);
    parts.badge.dataset.tone = status.tone;
    el.dataset.phase = view.phase;
    paintMeta();
    paintNote();
    paintProblem();
    paintDownloads();
    editor.paint();
  }

  function paintMeta() {
    const clips = view.requestedClips ? plural(view.requestedClips.length, "clip") : "all clips";
    const facts = [view.name, clips, `sent ${formatAgo(view.createdAt)}`, formatCost(view.costUsage), formatExpiry(view.expireAt)];
    setText(parts.meta, facts.filter(Boolean).join(" · "));
  }

  function paintNote() {
    let note = "";
    if (view.phase === "unknown") {
      note = "The export was sent but its answer never came, so it may or may not be rendering. Check your WayinVideo account before exporting these clips again, so you do not pay twice.";
    } else if (STILL_RENDERING.has(view.phase) && view.downloads.length === 0) {
      note = "Rendering on WayinVideo. Each clip downloads as soon as it is ready.";
    }
    setText(parts.note, note);
    parts.note.hidden = !note;
  }

  function paintProblem() {
    const failed = view.phase === "failed";
    paintFailure(failed);
    const text = [problemText(view.problem), pollProblem].filter(Boolean).join(" ");
    setText(parts.problem, text);
    parts.problem.hidden = !text;
  }

  /** What happened, what WayinVideo said (verbatim, once) and what to do, as three pieces. */
  function paintFailure(failed) {
    parts.failure.hidden = !failed;
    if (!failed) return;
    setText(parts.failure.querySelector(".export-failure-what"), "WayinVideo could not render this export, so there is nothing to download.");
    const said = parts.failure.querySelector(".export-vendor-message");
    const words = view.problem?.kind === "render_failed" ? view.problem.message : null;
    setText(said, words ? `WayinVideo said: “${words}”` : "WayinVideo gave no reason.");
    const task = view.taskId ? ` with the export task id ${view.taskId}` : "";
    setText(
      parts.failure.querySelector(".export-failure-next"),
      `Try “Export again with other settings”. If it fails again, contact WayinVideo support${task}.`,
    );
  }

  function paintDownloads() {
    const seen = new Set();
    for (const download of view.downloads) {
      seen.add(download.id);
      let row = rows.get(download.id);
      if (!row) {
        row = createDownloadRow(download);
        rows.set(download.id, row);
      } else {
        row.update(download);
      }
      parts.downloads.append(row.el); // keeps the shell's order; moving a node in place is cheap
    }
    for (const [id, row] of rows) {
      if (!seen.has(id)) {
        row.el.remove();
        rows.delete(id);
      }
    }
    paintProgressLine();
  }

  function paintProgressLine() {
    const downloads = view.downloads;
    if (downloads.length === 0) {
      setText(parts.progress, MOVING.has(view.phase) ? "Downloads start as each clip finishes rendering." : "");
      return;
    }
    const count = (state) => downloads.filter((d) => d.state === state).length;
    const pieces = [`${count("done")} of ${plural(downloads.length, "clip")} downloaded`];
    if (count("failed")) pieces.push(`${count("failed")} failed: use Retry`);
    if (count("cancelled")) pieces.push(`${count("cancelled")} cancelled`);
    setText(parts.progress, pieces.join(", "));
  }

  paint();
  return {
    el,
    get view() {
      return view;
    },
    /** @param {ExportView} next */
    update(next) {
      view = next;
      pollProblem = null;
      paint();
    },
    /** @param {DownloadView} download */
    downloadChanged(download) {
      view = { ...view, downloads: replaceOrAdd(view.downloads, download) };
      paintDownloads();
      paintNote();
      editor.paint();
    },
    /** @param {Events["download_progress"]} event */
    progress(event) {
      rows.get(event.downloadId)?.progress(event);
    },
    /** @param {string} message */
    pollFailed(message) {
      pollProblem = `Checking this export failed: ${message} It is checked again automatically.`;
      paintProblem();
    },
    /** Refreshes the time-relative text ("sent 5 min ago", "expire in 2 h"). */
    tick: paintMeta,
  };
}

/**
 * @param {DownloadView[]} downloads
 * @param {DownloadView} download
 */
function replaceOrAdd(downloads, download) {
  const at = downloads.findIndex((d) => d.id === download.id);
  if (at < 0) return [...downloads, download];
  const next = downloads.slice();
  next[at] = { ...downloads[at], ...download };
  return next;
}
