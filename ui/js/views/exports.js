// @ts-check
// The history of exports, kept live by the shell's events.

import { invoke } from "../ipc.js";
import { emit, on } from "../bus.js";
import { byId, h, setText } from "../dom.js";
import { explain } from "../errors.js";
import { createExportCard, isActive } from "./export-card.js";
import { onShellEvent } from "../shell-events.js";
import { TOPICS } from "../topics.js";
import { latestAnswer } from "../latest.js";

/** @typedef {import("../../types/shell.js").ExportView} ExportView */
/** @typedef {import("../../types/shell.js").Events} Events */

const listings = latestAnswer();

/**
 * exportId → card
 * @type {Map<number, ReturnType<typeof createExportCard>>}
 */
const cards = new Map();

export function initExports() {
  onShellEvent(["export_updated", "download_progress", "download_changed", "poll_failed"], handleEvent);
  byId("exports-refresh").addEventListener("click", loadExports);
  byId("exports-retry").addEventListener("click", loadExports);
  on(TOPICS.exportSubmitted, (/** @type {ExportView} */ view) => {
    upsert(view);
    emit(TOPICS.showView, "exports");
  });
  on(TOPICS.exportsStale, loadExports);
  setInterval(() => {
    for (const card of cards.values()) card.tick();
  }, 60_000);
}

export async function loadExports() {
  const status = byId("exports-status");
  const list = byId("exports-list");
  byId("exports-retry").hidden = true;
  status.classList.remove("is-error");
  if (cards.size === 0) {
    status.hidden = false;
    setText(status, "Loading exports…");
  }
  list.setAttribute("aria-busy", "true");
  const isLatest = listings.begin();
  let views;
  try {
    views = await invoke("exports_list");
  } catch (err) {
    if (!isLatest()) return;
    status.hidden = false;
    status.classList.add("is-error");
    setText(status, `Exports could not be loaded: ${explain(err)}`);
    byId("exports-retry").hidden = false;
    return;
  } finally {
    if (isLatest()) list.removeAttribute("aria-busy");
  }
  // An older listing answered late would remove cards added since.
  if (!isLatest()) return;
  const keep = new Set(views.map((view) => view.id));
  for (const [id, card] of cards) {
    if (!keep.has(id)) {
      card.el.remove();
      cards.delete(id);
    }
  }
  for (const view of views) upsert(view, { append: true });
  refreshEmptyAndCount();
}

/**
 * One export event to the card it concerns.
 * @param {Events["export_updated" | "download_progress" | "download_changed" | "poll_failed"]} event
 */
function handleEvent(event) {
  switch (event.type) {
    case "export_updated":
      upsert(event.export);
      break;
    case "download_progress":
      cards.get(event.exportId)?.progress(event);
      break;
    case "download_changed": {
      const card = cards.get(event.download.exportId);
      if (card) card.downloadChanged(event.download);
      else loadExports();
      refreshEmptyAndCount();
      break;
    }
    case "poll_failed":
      cards.get(event.exportId)?.pollFailed(event.message);
      break;
    default:
      break;
  }
}

/** @param {ExportView} view */
function upsert(view, { append = false } = {}) {
  const existing = cards.get(view.id);
  if (existing) {
    existing.update(view);
    if (append) byId("exports-list").append(existing.el);
  } else {
    const card = createExportCard(view, { onExportAgain: (past) => emit(TOPICS.exportAgain, past) });
    cards.set(view.id, card);
    if (append) byId("exports-list").append(card.el);
    else byId("exports-list").prepend(card.el);
  }
  refreshEmptyAndCount();
}

function refreshEmptyAndCount() {
  const status = byId("exports-status");
  if (cards.size === 0) {
    status.hidden = false;
    status.classList.remove("is-error");
    setText(status, "No exports yet. Open a project in Clips, select clips and press Export.");
  } else if (!status.classList.contains("is-error")) {
    status.hidden = true;
  }
  const active = [...cards.values()].filter((card) => isActive(card.view)).length;
  const badge = byId("active-exports");
  badge.hidden = active === 0;
  badge.replaceChildren(String(active), h("span", { class: "visually-hidden", text: " in progress" }));
}
