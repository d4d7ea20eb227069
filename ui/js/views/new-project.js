// @ts-check
// "New project from your own video": a link pasted, or a file chosen in the system dialog
// (the shell opens it; the page never names a file), made into an AI Clipping or Find
// Moments project. Upload progress, then the clips as they are found; the project then
// opens like any other.

import { invoke } from "../ipc.js";
import { app } from "../state.js";
import { byId, h, setText, showFieldError } from "../dom.js";
import { explain } from "../errors.js";
import { formatBytes, formatDuration, plural } from "../format.js";
import { announce } from "../a11y.js";
import { openProject } from "./project.js";
import { onShellEvent } from "../shell-events.js";

/** @typedef {import("../../types/shell.js").Catalog} Catalog */
/** @typedef {import("../../types/shell.js").CreationView} CreationView */
/** @typedef {import("../../types/shell.js").Events} Events */

/**
 * The creation this window started and follows; null when none is under way.
 * @type {number | null}
 */
let current = null;
/**
 * The name of a video dropped on the window, which the next project is made from.
 * @type {string | null}
 */
let dropped = null;

const PROBLEMS = {
  refused: "WayinVideo refused the project",
  key_rejected: "The API key was rejected: check it in Settings",
  upload_failed: "The video could not be uploaded",
  file_changed: "The file changed while it was being uploaded: save it, then try again",
  unreadable: "The file cannot be read",
  project_failed: "WayinVideo could not make the project",
  answer_lost: "The project was asked for but the answer never came. It may exist: check Recent projects before creating it again",
  expired: "The project can no longer be read",
};

export function initNewProject() {
  fillPickers(app.catalog);
  onShellEvent(["video_dropped", "upload_progress", "creation_updated"], handleCreationEvent);
  byId("new-form").addEventListener("submit", (event) => {
    event.preventDefault();
    create();
  });
  for (const radio of document.querySelectorAll('input[name="new-kind"]')) {
    radio.addEventListener("change", showKindFields);
  }
  byId("new-cancel").addEventListener("click", async () => {
    if (!current) return;
    try {
      await invoke("creation_cancel", { id: current });
    } catch (err) {
      showFieldError(byId("new-error"), explain(err));
    }
  });
  byId("new-dropped-clear").addEventListener("click", () => showDropped(null));
  showKindFields();
}

/** @param {string | null} name */
function showDropped(name) {
  dropped = name;
  byId("new-dropped").hidden = !name;
  setText(byId("new-dropped-name"), name ? `${name}, dropped on the window, will be uploaded.` : "");
  byId("new-link").disabled = Boolean(name);
}

/**
 * Clip lengths, languages and limits, all from the shell's catalog.
 * @param {Catalog} catalog
 */
function fillPickers(catalog) {
  byId("new-length").replaceChildren(
    ...catalog.clipLengths.map(({ value, label }) => h("option", { value, text: label })),
  );
  byId("new-length").value = catalog.defaults.clipLength;
  const languages = [...catalog.languages].sort((a, b) => a.name.localeCompare(b.name));
  for (const id of ["new-source-lang", "new-lang"]) {
    byId(id).append(...languages.map(({ code, name }) => h("option", { value: code, text: `${name} (${code})` })));
  }
  byId("new-max").max = String(catalog.limits.maxClips);
  byId("new-query").maxLength = catalog.limits.maxQueryChars;
  const types = catalog.limits.videoExtensions.join(", ");
  const gigabytes = Math.round(catalog.limits.maxUploadBytes / 2 ** 30);
  setText(
    byId("new-link-hint"),
    `Leave it empty to choose a file on this computer, or drop one on the window: ${types}, up to ${gigabytes} GB.`,
  );
}

function isMoments() {
  const chosen = /** @type {HTMLInputElement | null} */ (document.querySelector('input[name="new-kind"]:checked'));
  return chosen?.value === "moments";
}

function showKindFields() {
  byId("new-query-row").hidden = !isMoments();
  byId("new-length-row").hidden = isMoments();
}

