// The trie the matcher walks: a radix trie (decoded from the packed format)
// walked from each word start.
//
// Why a trie from word starts (and not Aho-Corasick or one big RegExp):
// every pattern is anchored at a word boundary, so only word starts can begin
// a match. Other positions cost one charCodeAt and one table lookup; a word
// start costs a walk of a few characters until the trie has no edge. That
// also makes "separator = any run of spaces/dashes", apostrophe unification
// and case folding per-character decisions instead of pattern variants, and
// case-sensitive acronyms share the same walk (verified at the end).
// Measured in Node 20 on 1 MB of prose without terms, real glossary (~870
// forms): this scan ~8 ms warm; one trie-shaped RegExp with lookbehind and
// lookahead boundaries (`giu`) ~9 ms, plus ~6 ms for a second RegExp for the
// case-sensitive forms, and its first exec (compilation) took 30–100 ms.
// A flat alternation RegExp took over 2 s.
//
// Most word starts do not walk at all: the prefix gate (prefix-gate.ts) rules
// them out by their first two to four code units.
//
// Radix (path-compressed) because loading must be cheap in a cold content
// script: decoding is one pass over the ~1.2k branch/terminal nodes instead
// of ~6.4k character nodes, and edge labels are compared straight from the
// index string.
//
// No allocation per character: case folding is arithmetic for ASCII and a
// lazily filled table for the rest; character classes come from tables.

import {
  APOS_CODE,
  ASCII_STEP,
  ASCII_WORD,
  C_APOS,
  C_HIGH,
  C_IGNORE,
  C_SEP,
  C_WORD,
  charClass,
  foldNonAscii,
  isAstralWord,
  SEP_CODE,
  wordAfter,
  wordBefore,
} from './char-classes';
import { decodeTrie, type PackedTrie } from './packed-format';
import { buildPrefixGate, GATE_HASH, GATE_MASK, GATE_NEXT, GATE_WALK } from './prefix-gate';

/** Nodes with at least this many children get a direct ASCII child table. */
const DENSE_MIN_CHILDREN = 4;

export type HitFn = (start: number, end: number, value: number) => void;

export class Trie {
  /** The concatenated edge labels, used as they come from the index. */
  readonly #labels: string;
  readonly #exact: readonly string[];
  // The decoded trie: see TrieArrays.
  readonly #edgeStart: Int32Array;
  readonly #first: Uint16Array;
  readonly #count: Int32Array;
  readonly #nextSib: Int32Array;
  readonly #outStart: Int32Array;
  readonly #outVal: Int32Array;
  readonly #outExact: Int32Array;
  /**
   * Direct child tables for ASCII labels of nodes with many children (the
   * letters right after the root are where sibling scans were long):
   * child = dense[denseAt[node] + c]; denseAt 0 = no table.
   */
  readonly #denseAt: Int32Array;
  readonly #dense: Int32Array;
  /** Root child for each ASCII code unit, upper case included; 0 = none. */
  readonly #rootAscii: Int32Array;
  /** First root child with a non-ASCII label, 0 = none. */
  readonly #rootNonAscii: number;
  // The prefix gate (see PrefixGate), read inline by scan.
  readonly #gate2: Uint8Array;
  readonly #gate3: Uint8Array;
  readonly #gate4: Uint8Array;
  /** Output value of the last successful longest-match walk. */
  #hitValue = -1;

