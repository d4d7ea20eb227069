// @ts-check
// The shell's events arrive on one channel (`exports_watch`); each view asks here for the
// kinds it shows. A handler that throws is reported and does not stop the others or the
// events after it.

/** @typedef {import("../types/shell.js").Events} Events */

/** @type {Map<string, Set<(event: any) => void>>} */
const routes = new Map();

/**
 * Calls `handler(event)` for every shell event of the given `types`; the handler is
 * checked against the events the shell was seen to send of those types.
 * @template {keyof Events} K
 * @param {K[]} types
 * @param {(event: Events[K]) => void} handler
 */
export function onShellEvent(types, handler) {
  for (const type of types) {
    if (!routes.has(type)) routes.set(type, new Set());
    routes.get(type).add(handler);
  }
}

/**
 * Hands one event to the views that asked for its kind; kinds nobody asked for are ignored.
 * @param {import("../types/shell.js").ShellEvent} event
 */
export function routeShellEvent(event) {
  for (const handler of routes.get(event?.type) ?? []) {
    try {
      handler(event);
    } catch (err) {
      console.error(`the ${event.type} event could not be shown`, err);
    }
  }
}
