// @ts-check
// Which clips are chosen. Knows nothing of the DOM: the grid asks it what
// changed and repaints only those cards.

export class Selection {
  constructor() {
    this.chosen = new Set();
    /** The clip a Shift-click range starts from: the last one clicked without Shift. */
    this.anchor = null;
  }

  has(idx) {
    return this.chosen.has(idx);
  }

  get size() {
    return this.chosen.size;
  }

  /** Ascending clip indices, as the request lists them. */
  sorted() {
    return [...this.chosen].sort((a, b) => a - b);
  }

  /** Flips one clip; returns the indices whose state changed. */
  toggle(idx) {
    if (this.chosen.has(idx)) this.chosen.delete(idx);
    else this.chosen.add(idx);
    this.anchor = idx;
    return [idx];
  }

  /**
   * Selects every clip between the anchor and `idx` in the order the grid
   * shows them (`shownOrder`), as file managers do. With no anchor on screen
   * it behaves like a plain toggle.
   */
  extendTo(idx, shownOrder) {
    const from = this.anchor == null ? -1 : shownOrder.indexOf(this.anchor);
    const to = shownOrder.indexOf(idx);
    if (from < 0 || to < 0) return this.toggle(idx);
    const [start, end] = from <= to ? [from, to] : [to, from];
    const changed = [];
    for (const each of shownOrder.slice(start, end + 1)) {
      if (!this.chosen.has(each)) {
        this.chosen.add(each);
        changed.push(each);
      }
    }
    return changed;
  }

  /** Selects all of `indices`; returns those that were not selected before. */
  addAll(indices) {
    const changed = indices.filter((idx) => !this.chosen.has(idx));
    for (const idx of changed) this.chosen.add(idx);
    return changed;
  }

  /** Replaces the whole selection; returns every index whose state changed. */
  replace(indices) {
    const next = new Set(indices);
    const changed = [...this.chosen].filter((idx) => !next.has(idx));
    for (const idx of next) if (!this.chosen.has(idx)) changed.push(idx);
    this.chosen = next;
    this.anchor = null;
    return changed;
  }

  clear() {
    return this.replace([]);
  }
}