  constructor(packed: PackedTrie) {
    const t = decodeTrie(packed);
    const [labels, exact, edgeStart, first, count, nextSib, outStart, outVal, outExact] = t;
    const n = count.length;
    this.#labels = labels;
    this.#exact = exact;
    this.#edgeStart = edgeStart;
    this.#first = first;
    this.#count = count;
    this.#nextSib = nextSib;
    this.#outStart = outStart;
    this.#outVal = outVal;
    this.#outExact = outExact;

    const denseNodes: number[] = [];
    for (let i = 0; i < n; i++) if ((count[i] as number) >= DENSE_MIN_CHILDREN) denseNodes.push(i);
    const denseAt = new Int32Array(n);
    const dense = new Int32Array(128 * (denseNodes.length + 1));
    for (let d = 0; d < denseNodes.length; d++) {
      const node = denseNodes[d] as number;
      const base = 128 * (d + 1);
      denseAt[node] = base;
      for (let j = node + 1; j !== 0; j = nextSib[j] as number) {
        const l = first[j] as number;
        if (l >= 128) break;
        dense[base + l] = j;
      }
    }
    this.#denseAt = denseAt;
    this.#dense = dense;

    const rootAscii = new Int32Array(128);
    let rootNonAscii = 0;
    for (let j = count[0] ? 1 : 0; j !== 0; j = nextSib[j] as number) {
      const l = first[j] as number;
      if (l >= 128) {
        rootNonAscii = j;
        break;
      }
      rootAscii[l] = j;
    }
    // Labels are folded: an upper-case letter starts where its lower case does.
    for (let c = 65; c <= 90; c++) rootAscii[c] = rootAscii[c + 32] as number;
    this.#rootAscii = rootAscii;
    this.#rootNonAscii = rootNonAscii;

    [this.#gate2, this.#gate3, this.#gate4] = buildPrefixGate(t);
  }

  /** The child of `node` whose edge starts with `c`, or 0. */
  #child(node: number, c: number): number {
    const base = this.#denseAt[node] as number;
    if (base !== 0 && c < 128) return this.#dense[base + c] as number;
    if (this.#count[node] === 0) return 0;
    return this.#sibling(node + 1, c);
  }

  /** The node whose edge starts with `c` among `j` and its later siblings, or 0. */
  #sibling(j: number, c: number): number {
    const first = this.#first;
    const nextSib = this.#nextSib;
    while (j !== 0) {
      const l = first[j] as number;
      if (l >= c) return l === c ? j : 0;
      j = nextSib[j] as number;
    }
    return 0;
  }

