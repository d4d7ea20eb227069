// Waiting for something to become true in a window that changes on its own.

import assert from "node:assert/strict";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `check` until it returns something truthy and returns that; fails with
 * the last value (or error) after `timeout` ms. Errors thrown by `check` count
 * as "not yet".
 */
export async function eventually(check, { timeout = 10_000, interval = 100, message = "condition never held" } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      assert.fail(`${message} within ${timeout} ms (last: ${detail})`);
    }
    await sleep(interval);
  }
}

/** Waits for `promise`, or `ms` at most; true when it settled in time. Leaves no timer behind. */
export async function within(promise, ms) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
