// Name prefixes: names that start with the query, then names with a word that
// does ("hole" finds "K-hole"), as keys, so "k ho" and "k-ho" agree.
import { type Doc, type NameKey, nameResult, type SearchIndex } from './index-build';
import type { Hit, SearchPass } from './types';

/** Lower is better: 0 term prefix, 1 alias prefix, 2 word prefix inside a term or alias. */
function prefixRank(key: NameKey, q: string): { rank: number; from: number } | null {
  const { norm, wordStart } = key.n;
  if (norm.startsWith(q)) return { rank: key.field === 'term' ? 0 : 1, from: 0 };
  // One letter starts a word in most multi-word names: only a whole-name prefix counts then.
  if (q.length >= 2) {
    let at = norm.indexOf(q, 1);
    while (at > 0) {
      if (wordStart[at]) return { rank: 2, from: at };
      at = norm.indexOf(q, at + 1);
    }
  }
  return null;
}

interface Best {
  doc: number;
  rank: number;
  key: NameKey;
  from: number;
}

/** The entry's best name for `q`; on equal rank the shorter name, as the closer match. */
function bestName(d: Doc, doc: number, q: string): Best | null {
  let best: Best | null = null;
  for (const key of d.names) {
    const r = prefixRank(key, q);
    if (!r) continue;
    if (!best || r.rank < best.rank || (r.rank === best.rank && key.n.norm.length < best.key.n.norm.length)) {
      best = { doc, rank: r.rank, key, from: r.from };
    }
  }
  return best;
}

export function createPrefixPass(index: SearchIndex): SearchPass {
  return (q, taken) => {
    const hits: Best[] = [];
    index.docs.forEach((d, doc) => {
      if (taken.has(doc)) return;
      const best = bestName(d, doc, q.key);
      if (best) hits.push(best);
    });
    hits.sort(
      (a, b) => a.rank - b.rank || a.key.n.norm.length - b.key.n.norm.length || index.az(a.doc, b.doc),
    );
    return hits.map(
      (h): Hit => ({ doc: h.doc, result: nameResult(index.docs[h.doc] as Doc, h.key, h.from, q.key.length) }),
    );
  };
}
