// @ts-check
// A tiny publish/subscribe hub so views react to each other without importing each other.

const listeners = new Map();

/** Calls `fn(detail)` whenever `topic` is emitted; returns an unsubscribe function. */
export function on(topic, fn) {
  if (!listeners.has(topic)) listeners.set(topic, new Set());
  listeners.get(topic).add(fn);
  return () => listeners.get(topic).delete(fn);
}

export function emit(topic, detail) {
  for (const fn of listeners.get(topic) ?? []) fn(detail);
}
