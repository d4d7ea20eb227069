// @ts-check
// The export form: every parameter of POST /clips/export, the API's rules
// (via options.js), a live one-line summary of what will be sent, presets,
// and the vendor's refusal shown right here.

import { invoke } from "../ipc.js";
import { app } from "../state.js";
import { emit, on } from "../bus.js";
import { byId, h, setText, showFieldError } from "../dom.js";
import { buildOptions, fieldOfOption, formFromOptions, CUSTOM_STYLE } from "../options.js";
import { explain, RETRYABLE } from "../errors.js";
import { plural } from "../format.js";
import { announce, focusTarget } from "../a11y.js";
import { initPresets } from "./presets.js";
import { TOPICS } from "../topics.js";
import { latestAnswer } from "../latest.js";

/** @typedef {import("../../types/shell.js").Catalog} Catalog */
/** @typedef {import("../../types/shell.js").ExportOptions} ExportOptions */

/** Form value name → element id. */
const FIELDS = {
  resolution: "resolution",
  targetLang: "target-lang",
  captionsOn: "captions-on",
  captionDisplay: "caption-display",
  captionStyle: "caption-style",
  customStyle: "custom-style",
  hookOn: "hook-on",
  hookStyle: "hook-style",
  hookPosition: "hook-position",
  hookKeywords: "hook-keywords",
  hookSeconds: "hook-seconds",
  reframeOn: "reframe-on",
  ratio: "ratio",
};

/** Fields whose mistakes are shown as soon as they are typed; the rest wait for a submit. */
const TYPED_FIELDS = new Set(["customStyle", "hookSeconds"]);
/** Fields with a message line of their own (`<id>-error`). */
const FIELDS_WITH_ERRORS = ["customStyle", "hookSeconds", "ratio"];

let submitAttempted = false;
const previews = latestAnswer();
let previewTimer = 0;

export function initExportForm() {
  fillPickers(app.catalog);
  const form = byId("export-form");
  form.addEventListener("input", formChanged);
  form.addEventListener("change", formChanged);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitExport();
  });
  initPresets({ readOptions: () => buildOptions(readForm()), apply: prefill, showErrors, verdictErrors });
  on(TOPICS.selectionChanged, selectionOrProjectChanged);
  on(TOPICS.projectOpened, () => {
    hideFormError();
    byId("export-note").hidden = true;
    selectionOrProjectChanged();
  });
  syncDependents();
}

/**
 * Fills the form from ExportOptions (a preset, or a past export being done again).
 * @param {ExportOptions} options
 */
export function prefill(options) {
  writeForm(formFromOptions(options, knownStyleIds()));
  submitAttempted = false;
  showErrors({});
  schedulePreview(0);
}

function knownStyleIds() {
  return (app.catalog?.captionStyles ?? []).map((style) => style.id);
}

function formChanged(event) {
  // The preset controls live inside the form but are not export parameters.
  if (event.target.closest(".presets")) return;
  syncDependents();
  schedulePreview();
}

function selectionOrProjectChanged() {
  const count = app.selection.size;
  setText(byId("export-submit"), count ? `Export ${plural(count, "clip")}` : "Export");
  schedulePreview();
}

