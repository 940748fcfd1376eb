// The run-time half of the matcher: a packed radix trie walked from each
// word start.
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
// A prefix gate (first two or three code units) keeps most word starts of
// ordinary prose from walking at all: 173k walks per MB → 54k.
//
// Radix (path-compressed) because loading must be cheap in a cold content
// script: decoding is one pass over the ~1.2k branch/terminal nodes instead
// of ~6.4k character nodes, and edge labels are compared straight from the
// index string.
//
// No allocation per character: case folding is arithmetic for ASCII and a
// lazily filled table for the rest; character classes come from tables.

import type { Category, Severity, Tier } from '../glossary-types';
import { foldCode, isApostropheCode, isIgnorableCode, isSeparatorCode, isWordCodePoint } from './variants';

/** One occurrence of an alias in a text: UTF-16 offsets [start, end). */
export interface RawMatch {
  start: number;
  end: number;
  /** Index into MatcherIndex.entries / Matcher.entries (glossary order). */
  entry: number;
  /** Position of the alias in the glossary entry's `aliases` array. */
  alias: number;
  tier: Tier;
}

/** What a content script needs to know about an entry without its text. */
export interface MatcherEntry {
  category: Category;
  /** The most severe safety note of the entry, for styling; undefined when it has none. */
  severity: Severity | undefined;
}

/** The matching rule of one alias, with context words as ids (see Matcher.scanContextWords). */
export interface AliasRule {
  tier: Tier;
  caseSensitive: boolean;
  pageContext: boolean;
  /** Tier 3: ids of context words of which one must occur nearby. */
  context: readonly number[] | undefined;
  /** Ids of words/phrases that block the mark when they occur nearby. */
  negative: readonly number[] | undefined;
}

export interface Matcher {
  readonly entries: readonly MatcherEntry[];
  /**
   * Every alias occurrence (tiers 1–3), longest first, non-overlapping, left
   * to right; with `from`/`to`, those starting in text[from, to) (word
   * boundaries still read the text around them).
   */
  findAll(text: string, from?: number, to?: number): RawMatch[];
  /**
   * False only if `text` holds no match of a tier-1 or pageContext alias, so
   * nothing in it can give a page context (and without context nothing is
   * marked). May be true without such a match. Native RegExp, no trie scan.
   */
  couldGiveContext(text: string): boolean;
  aliasRule(entry: number, alias: number): AliasRule;
  /**
   * Every occurrence (overlapping allowed) of a context/negative word that
   * starts in [from, to), as onHit(start, end, wordId). Used by context.ts.
   */
  scanContextWords(
    text: string,
    from: number,
    to: number,
    onHit: (start: number, end: number, word: number) => void,
  ): void;
}

/**
 * Serialised radix trie (part of MatcherIndex). Nodes are numbered in
 * depth-first preorder with the root as 0 and children sorted by the first
 * character of their edge, so the edge labels concatenated in node order read
 * like a front-coded sorted word list (which gzip compresses well) and a
 * node's first child is the next node: no pointers are stored. Small numbers
 * are stored as characters, String.fromCharCode(48 + n): one or two bytes of
 * JSON each, decoded without parsing.
 */
export interface PackedTrie {
  /**
   * Edge labels of nodes 1…n-1 concatenated (UTF-16 code units, folded):
   * " " is the separator, "'" the apostrophe.
   */
  labels: string;
  /** Edge length of nodes 1…n-1, one character each. */
  edges: string;
  /**
   * One character per node 0…n-1: 48 + 4 × childCount + outputCount, where an
   * outputCount of 3 means "read the count from the next character of `out`".
   */
  nodes: string;
  /**
   * The outputs of the nodes in node order, one character each:
   * 48 + 2 × zigzag(value − previous value) + (1 if case-sensitive). Deltas,
   * because neighbouring forms are mostly the same alias (ketamine,
   * ketamines). Case-sensitive outputs of a node come first and are checked
   * first.
   */
  out: string;
  /** The exact normalised form of each case-sensitive output, in order. */
  exact: string[];
}

/** Largest output value whose deltas pack into one UTF-16 unit below the surrogates. */
export const MAX_TRIE_VALUE = (0xd7ff - 48 - 1) >> 2;

// ---------------------------------------------------------------------------
// Character classes (shared by every matcher in the realm)
// ---------------------------------------------------------------------------

export const C_WORD = 1;
export const C_SEP = 2;
export const C_APOS = 4;
export const C_IGNORE = 8;
export const C_HIGH = 16; // high surrogate: class of the code point decides
const C_KNOWN = 128;

