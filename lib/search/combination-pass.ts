// Combinations: a query naming ketamine and another substance ("ketamine and
// weed", "xanax ket"), or two substances, puts first the interaction entries
// linked to the checker's records for them (an entry's `combinations`), the
// entry covering most of the named records first, then the most specific.
//
// Names are looked up exactly (simple plurals allowed), as whole runs of the
// query's words: a typo fallback per word run would cost more than the whole
// keystroke budget, and the checker itself offers typo matches.
import type { Doc, SearchIndex } from './index-build';
import { normalizeKey } from './normalize';
import type { ParsedQuery } from './query';
import type { CombinationHint, Hit, SearchPass, SubstanceRecord } from './types';

/** The drug being mixed with, as keys (the checker's own list of names for it). */
const DRUG = new Set(
  ['ketamine', 'ketamin', 'ket', 'k', 'special k', 'esketamine', 'spravato', 'ketalar', 'arketamine'].map(
    normalizeKey,
  ),
);
/** "liquid ecstasy", "crack cocaine", "St John's wort": the longest names run to a few words. */
const MAX_NAME_WORDS = 4;

export interface Combination {
  hint: CombinationHint;
  /** Linked entries, best first. */
  docs: number[];
}

export interface Combinations {
  pass: SearchPass;
  /** The combination the query names, or null. The same object for the same parsed query. */
  named(q: ParsedQuery): Combination | null;
}

export function createCombinations(index: SearchIndex, records: readonly SubstanceRecord[]): Combinations {
  const byName = new Map<string, string>();
  for (const r of records) {
    for (const n of r.names) {
      const key = normalizeKey(n.text);
      // One letter ("E", "G", "H") stands for too much else in a search box.
      if (key.length >= 2 && !byName.has(key)) byName.set(key, r.id);
    }
  }
  const linked = new Map<string, number[]>();
  index.docs.forEach((d, doc) => {
    for (const id of d.entry.combinations ?? []) {
      const list = linked.get(id);
      if (list) list.push(doc);
      else linked.set(id, [doc]);
    }
  });
  const size = (doc: number) => (index.docs[doc] as Doc).entry.combinations?.length ?? 0;

  /** "benzos", "xanaxes", "opioid": simple plurals either way, as the checker allows. */
  const find = (key: string) =>
    byName.get(key) ?? byName.get(key.replace(/e?s$/, '')) ?? byName.get(`${key}s`);

  function compute(q: ParsedQuery): Combination | null {
    // All words, stop words too: they are part of some names ("St John's wort", "2C-T-2").
    const words = q.tokens.map((t) => t.word);
    const named: string[] = [];
    let drug = false;
    for (let i = 0; i < words.length; ) {
      let step = 0;
      for (let len = Math.min(MAX_NAME_WORDS, words.length - i); len > 0 && step === 0; len--) {
        const key = words.slice(i, i + len).join('');
        if (DRUG.has(key)) drug = true;
        else {
          const id = find(key);
          if (!id) continue;
          if (!named.includes(id)) named.push(id);
        }
        step = len;
      }
      i += step || 1;
    }
    if (named.length < (drug ? 1 : 2)) return null;
    const covers = new Map<number, number>();
    for (const id of named)
      for (const doc of linked.get(id) ?? []) covers.set(doc, (covers.get(doc) ?? 0) + 1);
    const docs = [...covers.keys()].sort(
      (a, b) => (covers.get(b) ?? 0) - (covers.get(a) ?? 0) || size(a) - size(b) || index.az(a, b),
    );
    return { hint: { records: named }, docs };
  }

  // The facade and the pass see the same parsed query (a new one per search): compute it once.
  let last: { q: ParsedQuery; c: Combination | null } | null = null;
  const named = (q: ParsedQuery) => {
    if (last?.q !== q) last = { q, c: records.length > 0 ? compute(q) : null };
    return last.c;
  };

  return {
    named,
    pass: (q) =>
      (named(q)?.docs ?? []).map(
        (doc): Hit => ({ doc, result: { entry: (index.docs[doc] as Doc).entry, field: 'term' } }),
      ),
  };
}
