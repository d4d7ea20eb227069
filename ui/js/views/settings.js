// @ts-check
// Settings: download folder, file-name template with a live example, how many
// downloads run at once, and the key. The API address is not a setting: the key
// belongs to one API, so only WAYIN_API_BASE at launch chooses it.

import { invoke } from "../ipc.js";
import { app, describeKey, sampleClip, setShared } from "../state.js";
import { on } from "../bus.js";
import { byId, h, setText, showFieldError } from "../dom.js";
import { explain } from "../errors.js";
import { announce, focusTarget } from "../a11y.js";
import { bindKeyForm, showKeyEnding } from "./key-form.js";
import { TOPICS } from "../topics.js";
import { latestAnswer } from "../latest.js";
import { paintChoice } from "./updates.js";

/** @typedef {import("../../types/shell.js").Catalog} Catalog */
/** @typedef {import("../../types/shell.js").SettingsView} SettingsView */

const namePreviews = latestAnswer();
let previewTimer = 0;

export function initSettings() {
  fillAutoTimelines(app.catalog);
  byId("choose-folder").addEventListener("click", chooseFolder);
  byId("name-template").addEventListener("input", () => schedulePreview());
  byId("template-default").addEventListener("click", () => {
    byId("name-template").value = app.catalog.defaults.nameTemplate;
    schedulePreview(0);
    byId("name-template").focus();
  });
  byId("settings-form").addEventListener("submit", (event) => {
    event.preventDefault();
    save();
  });
  bindKeyForm(
    {
      form: byId("replace-key-form"),
      input: byId("replace-key-input"),
      error: byId("replace-key-error"),
      progress: byId("replace-key-progress"),
      sessionButton: byId("replace-key-session"),
      recheckButton: byId("replace-key-recheck"),
      unchecked: byId("replace-key-unchecked"),
      keepButton: byId("replace-key-keep"),
      dropButton: byId("replace-key-drop"),
    },
    () => paintKey(),
  );
  byId("delete-key").addEventListener("click", () => {
    byId("delete-key-confirm").hidden = false;
    byId("delete-key-no").focus();
  });
  byId("delete-key-no").addEventListener("click", () => {
    byId("delete-key-confirm").hidden = true;
    byId("delete-key").focus();
  });
  byId("delete-key-yes").addEventListener("click", deleteKey);
  on(TOPICS.keyChanged, paintKey);
  on(TOPICS.projectOpened, () => schedulePreview(0));
}

/** Shows current values; `section` ("folder", "key", "template") is where to put focus. */
export function showSettings(section, message = "") {
  paintSettings(app.settings);
  paintKey();
  schedulePreview(0);
  if (section === "folder") {
    showFieldError(byId("folder-error"), message);
    byId("choose-folder").focus();
  } else if (section === "key") {
    focusTarget(byId("key-title"));
  } else if (section === "template") {
    byId("name-template").focus();
  } else if (section === "updates") {
    focusTarget(byId("about-title"));
  }
}

/** @param {SettingsView} settings */
function paintSettings(settings) {
  if (!settings) return;
  setText(byId("folder-path"), settings.downloadDir || "Not chosen yet");
  byId("name-template").value = settings.nameTemplate;
  if (app.catalog) byId("concurrency").max = String(app.catalog.limits.maxConcurrency);
  byId("concurrency").value = String(settings.concurrency);
  const auto = new Set(settings.autoTimelines ?? []);
  for (const box of autoTimelineBoxes()) box.checked = auto.has(box.value);
  paintChoice();
}

/**
 * One box per timeline format the shell writes, in the catalog's order.
 * @param {Catalog} catalog
 */
function fillAutoTimelines(catalog) {
  const boxes = catalog.timelineFormats.map(({ id, extension, shortLabel }) =>
    h("label", {}, h("input", { type: "checkbox", name: "autoTimeline", value: id }), ` ${shortLabel} (.${extension})`),
  );
  byId("auto-timelines").append(...boxes);
}