  /** Root child for a code unit at a word start (any code unit), or 0. */
  #rootChild(c: number, k: number): number {
    if (c < 128) return this.#rootAscii[c] as number;
    if (k & C_APOS) return this.#rootAscii[APOS_CODE] as number;
    return this.#rootNonAscii === 0 ? 0 : this.#sibling(this.#rootNonAscii, k & C_HIGH ? c : foldNonAscii(c));
  }

  #verify(text: string, start: number, end: number, o: number): boolean {
    const x = this.#outExact[o] as number;
    return x < 0 || verifyExact(text, start, end, this.#exact[x] as string);
  }

  /**
   * Walks on from `node`, whose edge's first code unit matched text[start].
   * Returns the end of the longest accepted match or -1, with its value in
   * hitValue; with `onHit`, reports every accepted match instead.
   * A match is accepted when a word boundary follows and, for a
   * case-sensitive output, the text reads exactly as the form.
   */
  #walk(text: string, start: number, node: number, onHit?: HitFn): number {
    const len = text.length;
    const labels = this.#labels;
    const edgeStart = this.#edgeStart;
    const outStart = this.#outStart;
    let i = start + 1;
    let p = (edgeStart[node] as number) + 1;
    let e = edgeStart[node + 1] as number;
    let checked = false;
    let best = -1;
    let bestValue = -1;
    for (;;) {
      if (p === e && !checked) {
        checked = true;
        const a = outStart[node] as number;
        const b = outStart[node + 1] as number;
        if (a !== b && !wordAfter(text, i)) {
          for (let o = a; o < b; o++) {
            if (!this.#verify(text, start, i, o)) continue;
            if (onHit) onHit(start, i, this.#outVal[o] as number);
            else {
              best = i;
              bestValue = this.#outVal[o] as number;
              break;
            }
          }
        }
      }
      if (i >= len) break;
      const c = text.charCodeAt(i);
      let fc: number;
      if (c < 128) fc = ASCII_STEP[c] as number;
      else {
        const k = charClass(c);
        if (k & C_IGNORE) {
          i++;
          continue;
        }
        fc = k & C_SEP ? SEP_CODE : k & C_APOS ? APOS_CODE : k & C_HIGH ? c : foldNonAscii(c);
      }
      if (p === e) {
        const next = this.#child(node, fc);
        if (next === 0) break;
        node = next;
        p = (edgeStart[next] as number) + 1;
        e = edgeStart[next + 1] as number;
        checked = false;
      } else {
        if (labels.charCodeAt(p) !== fc) break;
        p++;
      }
      i++;
      if (fc === SEP_CODE) {
        // One separator on the edge takes any run of spaces and dashes.
        while (i < len && charClass(text.charCodeAt(i)) & (C_SEP | C_IGNORE)) i++;
      }
    }
    this.#hitValue = bestValue;
    return best;
  }

  /**
   * Scans text[from, to) for matches starting at word boundaries. Longest
   * non-overlapping matches go to onMatch(start, end, value); with
   * `overlapping`, every match from every word start is reported.
   */
  scan(text: string, from: number, to: number, onMatch: HitFn, overlapping = false): void {
    const rootAscii = this.#rootAscii;
    const gate2 = this.#gate2;
    const gate3 = this.#gate3;
    const gate4 = this.#gate4;
    const stop = Math.min(to, text.length);
    let i = from;
    // A piece of a longer text may begin between the halves of a surrogate
    // pair (lens.ts matches huge runs in pieces): nothing starts there.
    const d = text.charCodeAt(i);
    if (i > 0 && d >= 0xdc00 && d <= 0xdfff && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800) i++;
    let prevWord = i > 0 && wordBefore(text, i);
    while (i < stop) {
      let c = text.charCodeAt(i);
      if (c < 128) {
        // Fast path: most characters of most pages.
        if (prevWord) {
          // The rest of a word and the character after it: nothing can start there.
          while (ASCII_WORD[c] === 1) {
            if (++i >= stop) return;
            c = text.charCodeAt(i);
            if (c >= 128) break;
          }
          if (c < 128) {
            prevWord = false;
            i++;
          }
          continue;
        }
        const node = rootAscii[c] as number;
        if (node !== 0) {
          // passesPrefixGate, inlined: it runs at most word starts of every
          // page, mostly before the JIT has optimised this loop. Keep the two
          // in step (tests/unit/prefix-gate.test.ts compares them).
          const d = text.charCodeAt(i + 1);
          let walk = !(d < 128); // non-ASCII or end of text: walk
          if (!walk) {
            const l1 = ASCII_STEP[c] as number;
            const l2 = ASCII_STEP[d] as number;
            walk = gate2[(l1 << 7) | l2] === 1;
            if (!walk) {
              const e = text.charCodeAt(i + 2);
              if (!(e < 128)) walk = true;
              else {
                const h = (l1 * GATE_HASH + l2) * GATE_HASH + (ASCII_STEP[e] as number);
                const g = gate3[h & GATE_MASK] as number;
                if (g & GATE_WALK) walk = true;
                else if (g & GATE_NEXT) {
                  const f = text.charCodeAt(i + 3);
                  walk = !(f < 128) || gate4[(h * GATE_HASH + (ASCII_STEP[f] as number)) & GATE_MASK] === 1;
                }
              }
            }
          }
          if (walk) {
            const end = this.tryAt(text, i, node, onMatch, overlapping);
            if (end >= 0) {
              i = end;
              prevWord = wordBefore(text, end);
              continue;
            }
          }
        }
        prevWord = ASCII_WORD[c] === 1;
        i++;
        continue;
      }
      const k = charClass(c);
      if (k & C_IGNORE) {
        i++;
        continue;
      }
      let word: boolean;
      let units = 1;
      if (k & C_HIGH) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          word = isAstralWord((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
          units = 2;
        } else word = false;
      } else word = (k & C_WORD) !== 0;
      if (!prevWord) {
        const node = this.#rootChild(c, k);
        if (node !== 0) {
          const end = this.tryAt(text, i, node, onMatch, overlapping);
          if (end >= 0) {
            i = end;
            prevWord = wordBefore(text, end);
            continue;
          }
        }
      }
      i += units;
      prevWord = word;
    }
  }

  /**
   * Walks from a word start; returns the end of the reported longest match,
   * else -1. Not private so that tests can see which word starts are walked.
   */
  tryAt(text: string, i: number, node: number, onMatch: HitFn, overlapping: boolean): number {
    if (overlapping) {
      this.#walk(text, i, node, onMatch);
      return -1;
    }
    const end = this.#walk(text, i, node);
    if (end >= 0) onMatch(i, end, this.#hitValue);
    return end;
  }
}

/**
 * Does text[start, end) read exactly `exact` (a normalised, case-sensitive
 * form), separators and apostrophes unified?
 */
function verifyExact(text: string, start: number, end: number, exact: string): boolean {
  let p = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    const k = charClass(c);
    if (k & C_IGNORE) {
      i++;
      continue;
    }
    if (k & C_SEP) {
      if (exact.charCodeAt(p) !== SEP_CODE) return false;
      p++;
      i++;
      while (i < end && charClass(text.charCodeAt(i)) & (C_SEP | C_IGNORE)) i++;
      continue;
    }
    if ((k & C_APOS ? APOS_CODE : c) !== exact.charCodeAt(p)) return false;
    p++;
    i++;
  }
  return p === exact.length;
}
