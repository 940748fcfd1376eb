// Words: each query word looked up as a word prefix in names (weighted high)
// and in the short definition and explanation (weighted low). Handles
// "bladder", "snorting" and sentence-like queries that match no whole name.
//
// It yields two passes from one scoring: entries with a query word in a name
// rank above typo matches, entries with it only in their text rank below.
import type { Doc, NameKey, SearchIndex } from './index-build';
import { type Token, tokenize } from './normalize';
import type { ParsedQuery } from './query';
import type { Hit, SearchPass, SearchResult } from './types';
import { buildWordIndex, IN_EXPLANATION, IN_NAME, IN_SHORT, lookupWord } from './word-index';

const fieldWeight = (bits: number) =>
  bits & IN_NAME ? 3 : bits & IN_SHORT ? 1.5 : bits & IN_EXPLANATION ? 1 : 0;

interface Score {
  score: number;
  bits: number;
  matched: number;
}

/** Tokens of `text` that some query word starts. */
function matching(tokens: Token[], words: string[]): Token[] {
  return tokens.filter((t) => words.some((w) => t.word.startsWith(w)));
}

/** Shows the name (term first) holding the most query words, else the short definition. */
function wordResult(d: Doc, bits: number, words: string[]): SearchResult {
  if (bits & IN_NAME) {
    let best: { key: NameKey; tokens: Token[] } | null = null;
    for (const key of d.names) {
      const tokens = matching(tokenize(key.text), words);
      if (tokens.length > (best?.tokens.length ?? 0)) best = { key, tokens };
    }
    if (!best) return { entry: d.entry };
    return {
      entry: d.entry,
      matchedText: best.key.text,
      indices: best.tokens.map((t) => [t.start, t.end] as const),
      field: best.key.field,
    };
  }
  if (bits & IN_SHORT) {
    const indices = matching(d.shortTokens, words).map((t) => [t.start, t.end] as const);
    return { entry: d.entry, matchedText: d.entry.short, indices, field: 'short' };
  }
  return { entry: d.entry, field: 'explanation' };
}

export function createWordPass(index: SearchIndex): { inNames: SearchPass; inText: SearchPass } {
  const words = buildWordIndex(index.docs);

  /** Matching entries, best first. */
  function score(q: ParsedQuery): [number, Score][] {
    const scores = new Map<number, Score>();
    for (const w of q.words) {
      // A two-letter prefix matches too many words; two letters must be the whole word.
      for (const [doc, bits] of lookupWord(words, w, w.length < 3)) {
        const s = scores.get(doc) ?? { score: 0, bits: 0, matched: 0 };
        s.score += fieldWeight(bits);
        s.bits |= bits;
        s.matched++;
        scores.set(doc, s);
      }
    }
    // A multi-word query must match at least half its words in an entry.
    const need = Math.ceil(q.words.length / 2);
    return [...scores]
      .filter(([, s]) => s.matched >= need)
      .sort(([a, x], [b, y]) => y.score - x.score || y.matched - x.matched || index.az(a, b));
  }

  // Both passes see the same parsed query object within one search (a new one
  // per call), so checking identity is enough to score each query once.
  let last: { q: ParsedQuery; ranked: [number, Score][] } | null = null;
  const ranked = (q: ParsedQuery) => {
    if (last?.q !== q) last = { q, ranked: score(q) };
    return last.ranked;
  };

  const pass =
    (inName: boolean): SearchPass =>
    (q, taken) => {
      const hits: Hit[] = [];
      for (const [doc, s] of ranked(q)) {
        if (taken.has(doc) || Boolean(s.bits & IN_NAME) !== inName) continue;
        hits.push({ doc, result: wordResult(index.docs[doc] as Doc, s.bits, q.words) });
      }
      return hits;
    };

  return { inNames: pass(true), inText: pass(false) };
}
