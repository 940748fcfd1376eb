// Context tiers: which raw matches may be marked (filterByContext lists the
// rules). Precision beats recall, because many aliases are also everyday
// words with other senses; but safety entries must not vanish where they
// matter, so page context can come from unambiguous slang
// (alias.pageContext) and negative words are phrases chosen by the data
// ("cereal bar", never bare "bar"), not a fixed stop list here.

import type { Matcher, RawMatch } from './match';

/**
 * "Nearby" for context and negative words: this many characters on each side
 * of the match (about 40 words of English). Characters, not words: counting
 * words meant a second pass over the text, a third of the filtering cost on a
 * 1 MB article, and a "word" means little in scripts written without spaces.
 */
export const CONTEXT_WINDOW_CHARS = 250;

export interface ContextOptions {
  /** The page (or the text being marked) has ketamine context: see hasPageContext. */
  pageHasContext: boolean;
}

/**
 * True if any match is of a tier-1 alias or of an alias with pageContext
 * (unambiguous slang such as "ket bladder"), so tier 2 and 3 may be marked.
 * Compute it over the whole page's matches, then filter each text.
 */
export function hasPageContext(matches: readonly RawMatch[], matcher: Matcher): boolean {
  for (const m of matches) {
    if (m.tier === 1 || matcher.aliasRule(m.entry, m.alias).pageContext) return true;
  }
  return false;
}

/**
 * Keeps the matches that may be marked:
 * - tier 1 always;
 * - tier 2 when the page has context and no negative word of the alias starts
 *   within CONTEXT_WINDOW_CHARS characters of it;
 * - tier 3 when the page has context, one of the alias's context words is within
 *   the window (outside the match itself) and no negative word is. An alias
 *   with no context words listed needs a tier-1/pageContext match in the window
 *   instead, so it is not silently unmarkable;
 * - tier 4 never.
 * Context words match whole-word, case-insensitively, with spelling variants
 * and a simple plural. `matches` should be findAll's output for `text`
 * (sorted by start); any order works, sorted is linear.
 */
export function filterByContext(
  matches: readonly RawMatch[],
  text: string,
  matcher: Matcher,
  options: ContextOptions,
): RawMatch[] {
  const kept: RawMatch[] = [];
  // Only the first run of a page that needs it allocates this (see shared*).
  let window: WindowWords | undefined;
  let anchors: number[] | undefined;
  for (const m of matches) {
    if (m.tier === 1) {
      kept.push(m);
      continue;
    }
    if (m.tier === 4 || !options.pageHasContext) continue;
    const rule = matcher.aliasRule(m.entry, m.alias);
    if (m.tier === 2 && rule.negative === undefined) {
      kept.push(m);
      continue;
    }
    const from = Math.max(0, m.start - CONTEXT_WINDOW_CHARS);
    const to = Math.min(text.length, m.end + CONTEXT_WINDOW_CHARS);
    window ??= windowWordsOf(text, matcher);
    window.seek(from, to);
    const w = window;
    if (rule.negative !== undefined && w.hasAny(rule.negative)) continue;
    if (m.tier === 2) {
      kept.push(m);
      continue;
    }
    const context = rule.context;
    let supported: boolean;
    if (context !== undefined && context.length > 0) {
      supported = context.some((id) => w.hasOutside(id, m.start, m.end));
    } else {
      anchors ??= anchorStarts(matches, matcher);
      supported = hasAnchor(anchors, from, to, m.start);
    }
    if (supported) kept.push(m);
  }
  return kept;
}

// One of each, reused by every filterByContext call: a page calls it once per
// text run with matches (thousands), and their typed arrays were a large part
// of the per-run cost. filterByContext never re-enters itself.
let sharedWindowWords: WindowWords | undefined;

function windowWordsOf(text: string, matcher: Matcher): WindowWords {
  sharedWindowWords ??= new WindowWords();
  return sharedWindowWords.reset(text, matcher);
}

