// @ts-check
// "Try the demo" on the first-run screen and "Leave the demo" in the header: the
// shell switches mode while the app runs; the page then starts again from the top
// so every view shows the new mode's projects, exports and settings. Neither can be
// pressed while a key is being saved or checked: the key belongs to the mode it was
// typed in.

import { invoke } from "../ipc.js";
import { byId, showFieldError } from "../dom.js";
import { explain } from "../errors.js";
import { showBanner } from "./banner.js";
import { on } from "../bus.js";
import { TOPICS } from "../topics.js";

/** @typedef {import("../../types/shell.js").AppInfo} AppInfo */

const SWITCHES = ["demo-enter", "demo-leave"];
let keyFormBusy = false;
let switching = false;

export function initDemoSwitch() {
  byId("demo-enter").addEventListener("click", () => switchMode("demo_enter"));
  byId("demo-leave").addEventListener("click", () => switchMode("demo_leave"));
  on(TOPICS.keyFormBusy, (busy) => {
    keyFormBusy = busy;
    refreshSwitches();
  });
}

function refreshSwitches() {
  for (const id of SWITCHES) byId(id).disabled = keyFormBusy || switching;
}

/**
 * Shows "Leave the demo" while the demo is shown.
 * @param {AppInfo} info
 */
export function showDemoSwitch(info) {
  byId("demo-leave").hidden = !info.demo;
}

/** @param {"demo_enter" | "demo_leave"} cmd */
async function switchMode(cmd) {
  if (keyFormBusy || switching) return;
  switching = true;
  refreshSwitches();
  showFieldError(byId("demo-enter-error"), "");
  try {
    await invoke(cmd);
    location.reload();
  } catch (err) {
    switching = false;
    refreshSwitches();
    if (cmd === "demo_enter") showFieldError(byId("demo-enter-error"), `The demo could not start: ${explain(err)}`);
    else showBanner(`The demo could not be left: ${explain(err)}`);
  }
}
