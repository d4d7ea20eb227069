// The shell's events arrive on one channel (`exports_watch`); each view asks here for the
// kinds it shows. A handler that throws is reported and does not stop the others or the
// events after it.

/** event type → handlers */
const routes = new Map();

/** Calls `handler(event)` for every shell event of the given `types`. */
export function onShellEvent(types, handler) {
  for (const type of types) {
    if (!routes.has(type)) routes.set(type, new Set());
    routes.get(type).add(handler);
  }
}

/** Hands one event to the views that asked for its kind; kinds nobody asked for are ignored. */
export function routeShellEvent(event) {
  for (const handler of routes.get(event?.type) ?? []) {
    try {
      handler(event);
    } catch (err) {
      console.error(`the ${event.type} event could not be shown`, err);
    }
  }
}
