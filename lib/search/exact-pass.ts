// Exact names: a query equal to a term or alias (as keys) always ranks first,
// because people type names.
import { type Doc, type NameKey, nameResult, type SearchIndex } from './index-build';
import type { Hit, SearchPass } from './types';

interface Named {
  doc: number;
  key: NameKey;
}

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

  return (q) => {
    const found = byKey.get(q.key);
    if (!found) return [];
    return [...found]
      .sort((a, b) => termFirst(a) - termFirst(b) || index.az(a.doc, b.doc))
      .map(
        ({ doc, key }): Hit => ({ doc, result: nameResult(index.docs[doc] as Doc, key, 0, q.key.length) }),
      );
  };
}
