// The per-entry model every pass reads, built once per glossary.
import type { GlossaryEntry } from '../glossary/types';
import { type Normalized, normalizeWithMap, stem, type Token, tokenize } from './normalize';
import { isQuestionWord, isStopWord } from './query';
import { alphabeticalOrder } from './rank';
import type { MatchRange, SearchResult } from './types';

export interface NameKey {
  text: string;
  field: 'term' | 'alias';
  n: Normalized;
}

/** One of an entry's `keywords`: the everyday words readers use for it ("addictive", "peeing blood"). */
export interface Keyword {
  text: string;
  /** Folded words the query must all hold, in any order ("blood in pee" = "peeing blood"): no stop words but question words. */
  words: string[];
  stems: string[];
}

export interface Doc {
  entry: GlossaryEntry;
  /** The term first, then aliases whose keys differ from every earlier name. */
  names: NameKey[];
  shortTokens: Token[];
  keywords: Keyword[];
}

export interface SearchIndex {
  docs: Doc[];
  /** A–Z order of two docs by term: the last tie-break of every pass. */
  az: (a: number, b: number) => number;
}

function buildDoc(entry: GlossaryEntry): Doc {
  const names: NameKey[] = [{ text: entry.term, field: 'term', n: normalizeWithMap(entry.term) }];
  // Aliases that only differ from a name by case or dashes would just repeat its hits.
  const seen = new Set([names[0]?.n.norm]);
  for (const a of entry.aliases) {
    const n = normalizeWithMap(a.text);
    if (!n.norm || seen.has(n.norm)) continue;
    seen.add(n.norm);
    names.push({ text: a.text, field: 'alias', n });
  }
  return { entry, names, shortTokens: tokenize(entry.short), keywords: (entry.keywords ?? []).map(keyword) };
}

function keyword(text: string): Keyword {
  // "how long" is only a question about time with its "how"; "blood in pee" needs no "in".
  const kept = tokenize(text)
    .map((t) => t.word)
    .filter((w) => !isStopWord(w) || isQuestionWord(w));
  // Question words alone ("how to") would answer nothing: such a keyword is ignored.
  const words = kept.every(isQuestionWord) ? [] : kept;
  return { text, words, stems: words.map(stem) };
}

export function buildSearchIndex(entries: readonly GlossaryEntry[]): SearchIndex {
  const docs = entries.map(buildDoc);
  return { docs, az: alphabeticalOrder(docs.map((d) => d.entry)) };
}

/** Inclusive range in the original name covering key chars [from, from + len). */
export function nameRange(key: NameKey, from: number, len: number): MatchRange {
  const start = key.n.map[from] ?? 0;
  const lastStart = key.n.map[from + len - 1] ?? start;
  // Extend to the end of the last source char (surrogate pairs).
  const cp = key.text.codePointAt(lastStart) ?? 0;
  return [start, lastStart + (cp > 0xffff ? 1 : 0)];
}

/** A result that shows `key`, marking key chars [from, from + len). */
export function nameResult(doc: Doc, key: NameKey, from: number, len: number): SearchResult {
  return {
    entry: doc.entry,
    matchedText: key.text,
    indices: [nameRange(key, from, len)],
    field: key.field,
  };
}