/** @param {Catalog} catalog */
function fillPickers(catalog) {
  byId("resolution").replaceChildren(
    ...catalog.resolutions.map(({ value, label }) =>
      h("option", { value, text: label === value ? label : `${label} (${value})` }),
    ),
  );
  byId("resolution").value = catalog.defaults.resolution;

  byId("caption-display").replaceChildren(
    ...catalog.captionDisplays.map(({ value, label }) => h("option", { value, text: label })),
  );
  const defaultPosition = catalog.hookPositions.find((p) => p.value === catalog.defaults.hookPosition);
  byId("hook-position").replaceChildren(
    h("option", { value: "", text: `Default (${(defaultPosition?.label ?? catalog.defaults.hookPosition).toLowerCase()})` }),
    ...catalog.hookPositions.map(({ value, label }) => h("option", { value, text: label })),
  );

  const languages = [...catalog.languages].sort((a, b) => a.name.localeCompare(b.name));
  byId("target-lang").append(...languages.map(({ code, name }) => h("option", { value: code, text: `${name} (${code})` })));

  const twoLine = catalog.captionStyles.filter((style) => style.static);
  const others = catalog.captionStyles.filter((style) => !style.static);
  byId("caption-style").replaceChildren(
    h("option", { value: "", text: `Default (${catalog.defaults.captionStyle})` }),
    h("optgroup", { label: "Styles" }, ...others.map(({ id }) => h("option", { value: id, text: id }))),
    h("optgroup", { label: "Static styles (safe for both caption lines)" }, ...twoLine.map(({ id }) => h("option", { value: id, text: id }))),
    h("option", { value: CUSTOM_STYLE, text: "Custom style id…" }),
  );

  byId("hook-style").replaceChildren(
    h("option", { value: "", text: `Default (${catalog.defaults.hookStyle})` }),
    ...catalog.hookStyles.map((style) => h("option", { value: style, text: capitalise(style) })),
  );
  byId("ratio").append(
    ...catalog.ratios.map(({ value, label }) => h("option", { value, text: label === value ? label : `${label} (${value})` })),
  );
}

function capitalise(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** @returns {import("../options.js").ExportForm} */
function readForm() {
  /** @type {any} */
  const form = {};
  for (const [name, id] of Object.entries(FIELDS)) {
    const el = byId(id);
    form[name] = el.type === "checkbox" ? el.checked : el.value;
  }
  return form;
}

/** @param {import("../options.js").ExportForm} values */
function writeForm(values) {
  const filled = { ...values, resolution: values.resolution || app.catalog.defaults.resolution };
  for (const [name, id] of Object.entries(FIELDS)) {
    const el = byId(id);
    if (el.type === "checkbox") el.checked = Boolean(filled[name]);
    else el.value = filled[name] ?? "";
  }
  syncDependents();
}

/** Dependent fields exist (for people and screen readers) only while their switch is on. */
function syncDependents() {
  byId("captions-fields").hidden = !byId("captions-on").checked;
  byId("hook-fields").hidden = !byId("hook-on").checked;
  byId("reframe-fields").hidden = !byId("reframe-on").checked;
  byId("custom-style-field").hidden = byId("caption-style").value !== CUSTOM_STYLE;
}

/**
 * Marks the fields `errors` names. `all`: show every field's message, not only
 * those of typed fields; after a refused submit or preset save this holds until
 * the form is filled anew, so a preview answering later does not hide them.
 */
function showErrors(errors, all = submitAttempted) {
  if (all) submitAttempted = true;
  for (const name of FIELDS_WITH_ERRORS) {
    const visible = all || TYPED_FIELDS.has(name);
    showFieldError(byId(`${FIELDS[name]}-error`), visible ? errors[name] : "");
  }
}

/**
 * The shell's refusal of the options as form errors: `{ formField: message }`
 * when it names an option the form has a message line for, else `{}`.
 * @param {import("../ipc.js").IpcError} err
 */
function verdictErrors(err) {
  if (err?.kind !== "invalid_request" || !err.field) return {};
  const name = fieldOfOption(err.field, readForm());
  return name && FIELDS_WITH_ERRORS.includes(name) ? { [name]: err.message } : {};
}

function schedulePreview(delay = 120) {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, delay);
}

