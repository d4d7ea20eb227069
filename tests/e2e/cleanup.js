// Undo what a test set up, last thing first, even when the test failed half
// way: the app before the fake API it talks to, the fake before its folder.

/**
 * Returns `defer(fn)`: every deferred step runs after the test, newest first;
 * one that fails does not stop the others (the first failure is reported).
 */
export function cleanupAfter(t) {
  const steps = [];
  t.after(async () => {
    let first = null;
    while (steps.length > 0) {
      try {
        await steps.pop()();
      } catch (err) {
        first ??= err;
      }
    }
    if (first) throw first;
  });
  return (step) => steps.push(step);
}
