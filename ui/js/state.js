// @ts-check
// What the views share: facts loaded at start, the open project and the selection. Views
// read `app` freely and replace a fact only through `setShared`, which announces it; the
// selection is one object the clip grid changes in place and announces itself.

import { emit } from "./bus.js";
import { Selection } from "./selection.js";
import { TOPICS } from "./topics.js";

/**
 * @typedef {object} Shared
 * @property {import("../types/shell.js").AppInfo} info `app_info`
 * @property {import("../types/shell.js").KeyStatus} keyStatus `key_status`
 * @property {import("../types/shell.js").Catalog} catalog `catalog`: the lists the pickers offer
 * @property {import("../types/shell.js").SettingsView} settings `settings_get`
 * @property {import("../types/shell.js").ProjectView | null} project The open project, or null
 * @property {Selection} selection
 */

/** @type {Shared} */
export const app = {
  info: null,
  keyStatus: null,
  catalog: null,
  settings: null,
  project: null,
  selection: new Selection(),
};

/**
 * What changing each shared fact announces; the others change unheard (only Settings shows them).
 * @type {Partial<Record<keyof Shared, string>>}
 */
const ANNOUNCED = { project: TOPICS.projectOpened, keyStatus: TOPICS.keyChanged };

/**
 * The facts read at start, set without announcing: no view listens yet.
 * @param {Partial<Shared>} facts
 */
export function loadShared(facts) {
  for (const [key, value] of Object.entries(facts)) {
    if (!(key in app)) throw new Error(`no shared fact ${key}`);
    app[key] = value;
  }
}

/**
 * Sets one shared fact and tells the views that listen for it.
 * @template {keyof Shared} K
 * @param {K} key
 * @param {Shared[K]} value
 */
export function setShared(key, value) {
  if (!(key in app)) throw new Error(`no shared fact ${key}`);
  app[key] = value;
  if (ANNOUNCED[key]) emit(ANNOUNCED[key], value);
}

/**
 * The clip the file-name preview uses: the first selected one, else the first of the project.
 * @returns {import("../types/shell.js").ClipView | null}
 */
export function sampleClip() {
  const project = app.project;
  if (!project || project.clips.length === 0) return null;
  const [first] = app.selection.sorted();
  return project.clips.find((clip) => clip.idx === first) ?? project.clips[0];
}

/**
 * "Key ending …7f3a" for people; the key itself never reaches the page.
 * @param {import("../types/shell.js").KeyStatus | null} status
 */
export function describeKey(status) {
  if (!status?.set) return "No key is set.";
  const ending = status.last4 ? `Key ending …${status.last4}` : "A key";
  const where = {
    keychain: "stored in the system keychain",
    session: "kept for this session only; paste it again next time",
    env: "taken from the environment",
    demo: "the demo's built-in key",
  }[status.source];
  return where ? `${ending}, ${where}.` : `${ending}.`;
}
