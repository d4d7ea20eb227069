// @ts-check
// The first screen when no key is stored and the app is not in demo mode.

import { byId } from "../dom.js";
import { bindKeyForm } from "./key-form.js";


export function initFirstRun(onReady) {
  bindKeyForm(
    {
      form: byId("first-key-form"),
      input: byId("first-key-input"),
      error: byId("first-key-error"),
      progress: byId("first-key-progress"),
      sessionButton: byId("first-key-session"),
      recheckButton: byId("first-key-recheck"),
      unchecked: byId("first-key-unchecked"),
      keepButton: byId("first-key-keep"),
      dropButton: byId("first-key-drop"),
    },
    onReady,
  );
}

export function showFirstRun() {
  byId("view-first-run").hidden = false;
  byId("first-key-input").focus();
}

export function hideFirstRun() {
  byId("view-first-run").hidden = true;
}

