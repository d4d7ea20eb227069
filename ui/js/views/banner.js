// @ts-check
// The one app-wide message strip, for problems that are not about one field.

import { byId, setText } from "../dom.js";

export function initBanner() {
  byId("banner-close").addEventListener("click", hideBanner);
}

/** `action`: { label, run } for the one thing to do next, or none. */
export function showBanner(message, action = null) {
  setText(byId("banner-text"), message);
  const button = byId("banner-action");
  button.hidden = !action;
  if (action) {
    setText(button, action.label);
    button.onclick = () => {
      hideBanner();
      action.run();
    };
  }
  byId("banner").hidden = false;
}

export function hideBanner() {
  byId("banner").hidden = true;
}
