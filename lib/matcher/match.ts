// The matcher facade: what the rest of the extension sees of the matcher
// (Matcher, its match records and alias rules) and createMatcher, which puts
// it together from the decoded index tables (loadMatcher in compile.ts).
// The scan itself is in trie.ts.

import type { Category, Severity, Tier } from '../glossary/types';
import type { Trie } from './trie';

/** One occurrence of an alias in a text: UTF-16 offsets [start, end). */
export interface RawMatch {
  start: number;
  end: number;
  /** Index into MatcherIndex.entries / Matcher.entries (glossary order). */
  entry: number;
  /** Position of the alias in the glossary entry's `aliases` array. */
  alias: number;
  tier: Tier;
}

/** What a content script needs to know about an entry without its text. */
export interface MatcherEntry {
  category: Category;
  /** The most severe safety note of the entry, for styling; undefined when it has none. */
  severity: Severity | undefined;
}

/** The matching rule of one alias, with context words as ids (see Matcher.scanContextWords). */
export interface AliasRule {
  tier: Tier;
  caseSensitive: boolean;
  pageContext: boolean;
  /** Tier 3: ids of context words of which one must occur nearby. */
  context: readonly number[] | undefined;
  /** Ids of words/phrases that block the mark when they occur nearby. */
  negative: readonly number[] | undefined;
}

export interface Matcher {
  readonly entries: readonly MatcherEntry[];
  /**
   * Every alias occurrence (tiers 1–3), longest first, non-overlapping, left
   * to right; with `from`/`to`, those starting in text[from, to) (word
   * boundaries still read the text around them).
   */
  findAll(text: string, from?: number, to?: number): RawMatch[];
  /**
   * False only if `text` holds no match of a tier-1 or pageContext alias, so
   * nothing in it can give a page context (and without context nothing is
   * marked). May be true without such a match. Native RegExp, no trie scan.
   */
  couldGiveContext(text: string): boolean;
  aliasRule(entry: number, alias: number): AliasRule;
  /**
   * Every occurrence (overlapping allowed) of a context/negative word that
   * starts in [from, to), as onHit(start, end, wordId). Used by context.ts.
   */
  scanContextWords(
    text: string,
    from: number,
    to: number,
    onHit: (start: number, end: number, word: number) => void,
  ): void;
}

/**
 * Decoded index tables (built by loadMatcher in compile.ts). A tuple, not an
 * object: property names would survive minification into the content script.
 * - aliasOffset: first global alias number of each entry; length entries + 1;
 * - aliasEntry, aliasTier: entry and tier of each global alias number;
 * - rule: the rule of a global alias number (built on first use: a page
 *   without matches never needs them);
 * - terms: aliases of tiers 1–3, outputs are global alias numbers. Decoded on
 *   first use: a page whose precheck finds nothing never needs it (its gate
 *   tables cost 1–8 ms to build, cold);
 * - words: context and negative words, outputs are word ids (decoded on first
 *   use, likewise);
 * - precheck: the context precheck over lower-cased text (compiled at each call).
 */
export type MatcherTables = [
  entries: MatcherEntry[],
  aliasOffset: Int32Array,
  aliasEntry: Int32Array,
  aliasTier: Uint8Array,
  rule: (alias: number) => AliasRule,
  terms: () => Trie,
  words: () => Trie,
  precheck: () => RegExp,
];

export function createMatcher(tables: MatcherTables): Matcher {
  const [entries, aliasOffset, aliasEntry, aliasTier, rule, terms, words, precheck] = tables;
  return {
    entries,
    findAll(text: string, from = 0, to = text.length): RawMatch[] {
      const found: RawMatch[] = [];
      terms().scan(text, from, to, (start, end, g) => {
        const entry = aliasEntry[g] as number;
        found.push({
          start,
          end,
          entry,
          alias: g - (aliasOffset[entry] as number),
          tier: aliasTier[g] as Tier,
        });
      });
      return found;
    },
    couldGiveContext(text: string): boolean {
      return precheck().test(text.toLowerCase());
    },
    aliasRule(entry: number, alias: number): AliasRule {
      const first = aliasOffset[entry];
      const next = aliasOffset[entry + 1];
      if (first === undefined || next === undefined || !(alias >= 0 && alias < next - first)) {
        throw new RangeError(`no alias ${alias} in entry ${entry}`);
      }
      return rule(first + alias);
    },
    scanContextWords(text, from, to, onHit) {
      words().scan(text, from, to, onHit, true);
    },
  };
}
