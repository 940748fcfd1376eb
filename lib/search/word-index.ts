// Inverted index of entry words, looked up by word prefix.
import type { Doc } from './index-build';
import { tokenize } from './normalize';

/** Where a word occurs, as bits: a name, the short definition, the explanation. */
export const IN_NAME = 4;
export const IN_SHORT = 2;
export const IN_EXPLANATION = 1;

export interface WordIndex {
  /** Sorted, for prefix lookups by binary search. */
  words: string[];
  /** words[i] → (doc index → field bits). */
  postings: Map<number, number>[];
}

export function buildWordIndex(docs: readonly Doc[]): WordIndex {
  const byWord = new Map<string, Map<number, number>>();
  const add = (word: string, doc: number, bit: number) => {
    let p = byWord.get(word);
    if (!p) {
      p = new Map();
      byWord.set(word, p);
    }
    p.set(doc, (p.get(doc) ?? 0) | bit);
  };
  docs.forEach((d, i) => {
    for (const k of d.names) for (const t of tokenize(k.text)) add(t.word, i, IN_NAME);
    for (const t of d.shortTokens) add(t.word, i, IN_SHORT);
    for (const t of tokenize(d.entry.explanation)) add(t.word, i, IN_EXPLANATION);
  });
  const words = [...byWord.keys()].sort();
  return { words, postings: words.map((w) => byWord.get(w) ?? new Map()) };
}

function lowerBound(words: string[], q: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((words[mid] ?? '') < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** doc index → field bits for every indexed word starting with `prefix` (or equal to it, if `exact`). */
export function lookupWord(index: WordIndex, prefix: string, exact: boolean): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = lowerBound(index.words, prefix); i < index.words.length; i++) {
    const w = index.words[i] ?? '';
    if (!w.startsWith(prefix) || (exact && w !== prefix)) break;
    for (const [doc, bits] of index.postings[i] ?? []) out.set(doc, (out.get(doc) ?? 0) | bits);
  }
  return out;
}