/** Sorted starts of the matches that supply ketamine context by themselves. */
function anchorStarts(matches: readonly RawMatch[], matcher: Matcher): number[] {
  const starts: number[] = [];
  for (const m of matches) {
    if (m.tier === 1 || matcher.aliasRule(m.entry, m.alias).pageContext) starts.push(m.start);
  }
  return starts.sort((a, b) => a - b);
}

/** Is there an anchor in [from, to) other than one at `self`? */
function hasAnchor(anchors: readonly number[], from: number, to: number, self: number): boolean {
  let lo = 0;
  let hi = anchors.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((anchors[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < anchors.length && (anchors[i] as number) < to; i++)
    if (anchors[i] !== self) return true;
  return false;
}

/**
 * The context-word occurrences inside a sliding window, with a count per
 * word id. Windows of sorted matches only move forward, so each part of the
 * text is scanned once and each occurrence enters and leaves the counts once:
 * a check is O(words of the alias), however dense the matches are.
 */
class WindowWords {
  #text = '';
  #matcher: Matcher | undefined;
  #starts: number[] = [];
  #ends: number[] = [];
  #ids: number[] = [];
  #counts = new Int32Array(64);
  /** Occurrences lo … hi-1 are inside the window. */
  #lo = 0;
  #hi = 0;
  #scannedTo = 0;
  #lastFrom = 0;
  #lastTo = 0;
  readonly #push = (start: number, end: number, id: number): void => {
    this.#starts.push(start);
    this.#ends.push(end);
    this.#ids.push(id);
  };

  /** Starts over on a new text; the counts go back to zero through the words still counted. */
  reset(text: string, matcher: Matcher): this {
    for (let h = this.#lo; h < this.#hi; h++) {
      const id = this.#ids[h] as number;
      this.#counts[id] = (this.#counts[id] as number) - 1;
    }
    this.#text = text;
    this.#matcher = matcher;
    this.#starts.length = 0;
    this.#ends.length = 0;
    this.#ids.length = 0;
    this.#lo = 0;
    this.#hi = 0;
    this.#scannedTo = 0;
    this.#lastFrom = 0;
    this.#lastTo = 0;
    return this;
  }

  seek(from: number, to: number): void {
    if (from < this.#lastFrom || to < this.#lastTo) {
      // Unsorted input: start over.
      this.#starts = [];
      this.#ends = [];
      this.#ids = [];
      this.#counts.fill(0);
      this.#lo = 0;
      this.#hi = 0;
      this.#scannedTo = 0;
    }
    this.#lastFrom = from;
    this.#lastTo = to;
    if (this.#scannedTo < from) this.#scannedTo = from;
    if (this.#scannedTo < to) {
      (this.#matcher as Matcher).scanContextWords(this.#text, this.#scannedTo, to, this.#push);
      this.#scannedTo = to;
    }
    const starts = this.#starts;
    const ids = this.#ids;
    while (this.#hi < starts.length && (starts[this.#hi] as number) < to) {
      const id = ids[this.#hi++] as number;
      if (id >= this.#counts.length) {
        const grown = new Int32Array(Math.max(id + 1, this.#counts.length * 2));
        grown.set(this.#counts);
        this.#counts = grown;
      }
      this.#counts[id] = (this.#counts[id] as number) + 1;
    }
    while (this.#lo < this.#hi && (starts[this.#lo] as number) < from) {
      const id = ids[this.#lo++] as number;
      this.#counts[id] = (this.#counts[id] as number) - 1;
    }
  }

  /** Does any of the words `ids` occur in the window? */
  hasAny(ids: readonly number[]): boolean {
    for (const id of ids) if ((this.#counts[id] ?? 0) > 0) return true;
    return false;
  }

  /** Does word `id` occur in the window other than inside [start, end) (the match itself)? */
  hasOutside(id: number, start: number, end: number): boolean {
    const n = this.#counts[id] ?? 0;
    if (n === 0) return false;
    let inside = 0;
    for (let h = this.#lo; h < this.#hi; h++) {
      if (this.#ids[h] === id && (this.#starts[h] as number) >= start && (this.#ends[h] as number) <= end)
        inside++;
    }
    return n > inside;
  }
}