const ASCII_CLASS = new Uint8Array(128);
/** 1 for ASCII word characters [A-Za-z0-9_]. */
export const ASCII_WORD = new Uint8Array(128);
/** What an ASCII code unit is on a trie edge: folded letter, " " for any separator, else itself. */
const ASCII_STEP = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_CLASS[c] =
    C_KNOWN |
    (isWordCodePoint(c) ? C_WORD : 0) |
    (isSeparatorCode(c) ? C_SEP : 0) |
    (isApostropheCode(c) ? C_APOS : 0);
  ASCII_STEP[c] = isSeparatorCode(c) ? 0x20 : foldCode(c);
  ASCII_WORD[c] = isWordCodePoint(c) ? 1 : 0;
}

// BMP classes and folds, filled on first sight of a code unit.
let bmpClass: Uint8Array | undefined;
/** Folds of non-ASCII code units seen so far (a Map: a 64 K-entry table was 128 KB of every tab's heap). */
const bmpFold = new Map<number, number>();
const astralWord = new Map<number, boolean>();

function classifyBmp(c: number): number {
  let k = C_KNOWN;
  if (c >= 0xd800 && c <= 0xdbff) k |= C_HIGH;
  else if (c >= 0xdc00 && c <= 0xdfff)
    k |= 0; // lone low surrogate: not a word char
  else {
    if (isWordCodePoint(c)) k |= C_WORD;
    if (isSeparatorCode(c)) k |= C_SEP;
    if (isApostropheCode(c)) k |= C_APOS;
    if (isIgnorableCode(c)) k |= C_IGNORE;
  }
  (bmpClass as Uint8Array)[c] = k;
  return k;
}

/** Character class bits (C_*) of one UTF-16 code unit. */
export function charClass(c: number): number {
  if (c < 128) return ASCII_CLASS[c] as number;
  if (bmpClass === undefined) bmpClass = new Uint8Array(65536);
  return bmpClass[c] || classifyBmp(c);
}

function foldNonAscii(c: number): number {
  let f = bmpFold.get(c);
  if (f === undefined) {
    f = foldCode(c);
    bmpFold.set(c, f);
  }
  return f;
}

function isAstralWord(cp: number): boolean {
  let w = astralWord.get(cp);
  if (w === undefined) {
    w = isWordCodePoint(cp);
    astralWord.set(cp, w);
  }
  return w;
}

/** Is the character at i (a whole surrogate pair if it starts one) a word character? */
function wordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const k = charClass(c);
  if (k & C_HIGH) {
    const d = text.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? isAstralWord((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000) : false;
  }
  return (k & C_WORD) !== 0;
}

/** Is the first non-ignorable character at or after `pos` a word character? */
export function wordAfter(text: string, pos: number): boolean {
  const len = text.length;
  let i = pos;
  while (i < len && charClass(text.charCodeAt(i)) & C_IGNORE) i++;
  return i < len && wordAt(text, i);
}

/** Is the last non-ignorable character before `pos` a word character? */
export function wordBefore(text: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && charClass(text.charCodeAt(i)) & C_IGNORE) i--;
  if (i < 0) return false;
  const c = text.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = text.charCodeAt(i - 1);
    if (h >= 0xd800 && h <= 0xdbff) return isAstralWord((h - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000);
  }
  return wordAt(text, i);
}

// ---------------------------------------------------------------------------
// The trie
// ---------------------------------------------------------------------------

const SEP_CODE = 0x20;
const APOS_CODE = 0x27;
/** Nodes with at least this many children get a direct ASCII child table. */
const DENSE_MIN_CHILDREN = 4;

type HitFn = (start: number, end: number, value: number) => void;

/** Gate tables are hashed (collisions only let a few more walks through). */
const GATE_SIZE = 1 << 13;
const GATE_MASK = GATE_SIZE - 1;
/** gate3 bits: a pattern shares these three units and goes on (check gate4) … */
const GATE_NEXT = 1;
/** … or ends after them, or has a separator third: walk. */
const GATE_WALK = 2;

export class Trie {
  readonly size: number;
  /** The concatenated edge labels, used as they come from the index. */
  readonly #labels: string;
  /** Edge of node n is labels[edgeStart[n] … edgeStart[n + 1]). */
  readonly #edgeStart: Int32Array;
  /** First code unit of each node's edge (what a parent looks children up by). */
  readonly #first: Uint16Array;
  readonly #count: Int32Array;
  /** Next sibling of a node (0 = none); a node's first child is node + 1. */
  readonly #nextSib: Int32Array;
  /** Outputs of node n are outVal[outStart[n] … outStart[n+1]). */
  readonly #outStart: Int32Array;
  readonly #outVal: Int32Array;
  /** Index into `exact` for a case-sensitive output, -1 otherwise. */
  readonly #outExact: Int32Array;
  readonly #exact: readonly string[];
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
  /**
   * Prefix gates, so most word starts cost no walk: for ASCII text, a walk
   * can only succeed if the first two units are in gate2 (a pattern of one
   * or two units, or a separator second), or the first three are in gate3
   * with GATE_WALK, or with GATE_NEXT and the first four are in gate4.
   * Folded units: "Ketamine" and "ketamine" gate alike.
   */
  readonly #gate2: Uint8Array;
  readonly #gate3: Uint8Array;
  readonly #gate4: Uint8Array;
  /** Output value of the last successful longest-match walk. */
  #hitValue = -1;

