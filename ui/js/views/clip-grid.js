// @ts-check
// The clip grid. Cards are built once per project from a <template>; sorting
// and filtering only re-attach the existing nodes (detaching filtered cards is
// several times cheaper than hiding them under content-visibility), and
// selection toggles one class and aria-pressed on the cards that changed.
// That keeps 500 clips smooth.

import { app } from "../state.js";
import { emit, on } from "../bus.js";
import { byId, h, setText } from "../dom.js";
import { clipLength, matches, sortedIndices, tagCounts } from "../clip-order.js";
import { formatDuration, plural } from "../format.js";
import { forgetThumbnails, showThumbnailNearScreen } from "./clip-thumbs.js";
import { TOPICS } from "../topics.js";

/** @typedef {import("../../types/shell.js").ProjectView} ProjectView */
/** @typedef {import("../../types/shell.js").ClipView} ClipView */

/** idx → the card's <li> */
const cards = new Map();
/** Every index in the chosen sort order, filtered ones included. */
let order = [];
/** Indices the filter lets through, in grid order: what Shift-click ranges over. */
let shown = [];
let shownSet = new Set();

export function initClipGrid() {
  const grid = byId("clip-grid");
  grid.addEventListener("click", (event) => {
    const li = event.target.closest("li.clip");
    if (!li) return;
    const idx = Number(li.dataset.idx);
    const changed = event.shiftKey ? app.selection.extendTo(idx, shown) : app.selection.toggle(idx);
    selectionChanged(changed);
  });
  grid.addEventListener("keydown", (event) => {
    if (event.key.toLowerCase() === "a" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      selectionChanged(app.selection.addAll(shown));
    }
  });
  // A thumbnail that fails to load leaves a labelled placeholder, not a broken image.
  grid.addEventListener("error", (event) => {
    if (event.target instanceof HTMLImageElement) event.target.closest(".clip-thumb").classList.add("no-thumb");
  }, true);

  byId("select-all").addEventListener("click", () => selectionChanged(app.selection.addAll(shown)));
  byId("select-none").addEventListener("click", () => selectionChanged(app.selection.clear()));
  byId("sort-key").addEventListener("change", applyOrder);
  byId("filter-text").addEventListener("input", applyFilter);
  byId("filter-tag").addEventListener("change", applyFilter);
  byId("grid-clear-filter").addEventListener("click", () => {
    byId("filter-text").value = "";
    byId("filter-tag").value = "";
    applyFilter();
    byId("filter-text").focus();
  });

  on(TOPICS.projectOpened, render);
}

/**
 * Replaces the selection (e.g. "export again" restoring the clips it had).
 * @param {number[]} indices
 */
export function selectClips(indices) {
  selectionChanged(app.selection.replace(indices));
}

/** @param {ProjectView} project */
function render(project) {
  performance.clearMarks("clip-grid-render-start");
  performance.clearMeasures("clip-grid-render");
  performance.clearMeasures("clip-grid-build");
  performance.mark("clip-grid-render-start");

  const grid = byId("clip-grid");
  const template = byId("clip-card-template").content.firstElementChild;
  cards.clear();
  forgetThumbnails();
  for (const clip of project.clips) {
    const li = template.cloneNode(true);
    fillCard(li, clip, project.sourceDurationMs);
    cards.set(clip.idx, li);
  }
  fillTagFilter(project.clips);
  byId("filter-text").value = "";
  order = sortedIndices(project.clips, byId("sort-key").value);
  applyFilter();
  const built = performance.measure("clip-grid-build", "clip-grid-render-start");
  grid.dataset.buildMs = built ? built.duration.toFixed(1) : "";

  // Measured to the first painted frame: the figure the 500-clip target is about.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const measure = performance.measure("clip-grid-render", "clip-grid-render-start");
      grid.dataset.renderMs = measure ? measure.duration.toFixed(1) : "";
    }),
  );
}

/**
 * @param {any} li the card, from its template
 * @param {ClipView} clip
 * @param {number | null} sourceMs
 */
