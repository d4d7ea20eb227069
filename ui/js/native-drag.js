// @ts-check
// Native file drags run by the shell: a clip, every clip of an export, a timeline file.

import { invoke } from "./ipc.js";
import { explain } from "./errors.js";

/**
 * Binds `handle` so pressing it starts the native drag `cmd` with `args()`. It is
 * asked on mousedown (what the OS drag needs) and on dragstart as a fallback, once
 * per gesture; the web view's own drag is suppressed.
 * @param {HTMLElement} handle
 * @param {import("../types/shell.js").Command} cmd
 * @param {() => Record<string, any>} args
 * @param {(message: string) => void} showError
 */
export function bindNativeDrag(handle, cmd, args, showError) {
  let askedAt = 0;
  const start = async () => {
    const now = Date.now();
    if (now - askedAt < 1000) return;
    askedAt = now;
    try {
      await invoke(cmd, args());
    } catch (err) {
      showError(explain(err));
    }
  };
  handle.addEventListener("mousedown", (event) => {
    if (event.button === 0) start();
  });
  handle.addEventListener("dragstart", (event) => {
    event.preventDefault();
    start();
  });
}
