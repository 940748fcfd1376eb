// The run-time half of the matcher: a packed trie walked from each word start.
//
// Why a trie from word starts (and not Aho-Corasick or one big RegExp):
// every pattern is anchored at a word boundary, so only word starts can begin
// a match. Non-start positions cost one charCodeAt and one table lookup; a
// word start costs a walk of a few characters until the trie has no edge.
// That also makes "separator = any run of spaces/dashes", apostrophe
// unification and case folding plain per-character decisions instead of
// pattern variants. Measured on Node 20 (see the report in the lead's notes):
// ~2–3 ms per MB without terms once warm, versus ~3× that for the combined
// RegExp; the RegExp also needs a second pass for case-sensitive acronyms.
//
// No allocation per character: case folding is arithmetic for ASCII and a
// lazily filled table for the rest; character classes come from tables.

import type { Category, Severity, Tier } from '../glossary-types';
import {
  foldCode,
  isApostropheCode,
  isIgnorableCode,
  isSeparatorCode,
  isWordCodePoint,
} from './variants';

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
  id: string;
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
  /** Every alias occurrence (tiers 1–3), longest first, non-overlapping, left to right. */
  findAll(text: string): RawMatch[];
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
 * Serialised trie (part of MatcherIndex). Nodes are numbered in depth-first
 * preorder with the root as 0 and children sorted by label, so the labels
 * read like a front-coded sorted word list (which gzip compresses well) and
 * a node's first child is the next node: no pointers are stored. Small
 * numbers are stored as characters, String.fromCharCode(48 + n), because a
 * string costs one to two bytes per number in JSON and decodes without
 * parsing.
 */
export interface PackedTrie {
  /** Edge label (UTF-16 code unit) of nodes 1…n-1. " " is the separator, "'" the apostrophe. */
  labels: string;
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
const ASCII_FOLD = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_CLASS[c] =
    C_KNOWN |
    (isWordCodePoint(c) ? C_WORD : 0) |
    (isSeparatorCode(c) ? C_SEP : 0) |
    (isApostropheCode(c) ? C_APOS : 0);
  ASCII_FOLD[c] = foldCode(c);
}

// BMP classes and folds, filled on first sight of a code unit.
let bmpClass: Uint8Array | undefined;
let bmpFold: Uint16Array | undefined;
const astralWord = new Map<number, boolean>();

