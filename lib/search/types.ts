// Shapes shared by the search passes, the facade and the popup.
import type { GlossaryEntry } from '../glossary/types';
import type { ParsedQuery } from './query';

/** Inclusive [start, end] UTF-16 offsets into `matchedText` (the same shape fuse.js uses). */
export type MatchRange = readonly [number, number];

export type MatchField = 'term' | 'alias' | 'keyword' | 'short' | 'explanation';

/** The query names ketamine and another substance, or two substances: what the combination checker can rate. */
export interface CombinationHint {
  /** Checker record ids (data/combinations.json) the query names, in the order typed. */
  records: string[];
}

export interface SearchResult {
  entry: GlossaryEntry;
  /** The text that matched (the term, one alias, a keyword, or the short definition). */
  matchedText?: string;
  /** Ranges of `matchedText` to emphasise. */
  indices?: MatchRange[];
  /** Which field matched; absent for suggestions. */
  field?: MatchField;
  /** Set when the query names a combination and this entry covers it (its `combinations` list a named record). */
  combination?: CombinationHint;
}

/** What search needs of a combination-checker record: its id and the names readers type for it. */
export interface SubstanceRecord {
  id: string;
  names: readonly { text: string }[];
}

export interface SearchOptions {
  /** Checker records (data/combinations.json): lets "ketamine and weed" put the matching interaction entry first. */
  combinations?: readonly SubstanceRecord[];
}

export interface GlossarySearch {
  /** Ranked results; [] for an empty query. */
  search(query: string, limit?: number): SearchResult[];
  /** Nearest entries by spelling; never empty for a non-empty query over a non-empty glossary. */
  suggestions(query: string, limit?: number): SearchResult[];
}

/** One candidate from a pass: the entry's index in the search index, and how to show it. */
export interface Hit {
  doc: number;
  result: SearchResult;
}

/**
 * One ranking pass: hits for the query, best first. `taken` holds the
 * entries earlier passes already placed; a pass may skip them to save work
 * (any it returns anyway are dropped when the passes are merged).
 */
export type SearchPass = (query: ParsedQuery, taken: ReadonlySet<number>) => Hit[];
