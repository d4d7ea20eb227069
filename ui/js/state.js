// What the views share: facts loaded at start, the open project and the selection. Views
// read `app` freely and replace a fact only through `setShared`, which announces it; the
// selection is one object the clip grid changes in place and announces itself.

import { emit } from "./bus.js";
import { Selection } from "./selection.js";
import { TOPICS } from "./topics.js";

export const app = {
  /** `app_info`: { version, commit, demo, apiBase, keySet, historySetAside, notices } */
  info: null,
  /** `key_status`: KeyStatus */
  keyStatus: null,
  /** `catalog`: the lists the pickers offer */
  catalog: null,
  /** `settings_get`: Settings */
  settings: null,
  /** The open Project, or null */
  project: null,
  selection: new Selection(),
};

/** What changing each shared fact announces; the others change unheard (only Settings shows them). */
const ANNOUNCED = { project: TOPICS.projectOpened, keyStatus: TOPICS.keyChanged };

/** The facts read at start, set without announcing: no view listens yet. */
export function loadShared(facts) {
  for (const [key, value] of Object.entries(facts)) {
    if (!(key in app)) throw new Error(`no shared fact ${key}`);
    app[key] = value;
  }
}

/** Sets one shared fact and tells the views that listen for it. */
export function setShared(key, value) {
  if (!(key in app)) throw new Error(`no shared fact ${key}`);
  app[key] = value;
  if (ANNOUNCED[key]) emit(ANNOUNCED[key], value);
}

/** The clip the file-name preview uses: the first selected one, else the first of the project. */
export function sampleClip() {
  const project = app.project;
  if (!project || project.clips.length === 0) return null;
  const [first] = app.selection.sorted();
  return project.clips.find((clip) => clip.idx === first) ?? project.clips[0];
}

/** "Key ending …7f3a" for people; the key itself never reaches the page. */
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
