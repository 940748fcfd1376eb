// Glossary search for the popup (pure, no DOM, no browser APIs).
//
// A query goes through ranking passes in a fixed order; each entry appears
// once, at its first pass, so an earlier pass always outranks a later one:
// 1. exact-pass: a term or alias equal to the query (as keys, see
//    normalizeKey: "K hole" = "k-hole" = "khole"). People type names.
// 2. prefix-pass: names that start with the query, or have a word that does.
// 3. word-pass (names): query words (stop words dropped) found as word
//    prefixes in a term or alias.
// 4. fuzzy-pass: fuse.js over names for typos, only when passes 1–3 found few.
// 5. word-pass (text): query words found only in the short definition or
//    explanation, which say less about what the entry is.
// Each pass owns its index and can be replaced alone; the list below is the
// whole ranking policy. When nothing matches, `suggestions` gives the nearest
// names by edit distance, so the popup can say "did you mean".
import type { GlossaryEntry } from '../glossary/types';
import { createExactPass } from './exact-pass';
import { createFuzzyPass } from './fuzzy-pass';
import { buildSearchIndex } from './index-build';
import { createPrefixPass } from './prefix-pass';
import { parseQuery } from './query';
import { mergePasses } from './rank';
import { createSuggestions } from './suggest';
import type { GlossarySearch, SearchPass, SearchResult } from './types';
import { createWordPass } from './word-pass';

export { browseByCategory, type CategoryGroup } from './browse';
export { highlightSegments, type TextSegment } from './highlight';
export { normalizeKey } from './normalize';
export type { GlossarySearch, MatchField, MatchRange, SearchResult } from './types';

const DEFAULT_LIMIT = 20;
const SUGGESTION_LIMIT = 5;

export function createSearch(entries: readonly GlossaryEntry[]): GlossarySearch {
  const index = buildSearchIndex(entries);
  const words = createWordPass(index);
  const passes: readonly SearchPass[] = [
    createExactPass(index),
    createPrefixPass(index),
    words.inNames,
    createFuzzyPass(index),
    words.inText,
  ];
  const suggest = createSuggestions(index);

  return {
    search(query: string, limit = DEFAULT_LIMIT): SearchResult[] {
      const q = parseQuery(query);
      if (!q || limit <= 0) return [];
      return mergePasses(passes, q, limit);
    },
    suggestions(query: string, limit = SUGGESTION_LIMIT): SearchResult[] {
      return suggest(query, limit);
    },
  };
}