/** The form as the shell takes it, or a sentence saying what to fix (and the field to focus). */
function readForm() {
  const link = byId("new-link").value.trim();
  if (!dropped && link && !/^https?:\/\/\S+$/i.test(link)) {
    return { error: "Paste a link that starts with https://, or leave it empty to choose a file.", field: "new-link" };
  }
  const query = byId("new-query").value.trim();
  if (isMoments() && !query) return { error: "Say what to find, for example \"funny reactions\".", field: "new-query" };
  const maxText = byId("new-max").value.trim();
  const maxClips = maxText ? Number(maxText) : null;
  const most = app.catalog.limits.maxClips;
  if (maxText && !(Number.isInteger(maxClips) && maxClips >= 1 && maxClips <= most)) {
    return { error: `Keep from 1 to ${most} clips, or leave it empty for as many as are found.`, field: "new-max" };
  }
  return {
    input: {
      link: dropped ? null : link || null,
      dropped: Boolean(dropped),
      moments: isMoments() ? query : null,
      length: isMoments() ? null : byId("new-length").value,
      maxClips,
      sourceLang: byId("new-source-lang").value || null,
      lang: byId("new-lang").value || null,
      name: byId("new-name").value.trim() || null,
    },
  };
}

async function create() {
  const form = readForm();
  showFieldError(byId("new-error"), form.error ?? "");
  if (form.error) {
    byId(form.field).focus();
    return;
  }
  const button = byId("new-button");
  button.disabled = true;
  if (!form.input.link && !form.input.dropped) say("Choose your video in the window that opened…");
  try {
    const started = await invoke("project_create", { input: form.input });
    if (started.cancelled) {
      say("");
      return;
    }
    current = started.creation.id;
    showDropped(null);
    show(started.creation);
  } catch (err) {
    say("");
    showFieldError(byId("new-error"), explain(err));
  } finally {
    button.disabled = false;
  }
}

/**
 * The shell's creation events, to the status of the one this window follows.
 * @param {Events["video_dropped" | "upload_progress" | "creation_updated"]} event
 */
function handleCreationEvent(event) {
  if (event.type === "video_dropped") {
    byId("new-project").open = true;
    showDropped(event.name);
    byId("new-button").focus();
    announce(`${event.name} dropped: set the options, then Create project.`);
  } else if (event.type === "upload_progress" && event.creationId === current) {
    const bar = byId("new-progress");
    bar.hidden = false;
    bar.max = event.total || 1;
    bar.value = event.bytesDone;
    const speed = event.bytesPerSec > 0 ? ` · ${formatBytes(event.bytesPerSec)}/s` : "";
    const left = event.etaSecs != null ? ` · ${Math.ceil(event.etaSecs)} s left` : "";
    say(`Uploading: ${formatBytes(event.bytesDone)} of ${formatBytes(event.total)}${speed}${left}`);
  } else if (event.type === "creation_updated" && event.creation.id === current) {
    show(event.creation);
  }
}

/** @param {CreationView} creation */
function show(creation) {
  showFound(creation.found ?? []);
  byId("new-cancel").hidden = !["uploading", "ready"].includes(creation.state);
  if (creation.state !== "uploading") byId("new-progress").hidden = true;
  switch (creation.state) {
    case "uploading":
      say(creation.note ?? `Uploading ${creation.source}…`);
      break;
    case "ready":
    case "sending":
      say(creation.note ?? "Asking WayinVideo to make the project…");
      break;
    case "running":
      say(`Finding clips: ${plural(creation.clipsFound, "clip")} found so far.`);
      break;
    case "succeeded":
      current = null;
      showFound([]);
      say(`Project ready: ${plural(creation.clipsFound, "clip")} found.`);
      announce(`Project ready: ${plural(creation.clipsFound, "clip")}.`);
      openProject(creation.projectId);
      break;
    case "cancelled":
      current = null;
      say("Cancelled: nothing was created.");
      break;
    default: {
      current = null;
      const problem = PROBLEMS[creation.problem] ?? "The project was not made";
      const words = creation.message ? `: ${creation.message}` : ".";
      say("");
      showFieldError(byId("new-error"), `${problem}${words}`);
    }
  }
}

/**
 * The clips found so far, best first, as they arrive; cleared once the project opens.
 * @param {CreationView["found"]} found
 */
function showFound(found) {
  byId("new-found").replaceChildren(
    ...found.map((clip) => {
      const facts = [clip.durationMs != null ? formatDuration(clip.durationMs) : null, clip.score != null ? `score ${Math.round(clip.score)}` : null];
      return h("li", { text: [clip.title, ...facts].filter(Boolean).join(" · ") });
    }),
  );
}

function say(text) {
  setText(byId("new-status-text"), text);
}