async function preview() {
  const isLatest = previews.begin();
  const project = app.project;
  if (!project) return;
  const summary = byId("export-summary");
  const clips = app.selection.sorted();
  const { options, errors } = buildOptions(readForm());
  summary.classList.toggle("is-error", !options);
  if (!options) {
    showErrors(errors);
    showPreview(`Not ready: ${Object.values(errors).join(" ")}`, [], null);
    return;
  }
  byId("export-form").querySelector(".export-summary").setAttribute("aria-busy", "true");
  try {
    // With no clip chosen the options are still checked (as for all clips), so a
    // refusal is shown before any clip is picked.
    const result = await invoke("export_preview", { projectId: project.projectId, clips: clips.length ? clips : null, options });
    if (!isLatest()) return;
    // Marks stay until the shell's answer replaces them, so they do not flicker.
    showErrors({});
    if (clips.length === 0) showPreview("Nothing to send yet: select the clips to export.", [], null);
    else showPreview(result.summary, result.warnings ?? [], result.body);
  } catch (err) {
    if (!isLatest()) return;
    summary.classList.add("is-error");
    showErrors(verdictErrors(err));
    showPreview(err.kind === "invalid_request" ? `Not ready: ${err.message}` : explain(err), [], null);
  } finally {
    if (isLatest()) byId("export-form").querySelector(".export-summary").removeAttribute("aria-busy");
  }
}

/**
 * @param {string} summary
 * @param {string[]} warnings
 * @param {import("../../types/shell.js").Answers["export_preview"]["body"] | null} body
 */
function showPreview(summary, warnings, body) {
  setText(byId("export-summary"), summary);
  byId("export-warnings").replaceChildren(...warnings.map((text) => h("li", { text })));
  setText(byId("export-body"), body ? JSON.stringify(body, null, 2) : "—");
}

async function submitExport() {
  const project = app.project;
  if (!project) return;
  hideFormError();
  submitAttempted = true;
  const clips = app.selection.sorted();
  const { options, errors } = buildOptions(readForm());
  showErrors(errors, true);
  if (!options) {
    const [first] = Object.keys(errors);
    showFormError(`Not sent. ${errors[first]}`);
    focusTarget(byId(FIELDS[first]));
    return;
  }
  if (clips.length === 0) {
    showFormError("Not sent. Select at least one clip in the grid first.");
    return;
  }
  const button = byId("export-submit");
  const label = button.textContent;
  button.disabled = true;
  setText(button, "Sending…");
  byId("export-form").setAttribute("aria-busy", "true");
  try {
    const view = await invoke("export_submit", {
      projectId: project.projectId,
      projectName: project.name,
      clips,
      options,
    });
    submitAttempted = false;
    byId("export-note").hidden = true;
    announce(`Export of ${plural(clips.length, "clip")} sent. Its progress is in Exports.`);
    emit(TOPICS.exportSubmitted, view);
  } catch (err) {
    submitFailed(err);
  } finally {
    button.disabled = false;
    setText(button, label);
    byId("export-form").removeAttribute("aria-busy");
  }
}

/** @param {import("../ipc.js").IpcError} err */
function submitFailed(err) {
  const fields = verdictErrors(err);
  const [field] = Object.keys(fields);
  if (field) {
    showErrors(fields, true);
    showFormError(`Not sent. ${err.message}`);
    focusTarget(byId(FIELDS[field]));
  } else if (err.kind === "invalid_request") {
    showFormError(`The export was refused: ${err.message}`, null, "Change the setting it names, then export again.");
  } else if (err.kind === "submit_unknown") {
    showFormError(explain(err), { label: "Show exports", run: () => emit(TOPICS.showView, "exports") });
    emit(TOPICS.exportsStale);
  } else if (err.kind === "key_rejected" || err.kind === "key_missing") {
    showFormError(explain(err), { label: "Replace the key", run: () => emit(TOPICS.openSettings, "key") });
  } else if (err.kind === "folder") {
    showFormError(explain(err), { label: "Choose a folder", run: () => emit(TOPICS.openSettings, "folder") });
  } else if (RETRYABLE.has(err.kind)) {
    showFormError(explain(err), { label: "Try again", run: submitExport });
  } else {
    showFormError(explain(err));
  }
}

function showFormError(message, action = null, nextStep = "") {
  const box = byId("export-error");
  setText(byId("export-error-text"), nextStep ? `${message} ${nextStep}` : message);
  const button = byId("export-error-action");
  button.hidden = !action;
  if (action) {
    setText(button, action.label);
    button.onclick = () => {
      hideFormError();
      action.run();
    };
  }
  box.hidden = false;
}

function hideFormError() {
  byId("export-error").hidden = true;
}
