// Served in place of ui/js/ipc.js: the shell's IPC contract (docs/IPC.md) kept
// in memory. Every call is recorded on `window.__calls`; `window.__mock` lets a
// test make the next calls fail, slow a command down, or push channel events.
// Start-up data comes from `window.__mockConfig`, set before the page loads.

import { CATALOG } from "./mock-catalog.js";
import { refuseOptions, renderName, requestBody, summaryOf, warningsOf } from "./mock-preview.js";

export class IpcError extends Error {
  constructor(kind, message, field = null) {
    super(message);
    this.name = "IpcError";
    this.kind = kind;
    // The export option a refusal is about (ExportOptions path), when it names one.
    this.field = field;
  }
}

const config = window.__mockConfig ?? {};
const calls = (window.__calls = []);
/** cmd → [{ kind, message, times }] */
const failures = new Map();
const channels = [];

const DEFAULT_TEMPLATE = CATALOG.defaults.nameTemplate;
/** The format a name gives, by its id or, as the shell also takes, its extension. */
const timelineFormat = (name) => CATALOG.timelineFormats.find((format) => format.id === name || format.extension === name);

// The shell's mode outlives a reload of the page, as it does in the app.
const storedMode = sessionStorage.getItem("mock-demo");
const startInDemo = storedMode == null ? Boolean(config.demo) : storedMode === "demo";

const state = {
  demo: startInDemo,
  keychainAvailable: config.keychainAvailable ?? true,
  key: config.keyStatus ?? { set: true, last4: "7f3a", source: "keychain" },
  settings: {
    downloadDir: "/home/editor/Videos/Wayin",
    nameTemplate: DEFAULT_TEMPLATE,
    concurrency: 3,
    autoTimelines: [],
    checkUpdates: true,
    apiBase: "https://wayinvideo-api.wayin.ai/api/v2",
    demo: startInDemo,
    ...config.settings,
  },
  projects: new Map((config.projects ?? []).map((project) => [project.projectId, project])),
  recent: config.recent ?? [],
  exports: config.exports ?? [],
  presets: config.presets ?? [],
  nextExportId: 100,
  nextCreationId: 1,
  creations: [],
  historySetAside: config.historySetAside ?? null,
  notices: config.notices ?? [],
  /** Names of the timeline and selects files written to the download folder, oldest first. */
  written: [],
  /**
   * The release server: `offer` (an UpdateOffer, or null), `problem` (why a look failed),
   * `busy` (downloads the install waits for), `installError` ({ kind, message }).
   */
  updates: { offer: null, problem: null, busy: 0, installError: null, ...config.updates },
  /** Whether the look at start was made today, as the shell remembers it. */
  lookedToday: false,
};

for (const [cmd, failure] of Object.entries(config.failures ?? {})) fail(cmd, failure, failure.times ?? 1);

function fail(cmd, { kind, message }, times = 1) {
  if (!failures.has(cmd)) failures.set(cmd, []);
  failures.get(cmd).push({ kind, message, times });
}

function takeFailure(cmd) {
  const queue = failures.get(cmd);
  if (!queue?.length) return null;
  const failure = queue[0];
  failure.times -= 1;
  if (failure.times <= 0) queue.shift();
  return new IpcError(failure.kind, failure.message);
}

function emit(event) {
  for (const ch of channels) ch.onmessage?.(structuredClone(event));
}

function keyStatus() {
  return { ...state.key, keychainAvailable: state.keychainAvailable };
}

function findDownload(downloadId) {
  for (const view of state.exports) {
    const download = view.downloads.find((d) => d.id === downloadId);
    if (download) return download;
  }
  throw new IpcError("not_found_download", `No download ${downloadId}.`);
}

function switchMode(demo) {
  sessionStorage.setItem("mock-demo", demo ? "demo" : "live");
  state.demo = demo;
  state.settings.demo = demo;
  return appInfo();
}

/** `app_info`'s answer; the damaged history and the notices are said by the first only. */
function appInfo() {
  const { historySetAside, notices } = state;
  state.historySetAside = null;
  state.notices = [];
  return { version: "0.3.0", commit: "0123456789ab", demo: state.demo, apiBase: state.settings.apiBase, keySet: state.key.set, historySetAside, notices };
}

function findExport(exportId) {
  const view = state.exports.find((each) => each.id === exportId);
  if (!view) throw new IpcError("not_found", `Export ${exportId} was not found.`);
  return view;
}

