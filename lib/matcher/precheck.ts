// Build time: one RegExp that says whether a text could contain a match that
// gives a page ketamine context (a tier-1 or pageContext alias). Without one,
// nothing on the page can be marked (tiers 2 and 3 need page context), so a
// page where this RegExp finds nothing is not walked at all (ADR 0005).
//
// It runs natively over the lower-cased page text: ~5 ms per MB, against
// 10–18 ms for the JavaScript matcher, which always runs cold in a content
// script. It may say yes too often (a false yes only costs the walk); it must
// never say no to a text the matcher would find a context-giving match in.
// So: no word boundaries (blocks glued by minified markup still match),
// separators and apostrophes as the matcher's classes, and any soft hyphen
// (ignored inside words by the matcher) counts as a yes.

import { isApostropheCode, isIgnorableCode, isSeparatorCode } from './char-classes';

/** Characters of a form its key keeps. */
const KEY_MAX = 20;

/** Character class source for every BMP code unit `test` accepts, as ranges. */
function classOf(test: (c: number) => boolean): string {
  let out = '';
  for (let c = 0; c <= 0xffff; c++) {
    if (!test(c)) continue;
    let end = c;
    while (end < 0xffff && test(end + 1)) end++;
    out += end === c ? hex(c) : `${hex(c)}-${hex(end)}`;
    c = end;
  }
  return `[${out}]`;
}

function hex(c: number): string {
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

/** A key's characters as RegExp source; separator " " and apostrophe "'" stay as placeholders. */
function escapeKey(key: string): string {
  return key.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&').replace(/[^\x20-\x7e]/g, (ch) => hex(ch.charCodeAt(0)));
}

/**
 * The precheck as stored in the matcher index: `keys` is RegExp source in
 * which " " stands for `sep` (a run of separators) and "'" for `apos` (an
 * apostrophe), so the long classes are stored once.
 */
export interface PrecheckIndex {
  keys: string;
  sep: string;
  apos: string;
}

/** The RegExp (no flags, over lower-cased text) a stored precheck stands for. */
export function precheckSource(p: PrecheckIndex): string {
  return p.keys.replace(/ /g, p.sep).replace(/'/g, p.apos);
}

/**
 * The keys of the precheck for the given forms (normalised and case-folded,
 * as inserted into the trie). Each form is keyed by its first KEY_MAX
 * characters: any piece of a form is in every text that contains the form,
 * and a prefix of several words ("samhsa national help") is nearly as rare
 * as the whole form, where one word of it ("national") is not.
 */
export function precheckKeys(forms: Iterable<string>): string[] {
  const all = [...new Set(forms)];
  const whole = all.filter((f) => f.length <= KEY_MAX);
  // A long form containing a whole short one ("driving after ketamine") needs no key.
  const long = all.filter((f) => f.length > KEY_MAX && !whole.some((k) => f.includes(k)));
  const list = [...new Set([...whole, ...long.map((f) => f.slice(0, KEY_MAX).trimEnd())])];
  // A key containing another key adds nothing: the shorter one already matches there.
  const kept = list.filter((k) => !list.some((other) => other !== k && k.includes(other)));
  return kept.sort();
}

type KeyTrie = Map<string, KeyTrie>;

/**
 * The keys as one alternation factored by common prefixes
 * ("k(?:etamin|hole|…)"): irregexp tries every alternative at each position
 * where the first character fits, so a flat list of ~70 keys costs about twice
 * as much per MB as the factored one (Node 20, 1 MB of prose: 9.5 → 5.9 ms).
 */
function factored(keys: readonly string[]): string {
  const root: KeyTrie = new Map();
  for (const key of keys) {
    let node = root;
    for (const ch of key) {
      let next = node.get(ch);
      if (!next) {
        next = new Map();
        node.set(ch, next);
      }
      node = next;
    }
  }
  const emit = (node: KeyTrie): string => {
    // No key is a prefix of another (precheckKeys drops those), so a node is a leaf or branches.
    const alternatives = [...node].map(([ch, next]) => escapeKey(ch) + emit(next));
    return alternatives.length <= 1 ? (alternatives[0] ?? '') : `(?:${alternatives.join('|')})`;
  };
  const alternatives = [...root].map(([ch, next]) => escapeKey(ch) + emit(next));
  return alternatives.join('|');
}

/** The precheck over lower-cased text for the given forms (see precheckKeys). */
export function buildPrecheck(forms: Iterable<string>): PrecheckIndex {
  const keys = factored(precheckKeys(forms));
  return {
    keys: `${keys}|${classOf(isIgnorableCode)}`,
    sep: `${classOf(isSeparatorCode)}+`,
    apos: classOf(isApostropheCode),
  };
}
