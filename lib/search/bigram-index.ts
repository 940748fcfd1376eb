// Bigram prefilter for the typo pass (the q-gram lemma): a name holding a
// stretch within k edits of the query shares at least (|q| − 1) − 2k of the
// query's bigram positions. Names below that can never pass fuse.js's
// threshold, so only the few that remain are scored. Scoring every name with
// fuse.js took most of the keystroke budget on its own.

export interface BigramIndex {
  postings: Map<string, number[]>;
  /** Scratch space for counting, reused so a lookup allocates nothing per name. */
  counts: Int32Array;
}

export function buildBigramIndex(texts: readonly string[]): BigramIndex {
  const postings = new Map<string, number[]>();
  texts.forEach((text, i) => {
    const seen = new Set<string>();
    for (let j = 0; j + 1 < text.length; j++) {
      const bg = text.slice(j, j + 2);
      if (seen.has(bg)) continue;
      seen.add(bg);
      const list = postings.get(bg);
      if (list) list.push(i);
      else postings.set(bg, [i]);
    }
  });
  return { postings, counts: new Int32Array(texts.length) };
}

/** Indices of the texts that may lie within `maxErrors` edits of `q`. */
export function bigramCandidates(index: BigramIndex, q: string, maxErrors: number): number[] {
  const need = Math.max(1, q.length - 1 - 2 * maxErrors);
  const { counts, postings } = index;
  counts.fill(0);
  const out: number[] = [];
  for (let j = 0; j + 1 < q.length; j++) {
    for (const i of postings.get(q.slice(j, j + 2)) ?? []) {
      const c = (counts[i] ?? 0) + 1;
      counts[i] = c;
      if (c === need) out.push(i);
    }
  }
  return out;
}
