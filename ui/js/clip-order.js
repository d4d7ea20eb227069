// @ts-check
// Sorting and filtering the clip grid; pure functions over the Project's clips.

/** @typedef {import("../types/shell.js").ClipView} ClipView */

/**
 * A clip's length, from the shell's durationMs or its begin and end.
 * @param {ClipView} clip
 * @returns {number | null}
 */
export function clipLength(clip) {
  if (clip.durationMs != null) return clip.durationMs;
  if (clip.beginMs != null && clip.endMs != null) return clip.endMs - clip.beginMs;
  return null;
}

/**
 * Missing values sort last whatever the direction, then the vendor's own order (idx).
 * @param {(clip: ClipView) => number | null} value
 * @param {boolean} descending
 * @returns {(a: ClipView, b: ClipView) => number}
 */
function compareBy(value, descending) {
  return (a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va == null && vb == null) return a.idx - b.idx;
    if (va == null) return 1;
    if (vb == null) return -1;
    if (va !== vb) return descending ? vb - va : va - vb;
    return a.idx - b.idx;
  };
}

const ORDERS = {
  score: compareBy((clip) => clip.score, true),
  position: compareBy((clip) => clip.beginMs, false),
  duration: compareBy(clipLength, true),
};

/**
 * Clip indices in the chosen order: score (best first), position (earliest first), duration (longest first).
 * @param {ClipView[]} clips
 * @param {string} key
 * @returns {number[]}
 */
export function sortedIndices(clips, key) {
  const compare = ORDERS[key] ?? ORDERS.score;
  return [...clips].sort(compare).map((clip) => clip.idx);
}

/**
 * Whether a clip passes the text filter (title, description, tags) and the tag filter.
 * @param {ClipView} clip
 * @param {string} text
 * @param {string} tag
 */
export function matches(clip, text, tag) {
  if (tag && !clip.tags.includes(tag)) return false;
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return (
    clip.title.toLowerCase().includes(needle) ||
    clip.desc.toLowerCase().includes(needle) ||
    clip.tags.some((each) => each.toLowerCase().includes(needle))
  );
}

/**
 * Every tag with how many clips carry it, most used first.
 * @param {ClipView[]} clips
 */
export function tagCounts(clips) {
  const counts = new Map();
  for (const clip of clips) {
    for (const tag of clip.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
