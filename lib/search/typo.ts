// Typo tolerance on whole words only: two words are "close" when their
// lengths are comparable and few edits apart. Matching a fragment inside a
// longer word ("ole" in "tolerance") is what made fuzzy search list junk.

/** Shorter / longer length must be at least this: "hole" is no typo of "tolerance". */
const MIN_LENGTH_RATIO = 0.75;
/** Words this long or shorter allow one edit, longer ones two. */
const ONE_EDIT_UP_TO = 5;
/** Shorter words are left to exact and prefix matching: three letters are a different word after one edit. */
export const MIN_TYPO_LENGTH = 4;

export function maxEdits(length: number): number {
  return length <= ONE_EDIT_UP_TO ? 1 : 2;
}

/** Optimal string alignment distance (an adjacent swap costs 1), or max + 1 once it must exceed `max`. */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Every later row is at least this row's minimum.
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] ?? max + 1;
}

/**
 * Edit distance when `word` is a near miss of `target` (a different word of
 * comparable length with the same first letter, a few edits away), else -1.
 */
export function typoDistance(word: string, target: string): number {
  // People rarely get the first letter wrong, and allowing it lets "dieketamine" pass for "ivketamine".
  if (word.length < MIN_TYPO_LENGTH || word === target || word[0] !== target[0]) return -1;
  const shorter = Math.min(word.length, target.length);
  const longer = Math.max(word.length, target.length);
  if (shorter / longer < MIN_LENGTH_RATIO) return -1;
  const max = maxEdits(word.length);
  const d = editDistanceWithin(word, target, max);
  return d <= max ? d : -1;
}

export function isTypoOf(word: string, target: string): boolean {
  return typoDistance(word, target) >= 0;
}