  constructor(packed: PackedTrie) {
    const { labels, edges, nodes, out } = packed;
    const n = nodes.length;
    this.size = n;
    this.#labels = labels;
    this.#exact = packed.exact;
    const edgeStart = new Int32Array(n + 1);
    const first = new Uint16Array(n);
    const count = new Int32Array(n);
    const nextSib = new Int32Array(n);
    const outStart = new Int32Array(n + 1);
    const outVal = new Int32Array(out.length);
    const outExact = new Int32Array(out.length);
    // Open nodes of the preorder walk: children still to come, last child seen.
    const stackLeft = new Int32Array(n + 1);
    const stackLast = new Int32Array(n + 1);
    const denseNodes: number[] = [];
    let top = -1;
    let pos = 0; // label offset
    let o = 0; // position in `out`
    let outs = 0; // outputs decoded
    let x = 0; // case-sensitive outputs decoded
    let value = 0;
    for (let i = 0; i < n; i++) {
      const code = nodes.charCodeAt(i) - 48;
      if (i > 0) {
        edgeStart[i] = pos;
        first[i] = labels.charCodeAt(pos);
        pos += edges.charCodeAt(i - 1) - 48;
        while (stackLeft[top] === 0) top--;
        const prev = stackLast[top] as number;
        if (prev !== 0) nextSib[prev] = i;
        stackLast[top] = i;
        stackLeft[top] = (stackLeft[top] as number) - 1;
      }
      const kids = code >> 2;
      count[i] = kids;
      if (kids > 0) {
        top++;
        stackLeft[top] = kids;
        stackLast[top] = 0;
        if (kids >= DENSE_MIN_CHILDREN) denseNodes.push(i);
      }
      outStart[i] = outs;
      let k = code & 3;
      if (k === 3) k = out.charCodeAt(o++) - 48;
      for (; k > 0; k--) {
        const v = out.charCodeAt(o++) - 48;
        const zigzag = v >> 1;
        value += zigzag & 1 ? -((zigzag + 1) >> 1) : zigzag >> 1;
        outVal[outs] = value;
        outExact[outs++] = v & 1 ? x++ : -1;
      }
    }
    edgeStart[n] = pos;
    outStart[n] = outs;

    const denseAt = new Int32Array(n);
    const dense = new Int32Array(128 * (denseNodes.length + 1));
    for (let t = 0; t < denseNodes.length; t++) {
      const node = denseNodes[t] as number;
      const base = 128 * (t + 1);
      denseAt[node] = base;
      for (let j = node + 1; j !== 0; j = nextSib[j] as number) {
        const l = first[j] as number;
        if (l >= 128) break;
        dense[base + l] = j;
      }
    }

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

    this.#edgeStart = edgeStart;
    this.#first = first;
    this.#count = count;
    this.#nextSib = nextSib;
    this.#outStart = outStart;
    this.#outVal = outVal;
    this.#outExact = outExact;
    this.#denseAt = denseAt;
    this.#dense = dense;
    this.#rootAscii = rootAscii;
    this.#rootNonAscii = rootNonAscii;

    this.#gate2 = new Uint8Array(128 * 128);
    this.#gate3 = new Uint8Array(GATE_SIZE);
    this.#gate4 = new Uint8Array(GATE_SIZE);
    this.#gateFrom(0, 0, 0, 0, 0);
  }

