// @ts-check
// Starts the app: loads what every view needs, chooses first run or the main
// screen, and routes between sections.

import { invoke, channel } from "./ipc.js";
import { app, loadShared } from "./state.js";
import { emit, on } from "./bus.js";
import { byId, setText } from "./dom.js";
import { explain } from "./errors.js";
import { announce, focusTarget } from "./a11y.js";
import { initFirstRun, showFirstRun, hideFirstRun } from "./views/first-run.js";
import { initProject, loadDemoProjects, loadRecent, openProject } from "./views/project.js";
import { initSelects } from "./views/selects.js";
import { initNewProject } from "./views/new-project.js";
import { routeShellEvent } from "./shell-events.js";
import { initDemoSwitch, showDemoSwitch } from "./views/demo-switch.js";
import { initClipGrid, selectClips } from "./views/clip-grid.js";
import { initExportForm, prefill } from "./views/export-form.js";
import { initExports, loadExports } from "./views/exports.js";
import { initSettings, showSettings } from "./views/settings.js";
import { initUpdates, lookAtStart } from "./views/updates.js";
import { showBanner, initBanner } from "./views/banner.js";
import { UNKNOWN_LABEL } from "./phases.js";
import { TOPICS } from "./topics.js";

/** @typedef {import("../types/shell.js").AppInfo} AppInfo */
/** @typedef {import("../types/shell.js").ExportView} ExportView */

const VIEWS = ["clips", "exports", "settings"];

let viewsReady = false;
let mainShown = false;
let watching = false;

export async function start() {
  const bootText = byId("boot-text");
  byId("boot").hidden = false;
  byId("boot-retry").hidden = true;
  bootText.classList.add("loading");
  bootText.classList.remove("is-error");
  setText(bootText, "Starting…");
  try {
    const [info, keyStatus, catalog, settings] = await Promise.all([
      invoke("app_info"),
      invoke("key_status"),
      invoke("catalog"),
      invoke("settings_get"),
    ]);
    loadShared({ info, keyStatus, catalog, settings });
  } catch (err) {
    bootText.classList.remove("loading");
    bootText.classList.add("is-error");
    setText(bootText, `The app could not start: ${explain(err)}`);
    byId("boot-retry").hidden = false;
    return;
  }
  byId("boot").hidden = true;
  showAppFacts(app.info);
  initViewsOnce();
  const notices = [...(app.info.notices ?? [])];
  if (app.info.historySetAside) {
    notices.unshift(
      `The export history could not be read, so a new one was started. The damaged file was kept as ${app.info.historySetAside}.`,
    );
  }
  if (notices.length) showBanner(notices.join(" "));
  if (needsKey()) enterFirstRun();
  else enterMain();
  document.body.dataset.ready = "true";
  lookAtStart();
}

function needsKey() {
  return !app.keyStatus?.set && !app.info?.demo;
}

/** @param {AppInfo} info */
function showAppFacts(info) {
  setText(byId("app-version"), `v${info.version}`);
  setText(byId("about-line"), `Wayin Clip Exporter ${info.version}, built from commit ${info.commit}.`);
  byId("demo-badge").hidden = !info.demo;
  byId("demo-badge").title = info.demo ? `Demo mode: a stand-in of WayinVideo at ${info.apiBase}; no API units are used.` : "";
  document.body.classList.toggle("is-demo", Boolean(info.demo));
  showDemoSwitch(info);
}

function initViewsOnce() {
  if (viewsReady) return;
  viewsReady = true;
  initBanner();
  initDemoSwitch();
  initFirstRun(() => enterMain());
  initProject();
  initSelects();
  initNewProject();
  initClipGrid();
  initExportForm();
  initExports();
  initSettings();
  initUpdates();
  for (const button of byId("app-nav").querySelectorAll("button[data-view]")) {
    button.addEventListener("click", () => showView(button.dataset.view));
  }
  on(TOPICS.showView, (name) => showView(name, { focusHeading: true }));
  on(TOPICS.openSettings, (section) => {
    showView("settings");
    showSettings(section);
  });
  on(TOPICS.exportAgain, exportAgain);
  on(TOPICS.keyChanged, (/** @type {import("../types/shell.js").KeyStatus} */ status) => {
    if (!status.set && !app.info.demo) enterFirstRun();
  });
  on(TOPICS.commandFailed, commandFailed);
}

function enterFirstRun() {
  mainShown = false;
  byId("app-nav").hidden = true;
  for (const name of VIEWS) byId(`view-${name}`).hidden = true;
  showFirstRun();
}

function enterMain() {
  hideFirstRun();
  byId("app-nav").hidden = false;
  if (!mainShown) {
    mainShown = true;
    showView("clips");
    byId("open-input").focus();
    loadDemoProjects();
  }
  loadRecent();
  loadExports();
  watchExports();
}

/** Subscribes once to the shell's export events; they flow until the window closes. */
async function watchExports() {
  if (watching) return;
  watching = true;
  try {
    await invoke("exports_watch", { onEvent: channel(routeShellEvent) });
  } catch (err) {
    watching = false;
    showBanner(`Live progress is not available: ${explain(err)} Use Refresh in Exports to see the latest state.`, {
      label: "Try again",
      run: watchExports,
    });
  }
}

export function showView(name, { focusHeading = false } = {}) {
  for (const each of VIEWS) byId(`view-${each}`).hidden = each !== name;
  for (const button of byId("app-nav").querySelectorAll("button[data-view]")) {
    if (button.dataset.view === name) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
  if (name === "settings") showSettings();
  if (focusHeading) focusTarget(byId(`${name}-title`));
}

/**
 * "Export again with other settings": the project, its clips and options back in the form.
 * @param {ExportView} past
 */
async function exportAgain(past) {
  showView("clips");
  if (!past.projectId) {
    showBanner("This export has no project recorded, so it cannot be repeated from here.");
    return;
  }
  if (app.project?.projectId !== past.projectId) {
    const project = await openProject(past.projectId);
    if (!project) return;
  }
  selectClips(past.requestedClips ?? app.project.clips.map((clip) => clip.idx));
  const note = byId("export-note");
  const notes = [];
  if (past.options) {
    prefill(past.options);
    notes.push(`Settings of export ${past.id} loaded: change what you need, then press Export.`);
  } else {
    notes.push(`Export ${past.id} kept no settings, so the form is unchanged. Its clips are selected.`);
  }
  if (past.phase === "unknown") notes.push(`That export is marked “${UNKNOWN_LABEL}”.`);
  setText(note, notes.join(" "));
  note.hidden = false;
  focusTarget(byId("export-title"));
  announce(notes.join(" "));
}

/**
 * Failures any view may hit that concern the whole app.
 * @param {import("./ipc.js").IpcError} err
 */
function commandFailed(err) {
  if (err.kind === "key_missing" && !app.info.demo) {
    enterFirstRun();
  } else if (err.kind === "key_rejected") {
    showBanner(explain(err), { label: "Replace the key", run: () => emit(TOPICS.openSettings, "key") });
  } else if (err.kind === "folder") {
    showBanner(explain(err), { label: "Choose a folder", run: () => emit(TOPICS.openSettings, "folder") });
  }
}

