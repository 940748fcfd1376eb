// Inverted index of entry words, looked up by word prefix or by stem, and a
// typo lookup over the words of names and keywords.
import type { Doc } from './index-build';
import { stem, tokenize } from './normalize';
import { isTypoOf, MIN_TYPO_LENGTH } from './typo';

/** Where a word occurs, as bits: a name, a keyword, the short definition, the explanation. */
export const IN_NAME = 8;
export const IN_KEYWORD = 4;
export const IN_SHORT = 2;
export const IN_EXPLANATION = 1;

export interface WordIndex {
  /** Sorted, for prefix lookups by binary search. */
  words: string[];
  /** words[i] → (doc index → field bits). */
  postings: Map<number, number>[];
  /** stem → indices into `words`. */
  byStem: Map<string, number[]>;
  /** Indices into `words` of the words found in names or keywords: the only typo targets. */
  typoTargets: number[];
}

export function buildWordIndex(docs: readonly Doc[]): WordIndex {
  const byWord = new Map<string, Map<number, number>>();
  /** word → field bits over all docs. */
  const anywhere = new Map<string, number>();
  const add = (word: string, doc: number, bit: number) => {
    let p = byWord.get(word);
    if (!p) {
      p = new Map();
      byWord.set(word, p);
    }
    p.set(doc, (p.get(doc) ?? 0) | bit);
    anywhere.set(word, (anywhere.get(word) ?? 0) | bit);
  };
  docs.forEach((d, i) => {
    for (const k of d.names) for (const t of tokenize(k.text)) add(t.word, i, IN_NAME);
    // Phrases ("side effects") are matched whole by the phrase lookup, not word by word.
    for (const k of d.keywords) if (k.words.length === 1) add(k.words[0] ?? '', i, IN_KEYWORD);
    for (const t of d.shortTokens) add(t.word, i, IN_SHORT);
    for (const t of tokenize(d.entry.explanation)) add(t.word, i, IN_EXPLANATION);
  });
  const words = [...byWord.keys()].sort();
  const postings = words.map((w) => byWord.get(w) ?? new Map<number, number>());
  const byStem = new Map<string, number[]>();
  const typoTargets: number[] = [];
  words.forEach((w, i) => {
    const s = stem(w);
    const list = byStem.get(s);
    if (list) list.push(i);
    else byStem.set(s, [i]);
    if ((anywhere.get(w) ?? 0) & (IN_NAME | IN_KEYWORD) && w.length >= MIN_TYPO_LENGTH - 1)
      typoTargets.push(i);
  });
  return { words, postings, byStem, typoTargets };
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

function addPostings(
  out: Map<number, number>,
  postings: Map<number, number> | undefined,
  mask: number,
): void {
  for (const [doc, bits] of postings ?? []) {
    const b = bits & mask;
    if (b) out.set(doc, (out.get(doc) ?? 0) | b);
  }
}

/**
 * doc index → field bits for the indexed words equal to `word` or sharing its
 * stem ("peeing" finds "pee"), and with `prefix`, the words it starts
 * ("snort" finds "snorting"; three letters or more).
 */
export function lookupWord(index: WordIndex, word: string, prefix: boolean): Map<number, number> {
  const out = new Map<number, number>();
  const all = IN_NAME | IN_KEYWORD | IN_SHORT | IN_EXPLANATION;
  const from = lowerBound(index.words, word);
  if (prefix && word.length >= 3) {
    for (let i = from; i < index.words.length; i++) {
      if (!index.words[i]?.startsWith(word)) break;
      addPostings(out, index.postings[i], all);
    }
  } else if (index.words[from] === word) addPostings(out, index.postings[from], all);
  for (const i of index.byStem.get(stem(word)) ?? []) addPostings(out, index.postings[i], all);
  return out;
}

/** The name and keyword words that `word` is a typo of ("spravto" → "spravato"). */
export function typoWords(index: WordIndex, word: string): string[] {
  if (word.length < MIN_TYPO_LENGTH) return [];
  const out: string[] = [];
  for (const i of index.typoTargets) {
    const w = index.words[i] ?? '';
    if (isTypoOf(word, w)) out.push(w);
  }
  return out;
}

/** doc index → field bits (names and keywords only) for the given words. */
export function lookupExact(index: WordIndex, words: readonly string[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const w of words) {
    const i = lowerBound(index.words, w);
    if (index.words[i] === w) addPostings(out, index.postings[i], IN_NAME | IN_KEYWORD);
  }
  return out;
}