  /**
   * Fills the prefix gates from the first four units of every path below
   * `node`, whose path so far has `n` units a, b, c. Plain numbers, no arrays:
   * this runs cold on every page.
   */
  #gateFrom(node: number, n: number, a: number, b: number, c: number): void {
    const labels = this.#labels;
    const edgeStart = this.#edgeStart;
    const outStart = this.#outStart;
    for (let j = this.#count[node] ? node + 1 : 0; j !== 0; j = this.#nextSib[j] as number) {
      const e = edgeStart[j + 1] as number;
      const ends = outStart[j] !== outStart[j + 1];
      let k = n;
      let x = a;
      let y = b;
      let z = c;
      // Every prefix length counts (a separator second is gated at two units);
      // a pattern can only end with the edge.
      for (let p = edgeStart[j] as number; p < e && k < 4; p++) {
        const u = labels.charCodeAt(p);
        if (k === 0) x = u;
        else if (k === 1) y = u;
        else if (k === 2) z = u;
        k++;
        this.#gatePrefix(k, x, y, z, u, ends && p === e - 1);
      }
      if (k < 4) this.#gateFrom(j, k, x, y, z);
    }
  }

  /**
   * Gate entries for a pattern prefix of `n` units a b c d (d: the 4th). A
   * non-ASCII unit needs none: the scan walks whenever the text has one
   * there. A separator second or third unit walks at that length, because
   * the text may have a run of separators in its place.
   */
  #gatePrefix(n: number, a: number, b: number, c: number, d: number, ends: boolean): void {
    if (a >= 128) return;
    if (n === 1) {
      // A one-unit pattern: any second unit may follow.
      if (ends) this.#gate2.fill(1, a << 7, (a + 1) << 7);
      return;
    }
    if (b >= 128) return;
    if (n === 2) {
      if (ends || b === SEP_CODE) this.#gate2[(a << 7) | b] = 1;
      return;
    }
    if (c >= 128) return;
    const h = a * 961 + b * 31 + c;
    const g = this.#gate3;
    if (n === 3) {
      if (ends || c === SEP_CODE) g[h & GATE_MASK] = (g[h & GATE_MASK] as number) | GATE_WALK;
      return;
    }
    g[h & GATE_MASK] = (g[h & GATE_MASK] as number) | GATE_NEXT;
    if (d < 128) this.#gate4[(h * 31 + d) & GATE_MASK] = 1;
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
          // The prefix gate (see gate2), inline: it runs at most word starts
          // of every page, mostly before the JIT has optimised this loop.
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
                const h = l1 * 961 + l2 * 31 + (ASCII_STEP[e] as number);
                const g = gate3[h & GATE_MASK] as number;
                if (g & GATE_WALK) walk = true;
                else if (g & GATE_NEXT) {
                  const f = text.charCodeAt(i + 3);
                  walk = !(f < 128) || gate4[(h * 31 + (ASCII_STEP[f] as number)) & GATE_MASK] === 1;
                }
              }
            }
          }
          if (walk) {
            const end = this.#tryAt(text, i, node, onMatch, overlapping);
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
          const end = this.#tryAt(text, i, node, onMatch, overlapping);
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

  /** Walks from a word start; returns the end of the reported longest match, else -1. */
  #tryAt(text: string, i: number, node: number, onMatch: HitFn, overlapping: boolean): number {
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

// ---------------------------------------------------------------------------
// The matcher
// ---------------------------------------------------------------------------

/** Decoded index tables (built by loadMatcher in compile.ts). */
export interface MatcherTables {
  entries: MatcherEntry[];
  /** First global alias number of each entry; length entries + 1. */
  aliasOffset: Int32Array;
  /** Entry of each global alias number. */
  aliasEntry: Int32Array;
  /** Tier of each global alias number. */
  aliasTier: Uint8Array;
  /** Rule of a global alias number (built on first use: a page without matches never needs them). */
  rule: (alias: number) => AliasRule;
  /**
   * Aliases of tiers 1–3; outputs are global alias numbers. Decoded on first
   * use: a page whose precheck finds nothing never needs it (its gate tables
   * cost 1–8 ms to build, cold).
   */
  terms: () => Trie;
  /** Context and negative words, outputs are word ids (decoded on first use, likewise). */
  words: () => Trie;
  /** The context precheck over lower-cased text (compiled at each call). */
  precheck: () => RegExp;
}

export function createMatcher(tables: MatcherTables): Matcher {
  const { entries, aliasOffset, aliasEntry, aliasTier, rule, terms, words, precheck } = tables;
  return {
    entries,
    findAll(text: string, from = 0, to = text.length): RawMatch[] {
      const found: RawMatch[] = [];
      terms().scan(text, from, to, (start, end, g) => {
        const entry = aliasEntry[g] as number;
        found.push({
          start,
          end,
          entry,
          alias: g - (aliasOffset[entry] as number),
          tier: aliasTier[g] as Tier,
        });
      });
      return found;
    },
    couldGiveContext(text: string): boolean {
      return precheck().test(text.toLowerCase());
    },
    aliasRule(entry: number, alias: number): AliasRule {
      const first = aliasOffset[entry];
      const next = aliasOffset[entry + 1];
      if (first === undefined || next === undefined || !(alias >= 0 && alias < next - first)) {
        throw new RangeError(`no alias ${alias} in entry ${entry}`);
      }
      return rule(first + alias);
    },
    scanContextWords(text, from, to, onHit) {
      words().scan(text, from, to, onHit, true);
    },
  };
}