function classifyBmp(c: number): number {
  let k = C_KNOWN;
  if (c >= 0xd800 && c <= 0xdbff) k |= C_HIGH;
  else if (c >= 0xdc00 && c <= 0xdfff) k |= 0; // lone low surrogate: not a word char
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
  if (bmpFold === undefined) bmpFold = new Uint16Array(65536);
  const f = bmpFold[c] as number;
  if (f !== 0) return f;
  const g = foldCode(c);
  bmpFold[c] = g;
  return g;
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
/** Nodes with at least this many children get a direct ASCII table (see Trie.dense). */
const DENSE_MIN_CHILDREN = 4;
const APOS_CODE = 0x27;

export class Trie {
  readonly size: number;
  private readonly label: Uint16Array;
  private readonly count: Int32Array;
  /** Next sibling of a node (0 = none); a node's first child is node + 1. */
  private readonly nextSib: Int32Array;
  /** Outputs of node n are outVal[outStart[n] … outStart[n+1]). */
  private readonly outStart: Int32Array;
  private readonly outVal: Int32Array;
  /** '' for a case-insensitive output, else the exact form to verify. */
  private readonly outExact: string[];
  /**
   * Direct child tables for ASCII labels of nodes with many children (the
   * first letters after the root are where sibling scans were long):
   * child = dense[denseAt[node] + c]; denseAt 0 = no table.
   */
  private readonly denseAt: Int32Array;
  private readonly dense: Int32Array;
  /** Root child for each ASCII code unit, already case-folded; 0 = none. */
  readonly rootAscii: Int32Array;
  /** First root child with a non-ASCII label, 0 = none. */
  private readonly rootNonAscii: number;
  /** Output value of the last successful longest-match walk. */
  hitValue = -1;

  constructor(packed: PackedTrie) {
    const { labels, nodes, out, exact } = packed;
    const n = nodes.length;
    this.size = n;
    const label = new Uint16Array(n);
    const count = new Int32Array(n);
    const nextSib = new Int32Array(n);
    const outStart = new Int32Array(n + 1);
    const outVal: number[] = [];
    const outExact: string[] = [];
    // Open nodes of the preorder walk: node, children still to come, last child seen.
    const stackNode: number[] = [];
    const stackLeft: number[] = [];
    const stackLast: number[] = [];
    let top = -1;
    let o = 0;
    let x = 0;
    let value = 0;
    for (let i = 0; i < n; i++) {
      const code = nodes.charCodeAt(i) - 48;
      if (i > 0) {
        label[i] = labels.charCodeAt(i - 1);
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
        stackNode[top] = i;
        stackLeft[top] = kids;
        stackLast[top] = 0;
      }
      outStart[i] = outVal.length;
      let outs = code & 3;
      if (outs === 3) outs = out.charCodeAt(o++) - 48;
      for (let k = 0; k < outs; k++) {
        const v = out.charCodeAt(o++) - 48;
        const zigzag = v >> 1;
        value += zigzag & 1 ? -((zigzag + 1) >> 1) : zigzag >> 1;
        outVal.push(value);
        outExact.push(v & 1 ? (exact[x++] as string) : '');
      }
    }
    outStart[n] = outVal.length;
    this.label = label;
    this.count = count;
    this.nextSib = nextSib;
    this.outStart = outStart;
    this.outVal = Int32Array.from(outVal);
    this.outExact = outExact;

    const denseAt = new Int32Array(n);
    let tables = 0;
    for (let i = 0; i < n; i++) if ((count[i] as number) >= DENSE_MIN_CHILDREN) denseAt[i] = 128 * ++tables;
    const dense = new Int32Array(128 * (tables + 1));
    for (let i = 0; i < n; i++) {
      const base = denseAt[i] as number;
      if (base === 0) continue;
      for (let j = i + 1; j !== 0; j = nextSib[j] as number) {
        const l = label[j] as number;
        if (l >= 128) break;
        dense[base + l] = j;
      }
    }
    this.denseAt = denseAt;
    this.dense = dense;

    const rootAscii = new Int32Array(128);
    let rootNonAscii = 0;
    for (let j = n > 1 && count[0] ? 1 : 0; j !== 0; j = nextSib[j] as number) {
      const l = label[j] as number;
      if (l >= 128) {
        rootNonAscii = j;
        break;
      }
      rootAscii[l] = j;
    }
    for (let c = 65; c <= 90; c++) rootAscii[c] = rootAscii[c + 32] as number;
    this.rootAscii = rootAscii;
    this.rootNonAscii = rootNonAscii;
  }

  /** The child of `node` labelled `c`, or 0. */
  child(node: number, c: number): number {
    const base = this.denseAt[node] as number;
    if (base !== 0 && c < 128) return this.dense[base + c] as number;
    if (this.count[node] === 0) return 0;
    return this.sibling(node + 1, c);
  }

  /** The node labelled `c` among `j` and its later siblings, or 0. */
  private sibling(j: number, c: number): number {
    const label = this.label;
    const nextSib = this.nextSib;
    while (j !== 0) {
      const l = label[j] as number;
      if (l >= c) return l === c ? j : 0;
      j = nextSib[j] as number;
    }
    return 0;
  }

  /** Root child for a code unit at a word start (any code unit), or 0. */
  rootChild(c: number, k: number): number {
    if (c < 128) return this.rootAscii[c] as number;
    if (k & C_APOS) return this.rootAscii[APOS_CODE] as number;
    return this.rootNonAscii === 0 ? 0 : this.sibling(this.rootNonAscii, foldNonAscii(c));
  }

  /**
   * The accepted output value at `node` for text[start, end), or -1:
   * the end must be a word boundary and case-sensitive forms must match exactly.
   */
  private accept(text: string, start: number, end: number, node: number): number {
    const a = this.outStart[node] as number;
    const b = this.outStart[node + 1] as number;
    if (a === b || wordAfter(text, end)) return -1;
    for (let o = a; o < b; o++) {
      const exact = this.outExact[o] as string;
      if (exact === '' || verifyExact(text, start, end, exact)) return this.outVal[o] as number;
    }
    return -1;
  }

  /**
   * Walks from `node` (already reached by text[start]) at text[i]; returns the
   * end of the longest accepted match or -1, with its value in hitValue.
   * With `onHit`, reports every accepted match instead (overlaps allowed).
   */
  walk(
    text: string,
    start: number,
    node: number,
    onHit?: (start: number, end: number, value: number) => void,
  ): number {
    const len = text.length;
    let i = start + 1;
    let best = -1;
    let bestValue = -1;
    let advanced = true;
    for (;;) {
      if (advanced && this.outStart[node + 1] !== this.outStart[node]) {
        if (onHit) this.emitAll(text, start, i, node, onHit);
        else {
          const v = this.accept(text, start, i, node);
          if (v >= 0) {
            best = i;
            bestValue = v;
          }
        }
      }
      if (i >= len) break;
      const c = text.charCodeAt(i);
      const k = c < 128 ? (ASCII_CLASS[c] as number) : charClass(c);
      let fc: number;
      if (k & C_SEP) {
        const next = this.child(node, SEP_CODE);
        if (next === 0) break;
        i++;
        while (i < len) {
          const d = text.charCodeAt(i);
          if (!((d < 128 ? (ASCII_CLASS[d] as number) : charClass(d)) & (C_SEP | C_IGNORE))) break;
          i++;
        }
        node = next;
        advanced = false; // a separator never ends a pattern
        continue;
      }
      if (k & C_IGNORE) {
        i++;
        advanced = false;
        continue;
      }
      if (c < 128) fc = ASCII_FOLD[c] as number;
      else fc = k & C_APOS ? APOS_CODE : foldNonAscii(c);
      const next = this.child(node, fc);
      if (next === 0) break;
      node = next;
      i++;
      advanced = true;
    }
    this.hitValue = bestValue;
    return best;
  }

  private emitAll(
    text: string,
    start: number,
    end: number,
    node: number,
    onHit: (start: number, end: number, value: number) => void,
  ): void {
    if (wordAfter(text, end)) return;
    const b = this.outStart[node + 1] as number;
    for (let o = this.outStart[node] as number; o < b; o++) {
      const exact = this.outExact[o] as string;
      if (exact === '' || verifyExact(text, start, end, exact)) onHit(start, end, this.outVal[o] as number);
    }
  }

  /**
   * Scans text[from, to) for matches starting at word boundaries. Longest
   * non-overlapping matches go to onMatch(start, end, value); with
   * `overlapping`, every match from every word start is reported.
   */
  scan(
    text: string,
    from: number,
    to: number,
    onMatch: (start: number, end: number, value: number) => void,
    overlapping = false,
  ): void {
    const rootAscii = this.rootAscii;
    const stop = Math.min(to, text.length);
    let prevWord = from > 0 && wordBefore(text, from);
    for (let i = from; i < stop; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        // Fast path: most characters of most pages.
        if (!prevWord) {
          const node = rootAscii[c] as number;
          if (node !== 0) {
            if (overlapping) this.walk(text, i, node, onMatch);
            else {
              const end = this.walk(text, i, node);
              if (end >= 0) {
                onMatch(i, end, this.hitValue);
                i = end - 1;
                prevWord = wordBefore(text, end);
                continue;
              }
            }
          }
        }
        prevWord = ((ASCII_CLASS[c] as number) & C_WORD) !== 0;
        continue;
      }
      const k = charClass(c);
      if (k & C_IGNORE) continue;
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
        const node = this.rootChild(c, k);
        if (node !== 0) {
          if (overlapping) this.walk(text, i, node, onMatch);
          else {
            const end = this.walk(text, i, node);
            if (end >= 0) {
              onMatch(i, end, this.hitValue);
              i = end - 1;
              prevWord = wordBefore(text, end);
              continue;
            }
          }
        }
      }
      i += units - 1;
      prevWord = word;
    }
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
  /** Rule of each global alias number. */
  rules: AliasRule[];
  /** Aliases of tiers 1–3; outputs are global alias numbers. */
  terms: Trie;
  /** Context and negative words; outputs are word ids. */
  words: Trie;
}

export function createMatcher(tables: MatcherTables): Matcher {
  const { entries, aliasOffset, aliasEntry, rules, terms, words } = tables;
  return {
    entries,
    findAll(text: string): RawMatch[] {
      const found: RawMatch[] = [];
      terms.scan(text, 0, text.length, (start, end, g) => {
        const entry = aliasEntry[g] as number;
        found.push({
          start,
          end,
          entry,
          alias: g - (aliasOffset[entry] as number),
          tier: (rules[g] as AliasRule).tier,
        });
      });
      return found;
    },
    aliasRule(entry: number, alias: number): AliasRule {
      const rule = rules[(aliasOffset[entry] ?? Number.NaN) + alias];
      if (rule === undefined || alias < 0 || alias >= (aliasOffset[entry + 1] as number) - (aliasOffset[entry] as number)) {
        throw new RangeError(`no alias ${alias} in entry ${entry}`);
      }
      return rule;
    },
    scanContextWords(text, from, to, onHit) {
      words.scan(text, from, to, onHit, true);
    },
  };
}
