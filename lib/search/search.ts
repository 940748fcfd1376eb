// Glossary search for the popup (pure, no DOM, no browser APIs).
//
// Readers type names ("k-hole"), prefixes ("keta"), typos ("spravto") and
// questions ("is ketamine addictive"). query.ts drops question words and
// treats the drug's own names as context; then ranking passes run in a fixed
// order, and each entry appears once, at its first pass:
// 1. exact-pass: a term or alias equal to the query (as keys, see
//    normalizeKey: "K hole" = "k-hole" = "khole"), also without question
//    words and the drug's name. "k" or "ket" alone: the Ketamine entry first.
// 2. combination-pass: ketamine and a substance, or two substances, named
//    ("ketamine and weed"): the linked interaction entries (needs the
//    checker's records, see SearchOptions).
// 3. prefix-pass: names that start with the query, or have a word that does.
// 4. word-pass: entries ranked by how many query words they answer, in
//    names ≫ keywords ≫ short definition ≫ explanation; typos only for words
//    that match nothing, against whole words of names and keywords.
// 5. fuzzy-pass: a whole name a typo or two away ("khloe"), when the passes
//    before found few entries: typos are a fallback, not a ranking signal.
// Every result shares a word (or a near miss of one) with the query, or is
// linked to a substance it names. Each pass owns its index and can be
// replaced alone; the list below is the whole ranking policy. When nothing
// matches, `suggestions` gives the nearest names by edit distance, so the
// popup can say "did you mean".
import type { GlossaryEntry } from '../glossary/types';
import { createCombinations } from './combination-pass';
import { createExactPass } from './exact-pass';
import { createFuzzyPass } from './fuzzy-pass';
import { buildSearchIndex } from './index-build';
import { createPrefixPass } from './prefix-pass';
import { parseQuery } from './query';
import { mergePasses } from './rank';
import { createSuggestions } from './suggest';
import type { GlossarySearch, SearchOptions, SearchPass, SearchResult } from './types';
import { createWordPass } from './word-pass';

export { browseByCategory, type CategoryGroup } from './browse';
export { highlightSegments } from './highlight';
export { normalizeKey } from './normalize';
export type { GlossarySearch, MatchRange, SearchOptions, SearchResult } from './types';

const DEFAULT_LIMIT = 20;
const SUGGESTION_LIMIT = 5;

export function createSearch(entries: readonly GlossaryEntry[], options: SearchOptions = {}): GlossarySearch {
  const index = buildSearchIndex(entries);
  const combinations = createCombinations(index, options.combinations ?? []);
  const passes: readonly SearchPass[] = [
    createExactPass(index),
    combinations.pass,
    createPrefixPass(index),
    createWordPass(index),
    createFuzzyPass(index),
  ];
  const suggest = createSuggestions(index);

  return {
    search(query: string, limit = DEFAULT_LIMIT): SearchResult[] {
      const q = parseQuery(query);
      if (!q || limit <= 0) return [];
      const results = mergePasses(passes, q, limit);
      const named = combinations.named(q);
      if (named) {
        // Whichever pass placed a linked entry, the popup can offer the checker's rating with it.
        const linked = new Set(named.docs.map((doc) => index.docs[doc]?.entry.id));
        for (const r of results) if (linked.has(r.entry.id)) r.combination = named.hint;
      }
      return results;
    },
    suggestions(query: string, limit = SUGGESTION_LIMIT): SearchResult[] {
      return suggest(query, limit);
    },
  };
}
