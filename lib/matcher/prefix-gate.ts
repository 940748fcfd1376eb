// The prefix gate: before walking the trie from a word start, look up its
// first two to four code units, so most word starts of ordinary prose cost a
// few table reads instead of a walk (173k walks per MB of prose → 54k).
//
// For ASCII text a walk can only succeed if the first two units are in gate2
// (a pattern of one or two units, or a separator second), or the first three
// are in gate3 with GATE_WALK, or with GATE_NEXT and the first four are in
// gate4. Units are looked up as trie edges read them (ASCII_STEP: folded, any
// separator as " "), so "Ketamine" and "ketamine" gate alike. A non-ASCII
// unit or the end of the text within those units always walks: the gate has
// no entry for it.
//
// Trie.scan runs an inlined copy of passesPrefixGate (it runs at most word
// starts of every page, mostly before the JIT has optimised the loop);
// tests/unit/prefix-gate.test.ts checks that the two agree.

import { ASCII_STEP, SEP_CODE } from './char-classes';
import type { TrieArrays } from './packed-format';

/** Gate tables for three and four units are hashed (collisions only let a few more walks through). */
export const GATE_SIZE = 1 << 13;
export const GATE_MASK = GATE_SIZE - 1;
/** Multiplier of the gate hash: key of a b c is (a × GATE_HASH + b) × GATE_HASH + c. */
export const GATE_HASH = 31;
/** gate3 bits: a pattern shares these three units and goes on (check gate4) … */
export const GATE_NEXT = 1;
/** … or ends after them, or has a separator third: walk. */
export const GATE_WALK = 2;

/**
 * The gate tables (a tuple: see TrieArrays):
 * - gate2: 1 at (a << 7) | b: walk;
 * - gate3: GATE_NEXT | GATE_WALK bits at hash(a, b, c) & GATE_MASK;
 * - gate4: 1 at (hash(a, b, c) × GATE_HASH + d) & GATE_MASK: walk.
 */
export type PrefixGate = [gate2: Uint8Array, gate3: Uint8Array, gate4: Uint8Array];

/**
 * Should the scan walk from text[i], an ASCII word start with a root child?
 * The reference for the copy inlined in Trie.scan.
 */
export function passesPrefixGate(gate: PrefixGate, text: string, i: number): boolean {
  const [gate2, gate3, gate4] = gate;
  const b = text.charCodeAt(i + 1);
  if (!(b < 128)) return true; // non-ASCII or end of text (NaN)
  const l1 = ASCII_STEP[text.charCodeAt(i)] as number;
  const l2 = ASCII_STEP[b] as number;
  if (gate2[(l1 << 7) | l2] === 1) return true;
  const c = text.charCodeAt(i + 2);
  if (!(c < 128)) return true;
  const h = (l1 * GATE_HASH + l2) * GATE_HASH + (ASCII_STEP[c] as number);
  const g = gate3[h & GATE_MASK] as number;
  if (g & GATE_WALK) return true;
  if (!(g & GATE_NEXT)) return false;
  const d = text.charCodeAt(i + 3);
  if (!(d < 128)) return true;
  return gate4[(h * GATE_HASH + (ASCII_STEP[d] as number)) & GATE_MASK] === 1;
}

/**
 * Builds the gate from the first four units of every path of a decoded trie.
 * Plain numbers, no arrays per path: this runs cold on every page that has
 * anything to match.
 */
export function buildPrefixGate(trie: TrieArrays): PrefixGate {
  const [labels, , edgeStart, , count, nextSib, outStart] = trie;
  const gate2 = new Uint8Array(128 * 128);
  const gate3 = new Uint8Array(GATE_SIZE);
  const gate4 = new Uint8Array(GATE_SIZE);

  // Entries for a pattern prefix of `n` units a b c d (d: the 4th). A
  // non-ASCII unit needs none: the scan walks whenever the text has one
  // there. A separator second or third unit walks at that length, because
  // the text may have a run of separators in its place.
  const prefix = (n: number, a: number, b: number, c: number, d: number, ends: boolean): void => {
    if (a >= 128) return;
    if (n === 1) {
      // A one-unit pattern: any second unit may follow.
      if (ends) gate2.fill(1, a << 7, (a + 1) << 7);
      return;
    }
    if (b >= 128) return;
    if (n === 2) {
      if (ends || b === SEP_CODE) gate2[(a << 7) | b] = 1;
      return;
    }
    if (c >= 128) return;
    const key = (a * GATE_HASH + b) * GATE_HASH + c;
    const h = key & GATE_MASK;
    if (n === 3) {
      if (ends || c === SEP_CODE) gate3[h] = (gate3[h] as number) | GATE_WALK;
      return;
    }
    gate3[h] = (gate3[h] as number) | GATE_NEXT;
    if (d < 128) gate4[(key * GATE_HASH + d) & GATE_MASK] = 1;
  };

  // Every path below `node`, whose path so far has `n` units a, b, c.
  const from = (node: number, n: number, a: number, b: number, c: number): void => {
    for (let j = count[node] ? node + 1 : 0; j !== 0; j = nextSib[j] as number) {
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
        prefix(k, x, y, z, u, ends && p === e - 1);
      }
      if (k < 4) from(j, k, x, y, z);
    }
  };
  from(0, 0, 0, 0, 0);
  return [gate2, gate3, gate4];
}
