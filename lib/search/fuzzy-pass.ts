// Typos: fuse.js over the names only ("spravto", "disociation"), run when the
// name passes found few entries. Fuzzy-matching the explanations with fuse.js
// cost 5–40 ms per keystroke over ~100 entries (bitap scans every character
// of every field), far over the 2 ms budget; names are short.
import Fuse, { type IFuseOptions } from 'fuse.js';
import { type BigramIndex, bigramCandidates, buildBigramIndex } from './bigram-index';
import type { Doc, SearchIndex } from './index-build';
import { fold } from './normalize';
import type { Hit, MatchRange, SearchPass } from './types';

/** Fuzzy matching on three letters or fewer only produces noise ("xyz" ≈ "aryl…"); the prefix pass covers them. */
const MIN_FUZZY = 4;
/** Names are short: a longer query is a sentence, not a misspelt name. */
const MAX_FUZZY = 24;
/** Run only when the passes before found fewer entries than this: typos are a fallback, not a ranking signal. */
const FUZZY_WHEN_FEWER_THAN = 3;
/** fuse.js threshold: at most about one error in three characters. */
const FUZZY_THRESHOLD = 0.34;

const FUSE_OPTIONS: IFuseOptions<unknown> = {
  includeMatches: true,
  ignoreLocation: true,
  isCaseSensitive: true, // both sides are folded beforehand
  threshold: FUZZY_THRESHOLD,
  minMatchCharLength: 2,
};

interface FuzzyName {
  /** Lower-case, accents removed (same length as the original, or the original itself). */
  text: string;
  original: string;
  doc: number;
  field: 'term' | 'alias';
}

interface Scored {
  name: FuzzyName;
  score: number;
  indices: MatchRange[];
}

function fuzzyNames(docs: readonly Doc[]): FuzzyName[] {
  return docs.flatMap((d, doc) =>
    d.names.map((k) => {
      const folded = fold(k.text);
      // Matches are shown on the original text: keep offsets aligned.
      const text = folded.length === k.text.length ? folded : k.text.toLowerCase();
      return { text, original: k.text, doc, field: k.field };
    }),
  );
}

export function createFuzzyPass(index: SearchIndex): SearchPass {
  const names = fuzzyNames(index.docs);
  // Built on first use: most keystrokes never need it, and the popup opens faster.
  let bigrams: BigramIndex | null = null;
  const termFirst = (s: Scored) => (s.name.field === 'term' ? 0 : 1);

  return (q, taken) => {
    if (q.raw.length < MIN_FUZZY || q.raw.length > MAX_FUZZY || taken.size >= FUZZY_WHEN_FEWER_THAN)
      return [];
    bigrams ??= buildBigramIndex(names.map((n) => n.text));
    const pattern = fold(q.raw);
    const maxErrors = Math.floor(FUZZY_THRESHOLD * pattern.length);
    const scored: Scored[] = [];
    for (const i of bigramCandidates(bigrams, pattern, maxErrors)) {
      const name = names[i] as FuzzyName;
      if (taken.has(name.doc)) continue;
      const m = Fuse.match(pattern, name.text, FUSE_OPTIONS);
      if (!m.isMatch) continue;
      scored.push({ name, score: m.score ?? 1, indices: (m.indices ?? []).map(([a, b]) => [a, b] as const) });
    }
    scored.sort(
      (a, b) =>
        a.score - b.score ||
        termFirst(a) - termFirst(b) ||
        a.name.text.length - b.name.text.length ||
        index.az(a.name.doc, b.name.doc),
    );
    // Several names of one entry may match; merging keeps the first, best one.
    return scored.map(
      (s): Hit => ({
        doc: s.name.doc,
        result: {
          entry: (index.docs[s.name.doc] as Doc).entry,
          matchedText: s.name.original,
          indices: s.indices,
          field: s.name.field,
        },
      }),
    );
  };
}
