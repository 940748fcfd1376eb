// Typos in a whole name ("khloe", "ketamne"): the query key against each
// name key, only when both are of comparable length and a few edits apart
// (see typo.ts). Never a fragment inside a longer name: fuse.js substring
// matching listed Tolerance for "k hole" because of "ole".
import type { Doc, NameKey, SearchIndex } from './index-build';
import type { Hit, SearchPass } from './types';
import { MIN_TYPO_LENGTH, typoDistance } from './typo';

/** Names are short: a longer key is a sentence, and the edit distance would only cost time. */
const MAX_TYPO_KEY = 32;
/** Run only when the passes before found fewer entries than this. */
const FUZZY_WHEN_FEWER_THAN = 3;

interface Scored {
  doc: number;
  key: NameKey;
  distance: number;
}

export function createFuzzyPass(index: SearchIndex): SearchPass {
  const names = index.docs.flatMap((d, doc) => d.names.map((key) => ({ doc, key })));
  const termFirst = (s: Scored) => (s.key.field === 'term' ? 0 : 1);

  return (q, taken) => {
    if (taken.size >= FUZZY_WHEN_FEWER_THAN || q.tokens.every((t) => t.kind === 'stop')) return [];
    // Not the key with the drug's name and without question words: two edits on a short
    // word next to "ketamine" reach too many "… ketamine" names.
    const keys = [...new Set([q.key, q.topicKey])].filter(
      (k) => k.length >= MIN_TYPO_LENGTH && k.length <= MAX_TYPO_KEY,
    );
    if (keys.length === 0) return [];
    const best = new Map<number, Scored>();
    for (const { doc, key } of names) {
      if (taken.has(doc)) continue;
      for (const k of keys) {
        const distance = typoDistance(k, key.n.norm);
        if (distance < 0) continue;
        const prev = best.get(doc);
        if (!prev || distance < prev.distance || (distance === prev.distance && termFirst(prev) > 0))
          best.set(doc, { doc, key, distance });
      }
    }
    return [...best.values()]
      .sort(
        (a, b) =>
          a.distance - b.distance ||
          termFirst(a) - termFirst(b) ||
          a.key.n.norm.length - b.key.n.norm.length ||
          index.az(a.doc, b.doc),
      )
      .map(
        (s): Hit => ({
          doc: s.doc,
          result: { entry: (index.docs[s.doc] as Doc).entry, matchedText: s.key.text, field: s.key.field },
        }),
      );
  };
}
