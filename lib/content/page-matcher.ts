// Adapts the pure matcher (lib/matcher) to what the page engine needs,
// adding the user's category choices.
import type { PageMatcher, RunMatch } from '../dom/lens';
import { filterByContext, hasPageContext, loadMatcher, type MatcherIndex, type RawMatch } from '../matcher';

export interface ContentMatcher extends PageMatcher {
  /** The entry a selected piece of text names, ignoring page context. */
  findSelection(text: string): number | undefined;
  setHidden(categories: readonly string[]): void;
}

export function createContentMatcher(index: MatcherIndex): ContentMatcher {
  const matcher = loadMatcher(index);
  let hidden = new Set<string>();
  return {
    // WXT_BENCH_NO_MATCH: a benchmark-only build that walks and prechecks
    // but finds nothing (bench/run.mjs: the part of the cost that is not
    // matching). Unset in every other build, where this folds away.
    find: import.meta.env.WXT_BENCH_NO_MATCH ? () => [] : (text, from, to) => matcher.findAll(text, from, to),
    couldGiveContext: (text) => matcher.couldGiveContext(text),
    filter: (matches, text, pageHasContext) =>
      filterByContext(matches as RawMatch[], text, matcher, { pageHasContext }),
    givesContext: (matches) => hasPageContext(matches as RawMatch[], matcher),
    needsContext: (matches: RunMatch[]) => (matches as RawMatch[]).some((m) => m.tier === 2 || m.tier === 3),
    isSafety: (entry) => matcher.entries[entry]?.severity === 'danger',
    isEnabled: (entry) => {
      const cat = matcher.entries[entry]?.category;
      return cat !== undefined && !hidden.has(cat);
    },
    findSelection: (text) => matcher.findAll(text.trim().slice(0, 500))[0]?.entry,
    setHidden: (categories) => {
      hidden = new Set(categories);
    },
  };
}
