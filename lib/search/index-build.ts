// The per-entry model every pass reads, built once per glossary.
import type { GlossaryEntry } from '../glossary/types';
import { type Normalized, normalizeWithMap, type Token, tokenize } from './normalize';
import { alphabeticalOrder } from './rank';
import type { MatchRange, SearchResult } from './types';

export interface NameKey {
  text: string;
  field: 'term' | 'alias';
  n: Normalized;
}

export interface Doc {
  entry: GlossaryEntry;
  /** The term first, then aliases whose keys differ from every earlier name. */
  names: NameKey[];
  shortTokens: Token[];
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
  return { entry, names, shortTokens: tokenize(entry.short) };
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
