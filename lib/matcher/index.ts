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

// Character classes and variant rules are exported so the glossary
// validation tests normalise aliases exactly as the matcher does.
export { isApostropheCode, isSeparatorCode } from './char-classes';
// Build time. Kept in the same entry point for convenience; the content
// script only references loadMatcher, so the bundler drops the compiler and
// the variant tables from the per-page bundle.
export { compileMatcherIndex, loadMatcher, MATCHER_INDEX_VERSION, type MatcherIndex } from './compile';
// Tier filtering is separate from findAll because page context is a property
// of the whole page (all text nodes), while findAll sees one text at a time.
export { CONTEXT_WINDOW_CHARS, type ContextOptions, filterByContext, hasPageContext } from './context';
// Run time: the matcher object, its match records and per-alias rules.
export type { AliasRule, Matcher, MatcherEntry, RawMatch } from './match';
// The trie format inside MatcherIndex.
export type { PackedTrie } from './packed-format';
export {
  aliasVariants,
  contextWordVariants,
  normalizeForm,
  pluralOf,
  SPELLING_PAIRS,
  type SpellingPair,
  spellingVariants,
} from './variants';
