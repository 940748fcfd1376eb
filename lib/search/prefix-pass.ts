// Name prefixes: names that start with the query, then names with a word that
// does ("hole" finds "K-hole"), as keys, so "k ho" and "k-ho" agree. The
// query is also tried without question words, so "is ketamine addi" finds
// "ketamine addiction" while it is being typed.
import { type Doc, type NameKey, nameResult, type SearchIndex } from './index-build';
import type { Hit, SearchPass } from './types';

/** Without its question words, a key this short is a guess ("what is a k" → "k"). */
const MIN_REDUCED_KEY = 3;

interface Best {
  doc: number;
  /** Lower is better: 0 term prefix, 1 alias prefix, 2 word prefix inside a term or alias. */
  rank: number;
  key: NameKey;
  from: number;
  len: number;
}

function prefixRank(key: NameKey, q: string, inside: boolean): { rank: number; from: number } | null {
  const { norm, wordStart } = key.n;
  if (norm.startsWith(q)) return { rank: key.field === 'term' ? 0 : 1, from: 0 };
  // One letter starts a word in most multi-word names: only a whole-name prefix counts then.
  if (inside && q.length >= 2) {
    let at = norm.indexOf(q, 1);
    while (at > 0) {
      if (wordStart[at]) return { rank: 2, from: at };
      at = norm.indexOf(q, at + 1);
    }
  }
  return null;
}

/** The entry's best name for any of the keys; on equal rank the shorter name, as the closer match. */
function bestName(d: Doc, doc: number, keys: readonly string[], inside: boolean): Best | null {
  let best: Best | null = null;
  for (const key of d.names) {
    for (const q of keys) {
      const r = prefixRank(key, q, inside);
      if (!r) continue;
      if (
        !best ||
        r.rank < best.rank ||
        (r.rank === best.rank && key.n.norm.length < best.key.n.norm.length)
      ) {
        best = { doc, rank: r.rank, key, from: r.from, len: q.length };
      }
    }
  }
  return best;
}

export function createPrefixPass(index: SearchIndex): SearchPass {
  return (q, taken) => {
    const keys = [q.key];
    // Not without the drug's name: "ketamine therapy" is about ketamine, not any name with "therap…".
    if (q.coreKey.length >= MIN_REDUCED_KEY && q.coreKey !== q.key) keys.push(q.coreKey);
    // Only question words so far ("is", "how"): a name may start with them, but no word inside one should.
    const inside = q.tokens.some((t) => t.kind !== 'stop');
    const hits: Best[] = [];
    index.docs.forEach((d, doc) => {
      if (taken.has(doc)) return;
      const best = bestName(d, doc, keys, inside);
      if (best) hits.push(best);
    });
    hits.sort(
      (a, b) => a.rank - b.rank || a.key.n.norm.length - b.key.n.norm.length || index.az(a.doc, b.doc),
    );
    return hits.map(
      (h): Hit => ({ doc: h.doc, result: nameResult(index.docs[h.doc] as Doc, h.key, h.from, h.len) }),
    );
  };
}