function autoTimelineBoxes() {
  return [.../** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[name="autoTimeline"]'))];
}

/** The formats ticked, in the page's order. */
function chosenAutoTimelines() {
  return autoTimelineBoxes()
    .filter((box) => box.checked)
    .map((box) => box.value);
}

function paintKey() {
  const status = app.keyStatus;
  const demo = app.info?.demo;
  setText(byId("key-summary"), demo ? "Demo mode: the built-in stand-in of WayinVideo needs no key." : describeKey(status));
  byId("replace-key-form").hidden = Boolean(demo);
  byId("delete-key").hidden = Boolean(demo) || !status?.set || status.source === "env";
  showKeyEnding(byId("replace-key-input"), status);
}

async function chooseFolder() {
  showFieldError(byId("folder-error"), "");
  try {
    const before = app.settings?.downloadDir;
    setShared("settings", await invoke("settings_choose_folder"));
    paintSettings(app.settings);
    if (app.settings.downloadDir !== before) announce(`Downloads now go to ${app.settings.downloadDir}.`);
  } catch (err) {
    showFieldError(byId("folder-error"), explain(err));
  }
}

function schedulePreview(delay = 150) {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(previewName, delay);
}

async function previewName() {
  const isLatest = namePreviews.begin();
  const template = byId("name-template").value;
  const clip = sampleClip();
  const preview = byId("template-preview");
  if (!clip) {
    setText(preview, "Open a project in Clips to see an example name made from one of its clips.");
    return;
  }
  try {
    const { fileName } = await invoke("name_preview", { template, projectId: app.project.projectId, idx: clip.idx });
    if (!isLatest()) return;
    showFieldError(byId("template-error"), "");
    setText(preview, `Example, for “${clip.title}”: ${fileName}`);
  } catch (err) {
    if (!isLatest()) return;
    setText(preview, "");
    showFieldError(byId("template-error"), explain(err));
  }
}

async function save() {
  const status = byId("settings-status");
  status.classList.remove("is-error");
  showFieldError(byId("concurrency-error"), "");
  const current = app.settings;
  const concurrency = Number(byId("concurrency").value);
  const most = app.catalog.limits.maxConcurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > most) {
    showFieldError(byId("concurrency-error"), `Enter a whole number from 1 to ${most}.`);
    byId("concurrency").focus();
    return;
  }
  const patch = {};
  const nameTemplate = byId("name-template").value;
  if (nameTemplate !== current.nameTemplate) patch.nameTemplate = nameTemplate;
  if (concurrency !== current.concurrency) patch.concurrency = concurrency;
  const autoTimelines = chosenAutoTimelines();
  const before = [...(current.autoTimelines ?? [])].sort().join(",");
  if (autoTimelines.slice().sort().join(",") !== before) patch.autoTimelines = autoTimelines;
  if (Object.keys(patch).length === 0) {
    setText(status, "Nothing to save: no setting changed.");
    return;
  }
  setText(status, "Saving…");
  try {
    setShared("settings", await invoke("settings_set", { patch }));
    paintSettings(app.settings);
    setText(status, "Settings saved.");
  } catch (err) {
    setText(status, "");
    if (err.kind === "invalid_template") {
      showFieldError(byId("template-error"), explain(err));
      byId("name-template").focus();
    } else {
      status.classList.add("is-error");
      setText(status, `Not saved: ${explain(err)}`);
    }
  }
}

async function deleteKey() {
  byId("delete-key-confirm").hidden = true;
  try {
    const status = await invoke("key_delete");
    announce("The key was deleted from this computer.");
    setShared("keyStatus", status);
  } catch (err) {
    setText(byId("replace-key-progress"), "");
    showFieldError(byId("replace-key-error"), `The key could not be deleted: ${explain(err)}`);
  }
}
