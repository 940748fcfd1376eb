// "Did you mean": when nothing matches, the entries whose names are nearest
// the query by edit distance, so the popup never shows an empty page.
import type { SearchIndex } from './index-build';
import { queryKey } from './query';
import type { SearchResult } from './types';

/** Edit distance costs |query| × |name| per name: a longer key is a sentence, and would only cost time. */
const MAX_SUGGEST_KEY = 32;

/** Optimal string alignment distance between q and the whole of `name`, and between q and its best prefix. */
function distances(q: string, name: string, rows: Int32Array[]): { whole: number; prefix: number } {
  const n = q.length;
  const m = name.length;
  const [r0, r1, r2] = rows as [Int32Array, Int32Array, Int32Array];
  let prev2 = r0;
  let prev = r1;
  let cur = r2;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const qi = q.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const nj = name.charCodeAt(j - 1);
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (qi === nj ? 0 : 1));
      if (i > 1 && j > 1 && qi === name.charCodeAt(j - 2) && q.charCodeAt(i - 2) === nj) {
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      }
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  let prefix = prev[m] ?? 0;
  for (let j = Math.max(1, n - 1); j < m; j++) prefix = Math.min(prefix, prev[j] ?? prefix);
  return { whole: prev[m] ?? 0, prefix };
}

export function createSuggestions(index: SearchIndex): (query: string, limit: number) => SearchResult[] {
  const maxName = Math.max(0, ...index.docs.flatMap((d) => d.names.map((k) => k.n.norm.length)));
  // Three DP rows (the transposition needs two back), reused across calls.
  const rows = [0, 1, 2].map(() => new Int32Array(maxName + 2));

  return (query, limit) => {
    const q = queryKey(query).slice(0, MAX_SUGGEST_KEY);
    if (!q || limit <= 0) return [];
    const scored = index.docs.map((doc, i) => {
      let best = -1;
      let bestKey = doc.names[0];
      for (const key of doc.names) {
        const name = key.n.norm;
        if (!name) continue;
        const d = distances(q, name, rows);
        // Typing a name's start ("kettam") should suggest it: a prefix match scores
        // like a whole one, a little lower so a whole name of equal distance wins.
        const s = Math.max(
          1 - d.whole / Math.max(q.length, name.length),
          name.length > q.length ? 1 - d.prefix / q.length - 0.05 : 0,
        );
        if (s > best) {
          best = s;
          bestKey = key;
        }
      }
      return { doc, i, score: best, key: bestKey };
    });
    scored.sort((a, b) => b.score - a.score || index.az(a.i, b.i));
    return scored.slice(0, limit).map((s) => ({
      entry: s.doc.entry,
      matchedText: s.key && s.key.field === 'alias' ? s.key.text : undefined,
    }));
  };
}