function fillCard(li, clip, sourceMs) {
  const idx = clip.idx;
  li.dataset.idx = idx;
  const button = li.firstElementChild;
  const title = li.querySelector(".clip-title");
  title.id = `clip-${idx}-title`;
  title.textContent = clip.title || `Clip ${idx + 1}`;
  button.setAttribute("aria-labelledby", title.id);

  const thumb = li.querySelector(".clip-thumb");
  const img = thumb.firstElementChild;
  if (clip.thumbnail) {
    showThumbnailNearScreen(li, img, clip.thumbnail);
  } else {
    img.remove();
    thumb.classList.add("no-thumb");
  }

  const facts = li.querySelector(".clip-facts");
  facts.id = `clip-${idx}-facts`;
  const duration = facts.firstElementChild;
  duration.append(h("span", { class: "visually-hidden", text: "Length " }), formatDuration(clipLength(clip)));
  facts.lastElementChild.textContent = clip.score == null ? "No score" : `Score ${Math.round(clip.score)}`;

  const position = li.querySelector(".clip-position");
  position.id = `clip-${idx}-position`;
  const mark = li.querySelector(".clip-strip-mark");
  if (sourceMs > 0 && clip.beginMs != null && clip.endMs != null) {
    mark.style.setProperty("--start", String(clip.beginMs / sourceMs));
    mark.style.setProperty("--length", String((clip.endMs - clip.beginMs) / sourceMs));
    position.textContent = `From ${formatDuration(clip.beginMs)} to ${formatDuration(clip.endMs)} of the source.`;
  } else {
    li.querySelector(".clip-strip").classList.add("is-unknown");
    position.textContent = "Position in the source unknown.";
  }

  const tags = li.querySelector(".clip-tags");
  tags.id = `clip-${idx}-tags`;
  if (clip.tags.length) {
    tags.append(h("span", { class: "visually-hidden", text: "Tags: " }));
    for (const tag of clip.tags) tags.append(h("span", { class: "tag", text: tag }));
  }
  const desc = li.querySelector(".clip-desc");
  desc.id = `clip-${idx}-desc`;
  desc.textContent = clip.desc;
  button.setAttribute("aria-describedby", `${facts.id} ${position.id} ${tags.id} ${desc.id}`);
}

/** @param {ClipView[]} clips */
function fillTagFilter(clips) {
  const select = byId("filter-tag");
  select.replaceChildren(
    h("option", { value: "", text: "All tags" }),
    ...tagCounts(clips).map(({ tag, count }) => h("option", { value: tag, text: `${tag} (${count})` })),
  );
}

function applyOrder() {
  if (!app.project) return;
  order = sortedIndices(app.project.clips, byId("sort-key").value);
  shown = order.filter((idx) => shownSet.has(idx));
  attach();
}

function applyFilter() {
  const project = app.project;
  if (!project) return;
  const text = byId("filter-text").value;
  const tag = byId("filter-tag").value;
  const byIdx = new Map(project.clips.map((clip) => [clip.idx, clip]));
  shown = order.filter((idx) => matches(byIdx.get(idx), text, tag));
  shownSet = new Set(shown);
  attach();
  showEmptyState(project, text, tag);
  updateCount();
}

/** Puts exactly the shown cards in the grid, in order. */
function attach() {
  const fragment = document.createDocumentFragment();
  for (const idx of shown) fragment.append(cards.get(idx));
  byId("clip-grid").replaceChildren(fragment);
}

/**
 * @param {ProjectView} project
 * @param {string} text
 * @param {string} tag
 */
function showEmptyState(project, text, tag) {
  const empty = byId("grid-empty");
  const clearButton = byId("grid-clear-filter");
  if (project.clips.length === 0) {
    setText(byId("grid-empty-text"), "This project has no clips yet. If WayinVideo is still processing it, open it again in a few minutes.");
    clearButton.hidden = true;
    empty.hidden = false;
  } else if (shown.length === 0) {
    const what = [text.trim() && `“${text.trim()}”`, tag && `the tag ${tag}`].filter(Boolean).join(" and ");
    setText(byId("grid-empty-text"), `No clips match ${what}.`);
    clearButton.hidden = false;
    empty.hidden = false;
  } else {
    empty.hidden = true;
  }
}

function selectionChanged(changed) {
  for (const idx of changed) {
    const li = cards.get(idx);
    if (!li) continue;
    const selected = app.selection.has(idx);
    li.classList.toggle("is-selected", selected);
    li.firstElementChild.setAttribute("aria-pressed", String(selected));
  }
  updateCount();
  emit(TOPICS.selectionChanged, app.selection);
}

function updateCount() {
  const total = app.project?.clips.length ?? 0;
  const selected = app.selection.size;
  const hiddenSelected = app.selection.sorted().filter((idx) => !shownSet.has(idx)).length;
  let text = `${selected} of ${plural(total, "clip")} selected`;
  if (hiddenSelected) text += ` (${hiddenSelected} hidden by the filter)`;
  setText(byId("selection-count"), text);
}
