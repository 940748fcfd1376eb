// Text folding shared by the index and the query, so both sides compare alike.

const WORD = /[\p{L}\p{N}]+/gu;
const KEEP = /[\p{L}\p{N}]/u;
const MARKS = /\p{M}/gu;
const IS_MARK = /^\p{M}+$/u;

/** Lower case with accents removed ("Kétamine" → "ketamine"). May change the length (ligatures, surrogates). */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

export interface Normalized {
  /** Lower-case letters and digits only, accents removed. */
  norm: string;
  /** For each char of `norm`, the offset of the source char in the original string. */
  map: number[];
  /** For each char of `norm`, whether it starts a word in the original. */
  wordStart: boolean[];
}

/** Folds char by char so every kept char can be traced back for highlighting. */
export function normalizeWithMap(text: string): Normalized {
  let norm = '';
  const map: number[] = [];
  const wordStart: boolean[] = [];
  let boundary = true;
  let i = 0;
  for (const ch of text) {
    let kept = false;
    for (const c of fold(ch)) {
      if (KEEP.test(c)) {
        norm += c;
        map.push(i);
        wordStart.push(boundary && !kept);
        kept = true;
      }
    }
    if (kept) boundary = false;
    // A combining mark belongs to the letter before it, so it does not end a word.
    else if (!IS_MARK.test(ch)) boundary = true;
    i += ch.length;
  }
  return { norm, map, wordStart };
}

/** Case-, dash-, space- and accent-insensitive key: "K-hole", "K hole" and "khole" are equal. */
export function normalizeKey(text: string): string {
  return normalizeWithMap(text).norm;
}

export interface Token {
  /** Folded. */
  word: string;
  /** Offsets into the original text, for highlighting. */
  start: number;
  /** Inclusive. */
  end: number;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    out.push({ word: fold(m[0]), start, end: start + m[0].length - 1 });
  }
  return out;
}

/**
 * A light English stemmer for folded words, applied alike to the index and
 * the query, so "peeing" finds "pee", "drinking" "drink" and "effects"
 * "effect". It only has to make both sides agree, not produce real roots.
 */
export function stem(word: string): string {
  let s = word;
  if (s.length >= 5 && s.endsWith('ies')) s = `${s.slice(0, -3)}y`;
  else if (s.length >= 6 && s.endsWith('ing')) s = s.slice(0, -3);
  else if (s.length >= 5 && s.endsWith('ed')) s = s.slice(0, -2);
  else if (s.length >= 5 && /(?:ss|x|ch|sh)es$/.test(s)) s = s.slice(0, -2);
  else if (s.length >= 4 && s.endsWith('s') && !s.endsWith('ss')) s = s.slice(0, -1);
  // "drive"/"driving", "dose"/"doses": a final e comes and goes with suffixes.
  if (s.length >= 4 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}
