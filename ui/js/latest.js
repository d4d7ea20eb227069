// @ts-check
// "The latest answer wins": for a request that may be asked again before the last one is
// answered (a preview while typing, a project opened twice), only the newest may show.

/** A counter of requests; `begin()` starts one and returns whether it is still the newest. */
export function latestAnswer() {
  let newest = 0;
  return {
    begin() {
      const mine = ++newest;
      return () => mine === newest;
    },
  };
}
