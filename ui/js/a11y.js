// @ts-check
// Screen-reader announcements and focus moves the views share.

import { byId } from "./dom.js";

let clearTimer = 0;

/** Says `message` through the page's polite live region. */
export function announce(message) {
  const region = byId("announcer");
  // Emptying first makes a repeated message be read again.
  region.textContent = "";
  clearTimeout(clearTimer);
  requestAnimationFrame(() => {
    region.textContent = message;
    clearTimer = setTimeout(() => (region.textContent = ""), 8000);
  });
}

/** Moves focus to a heading or region so keyboard and screen-reader users land where things changed. */
export function focusTarget(el) {
  if (!el) return;
  if (!el.hasAttribute("tabindex") && !isFocusable(el)) el.setAttribute("tabindex", "-1");
  el.focus({ preventScroll: false });
}

function isFocusable(el) {
  return el.matches("a[href], button, input, select, textarea, summary, [tabindex]");
}