const COMMANDS = {
  app_info: appInfo,
  demo_enter: () => switchMode(true),
  demo_leave: () => switchMode(false),
  catalog: () => structuredClone(CATALOG),
  key_status: keyStatus,
  // The shell checks the key with WayinVideo first: make it refuse one with
  // fail("key_save", { kind: "key_rejected" }) or miss the answer with "key_unchecked".
  key_save: ({ key, sessionOnly }) => {
    if (!sessionOnly && !state.keychainAvailable) {
      throw new IpcError("keychain_unavailable", "No system keychain is available (Secret Service is not running). The key can be used for this session only.");
    }
    state.key = { set: true, last4: key.slice(-4), source: sessionOnly ? "session" : "keychain" };
    return keyStatus();
  },
  key_verify: () => ({ ok: true }),
  key_delete: () => {
    state.key = { set: false, last4: null, source: null };
    return keyStatus();
  },
  project_open: ({ input }) => {
    if (/hmtask/i.test(input)) {
      throw new IpcError("not_found", "hmtask… ids come from the web app's library and are not API ids; copy the project id from the API results instead.");
    }
    const id = input.match(/\b(proj_[A-Za-z0-9]+|prj[A-Za-z0-9]+)/)?.[1];
    const project = id && state.projects.get(id);
    if (!project) throw new IpcError("not_found", `No project ${id ?? input} was found on WayinVideo.`);
    state.recent = [
      { projectId: project.projectId, name: project.name, kind: project.kind, openedAt: Date.now() },
      ...state.recent.filter((item) => item.projectId !== project.projectId),
    ];
    return structuredClone(project);
  },
  recent_projects: () => state.recent,
  // In demo mode the mock's projects are the demo's.
  demo_projects: () =>
    state.demo
      ? [...state.projects.values()].map((project) => ({
          projectId: project.projectId,
          name: project.name,
          kind: project.kind,
          clipCount: project.clips.length,
          thumbnail: project.clips.find((clip) => clip.thumbnail)?.thumbnail ?? null,
        }))
      : [],
  export_preview: ({ projectId, clips, options }) => ({
    body: requestBody(projectId, clips, options),
    warnings: warningsOf(options),
    summary: summaryOf(state.projects.get(projectId), clips, options),
  }),
  export_submit: ({ projectId, projectName, clips, options }) => {
    refuseOptions(options);
    const id = state.nextExportId++;
    const view = {
      id, taskId: `export_task_${id}`, projectId, projectName, name: `${projectName ?? projectId} export`,
      status: "CREATED", costUsage: null,
      expireAt: null, createdAt: Date.now(), requestedClips: clips,
      request: requestBody(projectId, clips, options), options,
      problem: null, phase: "rendering", downloads: [], timelines: [],
    };
    state.exports.unshift(view);
    return view;
  },
  exports_list: () => state.exports,
  exports_watch: ({ onEvent }) => {
    channels.push(onEvent);
    return null;
  },
  download_cancel: ({ downloadId }) => {
    const download = findDownload(downloadId);
    download.state = "cancelled";
    emit({ type: "download_changed", download });
    return null;
  },
  download_retry: ({ downloadId }) => {
    const download = findDownload(downloadId);
    Object.assign(download, { state: "waiting", error: null, errorKind: null });
    emit({ type: "download_changed", download });
    return null;
  },
  download_reveal: ({ downloadId }) => (findDownload(downloadId), null),
  download_open: ({ downloadId }) => (findDownload(downloadId), null),
  download_drag: ({ downloadId }) => (findDownload(downloadId), null),
  timeline_write: ({ exportId, format }) => {
    const view = findExport(exportId);
    if (!view.downloads.some((d) => d.state === "done")) {
      throw new IpcError("nothing_finished", "No clip of this export is on disk yet.");
    }
    const known = timelineFormat(format);
    if (!known) throw new IpcError("invalid_request", `${JSON.stringify(format)} is not a timeline format.`);
    const file = { format: known.id, label: known.label, name: `${view.projectName ?? view.projectId} - timeline.${known.extension}` };
    view.timelines = [...(view.timelines ?? []).filter((f) => f.format !== known.id), file];
    state.written.push(file.name);
    return { ...file, shownInFolder: true };
  },
  timeline_drag: ({ exportId, format }) => {
    const file = (findExport(exportId).timelines ?? []).find((f) => f.format === format);
    if (!file) throw new IpcError("not_found", "No such timeline of this export is on disk: write it first.");
    return null;
  },
  export_drag_all: ({ exportId }) => {
    if (!findExport(exportId).downloads.some((d) => d.state === "done")) {
      throw new IpcError("not_found_download", "No clip of this export is on disk yet.");
    }
    return null;
  },
  project_create: ({ input }) => {
    if (input.moments != null && !input.moments.trim()) {
      throw new IpcError("invalid_request", 'query: say what to find, for example "funny reactions"');
    }
    let source = input.dropped ? config.droppedVideo : input.link;
    if (input.dropped && !source) throw new IpcError("invalid_request", "No video was dropped on the window.");
    if (source == null) {
      if (!config.sourceVideo) return { cancelled: true, creation: null };
      source = config.sourceVideo.split("/").pop();
    }
    const creation = {
      id: state.nextCreationId++,
      kind: input.moments != null ? "find_moments" : "ai_clipping",
      state: input.link == null ? "uploading" : "ready",
      projectId: null,
      name: input.name ?? null,
      source,
      clipsFound: 0,
      found: [],
      note: null,
      problem: null,
      message: null,
    };
    state.creations.unshift(creation);
    return { cancelled: false, creation };
  },
  creations_list: () => state.creations,
  creation_cancel: ({ id }) => {
    const creation = state.creations.find((each) => each.id === id);
    if (!creation) throw new IpcError("not_found", `Project creation ${id} was not found.`);
    if (["uploading", "ready"].includes(creation.state)) creation.state = "cancelled";
    emit({ type: "creation_updated", creation });
    return creation;
  },
  selects_write: ({ projectId, clips }) => {
    const project = state.projects.get(projectId);
    if (!project) throw new IpcError("not_found", `Project ${projectId} is not open: open it first.`);
    const sourceMoved = config.sourceMoved ?? null;
    if (!config.sourceVideo) return { cancelled: true, files: [], skipped: [], shownInFolder: false, sourceMoved };
    const name = project.name ?? projectId;
    const files = CATALOG.timelineFormats.map(({ id, label, extension }) => ({ format: id, label, name: `${name} - selects.${extension}` }));
    state.written.push(...files.map((file) => file.name));
    return {
      cancelled: false,
      files,
      shownInFolder: true,
      sourceMoved,
      skipped: (config.skippedRanges ?? []).filter((line) => clips == null || clips.some((idx) => line.includes(`Clip ${idx} `))),
    };
  },
  settings_get: () => state.settings,
  settings_set: ({ patch }) => {
    if ("apiBase" in patch) throw new IpcError("invalid_request", "The API address cannot be changed from the app.");
    if (patch.nameTemplate != null) renderName(patch.nameTemplate, { projectId: "p" }, { idx: 0, title: "t" });
    Object.assign(state.settings, patch);
    return state.settings;
  },
  update_check: ({ automatic }) => {
    if (automatic && (state.lookedToday || !state.settings.checkUpdates)) return { checked: false, offer: null, problem: null };
    if (automatic) state.lookedToday = true;
    const { offer, problem } = state.updates;
    return { checked: true, offer: problem ? null : offer, problem };
  },
  update_download_page: () => null,
  update_install: ({ onStep }) => {
    const { offer, busy, installError } = state.updates;
    if (busy) onStep.onmessage?.({ step: "waiting", downloads: busy, uploads: 0 });
    if (installError) throw new IpcError(installError.kind, installError.message);
    const total = 48_000_000;
    for (const bytes of [12_000_000, total]) onStep.onmessage?.({ step: "downloading", bytes, total });
    onStep.onmessage?.({ step: "installed", version: offer.version });
    return null;
  },
  settings_choose_folder: () => {
    if (config.chooseFolder) state.settings.downloadDir = config.chooseFolder;
    return state.settings;
  },
  name_preview: ({ template, projectId, idx }) => {
    const project = state.projects.get(projectId);
    const clip = project?.clips.find((each) => each.idx === idx);
    if (!clip) throw new IpcError("not_found", `No clip ${idx} in ${projectId}.`);
    return { fileName: renderName(template, project, clip) };
  },
  presets_list: () => state.presets,
  preset_save: ({ name, options }) => {
    refuseOptions(options);
    state.presets = [...state.presets.filter((p) => p.name !== name), { name, options }];
    return state.presets;
  },
  preset_delete: ({ name }) => {
    state.presets = state.presets.filter((p) => p.name !== name);
    return state.presets;
  },
};

