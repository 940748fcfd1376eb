// Context tiers (DESIGN.md §3, glossary-facts §2): which raw matches may be
// marked. Precision beats recall, but safety entries must not vanish where
// they matter, so page context can come from unambiguous slang
// (alias.pageContext) and negative words are phrases chosen by the data
// ("cereal bar", never bare "bar"), not a fixed stop list here.

import { C_WORD, charClass, type Matcher, type RawMatch } from './match';

/** "Nearby" for context and negative words: this many words on each side of the match. */
export const CONTEXT_WINDOW_WORDS = 40;

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
 * - tier 2 when the page has context and no negative word of the alias is within
 *   CONTEXT_WINDOW_WORDS words;
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
  let hits: WordHits | undefined;
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
    const from = windowStart(text, m.start, CONTEXT_WINDOW_WORDS);
    const to = windowEnd(text, m.end, CONTEXT_WINDOW_WORDS);
    hits ??= new WordHits(text, matcher);
    hits.seek(from, to);
    const negative = rule.negative;
    const context = rule.context;
    let blocked = false;
    let supported = m.tier === 2;
    for (let h = hits.first; h < hits.ids.length && (hits.starts[h] as number) < to; h++) {
      const id = hits.ids[h] as number;
      if (negative?.includes(id)) {
        blocked = true;
        break;
      }
      if (!supported && context?.includes(id)) {
        const s = hits.starts[h] as number;
        const e = hits.ends[h] as number;
        if (s < m.start || e > m.end) supported = true;
      }
    }
    if (blocked) continue;
    if (!supported && (context === undefined || context.length === 0)) {
      anchors ??= anchorStarts(matches, matcher);
      supported = anchors.some((s) => s >= from && s < to && s !== m.start);
    }
    if (supported) kept.push(m);
  }
  return kept;
}

/** Starts of the matches that supply ketamine context by themselves. */
function anchorStarts(matches: readonly RawMatch[], matcher: Matcher): number[] {
  const starts: number[] = [];
  for (const m of matches) {
    if (m.tier === 1 || matcher.aliasRule(m.entry, m.alias).pageContext) starts.push(m.start);
  }
  return starts;
}

/**
 * Context-word occurrences, found lazily and once: windows of consecutive
 * (sorted) matches overlap and move forward, so each part of the text is
 * scanned at most once per call of filterByContext.
 */
class WordHits {
  starts: number[] = [];
  ends: number[] = [];
  ids: number[] = [];
  /** First hit that may lie in the current window. */
  first = 0;
  private scannedTo = 0;
  private lastFrom = 0;
  private readonly push = (start: number, end: number, id: number): void => {
    this.starts.push(start);
    this.ends.push(end);
    this.ids.push(id);
  };

  constructor(
    private readonly text: string,
    private readonly matcher: Matcher,
  ) {}

  seek(from: number, to: number): void {
    if (from < this.lastFrom) {
      // Unsorted input: start over.
      this.starts = [];
      this.ends = [];
      this.ids = [];
      this.first = 0;
      this.scannedTo = 0;
    }
    this.lastFrom = from;
    if (this.scannedTo < from) this.scannedTo = from;
    if (this.scannedTo < to) {
      this.matcher.scanContextWords(this.text, this.scannedTo, to, this.push);
      this.scannedTo = to;
    }
    while (this.first < this.starts.length && (this.starts[this.first] as number) < from) this.first++;
  }
}

const isWord = (c: number): boolean => (charClass(c) & C_WORD) !== 0;

/** Start of the n-th word before `pos` (or 0). */
export function windowStart(text: string, pos: number, n: number): number {
  let i = pos;
  let words = 0;
  let inWord = false;
  while (i > 0) {
    if (isWord(text.charCodeAt(i - 1))) inWord = true;
    else if (inWord) {
      inWord = false;
      if (++words >= n) break;
    }
    i--;
  }
  return i;
}

/** End of the n-th word after `pos` (or the text's length). */
export function windowEnd(text: string, pos: number, n: number): number {
  const len = text.length;
  let i = pos;
  let words = 0;
  let inWord = false;
  while (i < len) {
    if (isWord(text.charCodeAt(i))) inWord = true;
    else if (inWord) {
      inWord = false;
      if (++words >= n) break;
    }
    i++;
  }
  return i;
}
