// Public API of the term matcher. Pure logic: no DOM, no browser APIs, so it
// runs the same in the content script, the popup, Node build scripts and
// Vitest.
//
// Typical use:
//   build time   const index = compileMatcherIndex(glossary)   // JSON, inlined
//   content      const matcher = loadMatcher(index)            // cheap decode
//                const raw = matcher.findAll(text)
//                const ctx = hasPageContext(raw, matcher)      // whole page
//                const marks = filterByContext(raw, text, matcher, { pageHasContext: ctx })

// Build time. Kept in the same entry point for convenience; the content
// script only references loadMatcher, so the bundler drops the compiler and
// the variant tables from the per-page bundle.
export { compileMatcherIndex, loadMatcher, MATCHER_INDEX_VERSION, type MatcherIndex } from './compile';
// Tier filtering is separate from findAll because page context is a property
// of the whole page (all text nodes), while findAll sees one text at a time.
export { CONTEXT_WINDOW_CHARS, type ContextOptions, filterByContext, hasPageContext } from './context';
// Run time: the matcher object, its match records and per-alias rules.
export type { AliasRule, Matcher, MatcherEntry, PackedTrie, RawMatch } from './match';

// Variant rules are exported so the popup's search and the glossary
// validation tests normalise aliases exactly as the matcher does.
export {
  aliasVariants,
  contextWordVariants,
  isApostropheCode,
  isSeparatorCode,
  normalizeForm,
  pluralOf,
  SPELLING_PAIRS,
  type SpellingPair,
  spellingVariants,
} from './variants';
