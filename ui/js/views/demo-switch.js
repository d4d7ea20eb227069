// "Try the demo" on the first-run screen and "Leave the demo" in the header: the
// shell switches mode while the app runs; the page then starts again from the top
// so every view shows the new mode's projects, exports and settings.

import { invoke } from "../ipc.js";
import { byId, showFieldError } from "../dom.js";
import { explain } from "../errors.js";
import { showBanner } from "./banner.js";

export function initDemoSwitch() {
  byId("demo-enter").addEventListener("click", () => switchMode("demo_enter", byId("demo-enter")));
  byId("demo-leave").addEventListener("click", () => switchMode("demo_leave", byId("demo-leave")));
}

/** Shows "Leave the demo" while the demo is shown. */
export function showDemoSwitch(info) {
  byId("demo-leave").hidden = !info.demo;
}

async function switchMode(cmd, button) {
  button.disabled = true;
  showFieldError(byId("demo-enter-error"), "");
  try {
    await invoke(cmd);
    location.reload();
  } catch (err) {
    button.disabled = false;
    if (cmd === "demo_enter") showFieldError(byId("demo-enter-error"), `The demo could not start: ${explain(err)}`);
    else showBanner(`The demo could not be left: ${explain(err)}`);
  }
}
