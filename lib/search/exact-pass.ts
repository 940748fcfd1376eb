// Exact names: a query equal to a term or alias (as keys) always ranks first,
// because people type names. The query is also tried without its question
// words ("what is a k-hole") and without the drug's own name ("ketamine and
// booze"). A query that is only the drug's name ("k", "ket") means the drug:
// the Ketamine entry comes first, then whatever that word names.
import { type Doc, type NameKey, nameResult, type SearchIndex } from './index-build';
import { isContextWord } from './query';
import type { Hit, SearchPass } from './types';

interface Named {
  doc: number;
  key: NameKey;
}

/** The entry the context words stand for. */
const DRUG_KEY = 'ketamine';

export function createExactPass(index: SearchIndex): SearchPass {
  // Keys are unique within an entry, so each entry appears at most once per key.
  const byKey = new Map<string, Named[]>();
  index.docs.forEach((d, doc) => {
    for (const key of d.names) {
      const list = byKey.get(key.n.norm);
      if (list) list.push({ doc, key });
      else byKey.set(key.n.norm, [{ doc, key }]);
    }
  });
  const termFirst = (a: Named) => (a.key.field === 'term' ? 0 : 1);
  const drug = index.docs.findIndex((d) => d.names[0]?.n.norm === DRUG_KEY);

  const drugHit = (): Hit => {
    const d = index.docs[drug] as Doc;
    return { doc: drug, result: { entry: d.entry, matchedText: d.entry.term, field: 'term' } };
  };

  return (q) => {
    const hits: Hit[] = [];
    const add = (key: string) => {
      const found = key ? byKey.get(key) : undefined;
      if (!found) return;
      const sorted = [...found].sort((a, b) => termFirst(a) - termFirst(b) || index.az(a.doc, b.doc));
      for (const { doc, key: name } of sorted)
        hits.push({ doc, result: nameResult(index.docs[doc] as Doc, name, 0, name.n.norm.length) });
    };
    const meansDrug = q.contextOnly && drug >= 0;
    // "doing K" is a name of its own; "k" and "ket" are names too, but mean the drug first.
    if (meansDrug && (!byKey.has(q.key) || isContextWord(q.key))) hits.push(drugHit());
    add(q.key);
    if (q.coreKey !== q.key) add(q.coreKey);
    if (q.topicKey !== q.coreKey) add(q.topicKey);
    // Merging keeps the first place of an entry, so this only adds it after a name of its own.
    if (meansDrug) hits.push(drugHit());
    return hits;
  };
}