/** What a test reads back: arguments as plain data, a channel as a marker. */
function recordable(args) {
  return JSON.parse(JSON.stringify(args, (key, value) => (value?.__isChannel ? "[channel]" : value)));
}

export async function invoke(cmd, args = {}) {
  calls.push({ cmd, args: recordable(args) });
  const delay = config.latency?.[cmd] ?? 0;
  await new Promise((resolve) => setTimeout(resolve, delay));
  const failure = takeFailure(cmd);
  if (failure) throw failure;
  const handler = COMMANDS[cmd];
  if (!handler) throw new IpcError("internal", `The mock does not know ${cmd}.`);
  // A copy, as if it had crossed the IPC boundary.
  return structuredClone(handler(args));
}

export function channel(onMessage) {
  return { __isChannel: true, onmessage: onMessage };
}

window.__mock = {
  fail,
  emit,
  /** The mock's own list of exports, to change before emitting an event about them. */
  exports: () => state.exports,
  /** The mock's own list of project creations, to change before emitting an event. */
  creations: () => state.creations,
  /** A project the next `project_open` finds, as a creation that succeeded makes one. */
  addProject: (project) => state.projects.set(project.projectId, project),
  keyStatus,
  /** The files the stand-in wrote (timelines, selects), by name. */
  written: () => [...state.written],
};
