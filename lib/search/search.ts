// Glossary search for the popup (pure, no DOM, no browser APIs).
//
// Three passes, merged in this order:
// 1. Names: an exact/prefix pass over terms and aliases, compared case-,
//    dash-, space- and accent-insensitively ("K hole" = "k-hole" = "khole").
//    An exact term or alias match always ranks first: people type names.
// 2. Words: every query word (stop words dropped) looked up as a word prefix
//    in an inverted index of term/alias words (weighted high) and words of the
//    short definition and explanation (weighted low). Handles "bladder",
//    "snorting", and sentence-like queries.
// 3. Typos: fuse.js over the names only ("spravto", "disociation"), run when
//    passes 1–2 found few name hits. Fuzzy-matching the explanations with
//    fuse.js cost 5–40 ms per keystroke over ~100 entries (bitap scans every
//    character of every field), far over the 2 ms budget; names are short.
// When nothing matches, `suggestions` gives the nearest names by edit
// distance, so the popup can say "did you mean".
import Fuse, { type IFuseOptions } from 'fuse.js';
import { CATEGORIES, CATEGORY_LABELS, type Category, type GlossaryEntry } from '../glossary-types';

/** Inclusive [start, end] UTF-16 offsets into `matchedText` (the same shape fuse.js uses). */
export type MatchRange = readonly [number, number];

export type MatchField = 'term' | 'alias' | 'short' | 'explanation';

export interface SearchResult {
  entry: GlossaryEntry;
  /** The text that matched (the term, one alias, or the short definition). */
  matchedText?: string;
  /** Ranges of `matchedText` to emphasise. */
  indices?: MatchRange[];
  /** Which field matched; absent for suggestions. */
  field?: MatchField;
}

export interface GlossarySearch {
  /** Ranked results; [] for an empty query. */
  search(query: string, limit?: number): SearchResult[];
  /** Nearest entries by spelling; never empty for a non-empty query over a non-empty glossary. */
  suggestions(query: string, limit?: number): SearchResult[];
}

export interface CategoryGroup {
  category: Category;
  label: string;
  entries: GlossaryEntry[];
}

const DEFAULT_LIMIT = 20;
const SUGGESTION_LIMIT = 5;
/** Longer queries are cut: nobody types a paragraph into the box, and it bounds the work per keystroke. */
const MAX_QUERY = 64;
/** Fuzzy matching on three letters or fewer only produces noise ("xyz" ≈ "aryl…"); the prefix passes cover them. */
const MIN_FUZZY = 4;
/** Names are short: a longer query is a sentence, not a misspelt name. */
const MAX_FUZZY = 24;
/** Run the typo pass when the name passes found fewer entries than this. */
const FUZZY_WHEN_FEWER_THAN = 3;
const MAX_QUERY_WORDS = 8;

const STOP_WORDS = new Set(
  (
    'a an and are as at be but by can do does for from has have how i if in into is it its me my ' +
    'no not of on or so than that the their them then there these they this to was what when where ' +
    'which who why will with you your'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;
const KEEP = /[\p{L}\p{N}]/u;
const MARKS = /\p{M}/gu;
const IS_MARK = /^\p{M}+$/u;

function fold(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

interface Normalized {
  /** Lower-case letters and digits only, accents removed. */
  norm: string;
  /** For each char of `norm`, the offset of the source char in the original string. */
  map: number[];
  /** For each char of `norm`, whether it starts a word in the original. */
  wordStart: boolean[];
}

function normalizeWithMap(text: string): Normalized {
  let norm = '';
  const map: number[] = [];
  const wordStart: boolean[] = [];
  let boundary = true;
  let i = 0;
  for (const ch of text) {
    let kept = false;
    for (const c of fold(ch)) {
      if (KEEP.test(c)) {
        norm += c;
        map.push(i);
        wordStart.push(boundary && !kept);
        kept = true;
      }
    }
    if (kept) boundary = false;
    else if (!IS_MARK.test(ch)) boundary = true;
    i += ch.length;
  }
  return { norm, map, wordStart };
}

/** Case-, dash-, space- and accent-insensitive key: "K-hole", "K hole" and "khole" are equal. */
export function normalizeKey(text: string): string {
  return normalizeWithMap(text).norm;
}

interface Token {
  word: string;
  start: number;
  /** Inclusive. */
  end: number;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    out.push({ word: fold(m[0]), start, end: start + m[0].length - 1 });
  }
  return out;
}

interface NameKey {
  text: string;
  field: 'term' | 'alias';
  n: Normalized;
}

interface Doc {
  entry: GlossaryEntry;
  names: NameKey[];
  shortTokens: Token[];
}

/** Inclusive range in the original text covering norm chars [from, from + len). */
function originalRange(key: NameKey, from: number, len: number): MatchRange {
  const start = key.n.map[from] ?? 0;
  const lastStart = key.n.map[from + len - 1] ?? start;
  // Extend to the end of the last source char (surrogate pairs).
  const cp = key.text.codePointAt(lastStart) ?? 0;
  return [start, lastStart + (cp > 0xffff ? 1 : 0)];
}

/**
 * Rank of one name for a normalized query, lower is better:
 * 0 exact term, 1 exact alias, 2 term prefix, 3 alias prefix, 4 word prefix inside a term or alias.
 */
function exactRank(key: NameKey, q: string): { rank: number; from: number } | null {
  const { norm, wordStart } = key.n;
  const isTerm = key.field === 'term';
  if (norm === q) return { rank: isTerm ? 0 : 1, from: 0 };
  if (norm.startsWith(q)) return { rank: isTerm ? 2 : 3, from: 0 };
  if (q.length >= 2) {
    let at = norm.indexOf(q, 1);
    while (at > 0) {
      if (wordStart[at]) return { rank: 4, from: at };
      at = norm.indexOf(q, at + 1);
    }
  }
  return null;
}

/** Where a word occurs: bit 4 a name, 2 the short definition, 1 the explanation. */
const IN_NAME = 4;
const IN_SHORT = 2;
const IN_EXPLANATION = 1;
const FIELD_WEIGHT = (bits: number) =>
  bits & IN_NAME ? 3 : bits & IN_SHORT ? 1.5 : bits & IN_EXPLANATION ? 1 : 0;

interface WordIndex {
  /** Sorted, for prefix lookups by binary search. */
  words: string[];
  /** words[i] → (doc index → field bits). */
  postings: Map<number, number>[];
}

function buildWordIndex(docs: Doc[]): WordIndex {
  const byWord = new Map<string, Map<number, number>>();
  const add = (word: string, doc: number, bit: number) => {
    let p = byWord.get(word);
    if (!p) {
      p = new Map();
      byWord.set(word, p);
    }
    p.set(doc, (p.get(doc) ?? 0) | bit);
  };
  docs.forEach((d, i) => {
    for (const k of d.names) for (const t of tokenize(k.text)) add(t.word, i, IN_NAME);
    for (const t of d.shortTokens) add(t.word, i, IN_SHORT);
    for (const t of tokenize(d.entry.explanation)) add(t.word, i, IN_EXPLANATION);
  });
  const words = [...byWord.keys()].sort();
  return { words, postings: words.map((w) => byWord.get(w) ?? new Map()) };
}

function lowerBound(words: string[], q: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((words[mid] ?? '') < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** doc index → field bits for every indexed word starting with `prefix` (or equal to it, if `exact`). */
function lookupWord(index: WordIndex, prefix: string, exact: boolean): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = lowerBound(index.words, prefix); i < index.words.length; i++) {
    const w = index.words[i] ?? '';
    if (!w.startsWith(prefix) || (exact && w !== prefix)) break;
    for (const [doc, bits] of index.postings[i] ?? []) out.set(doc, (out.get(doc) ?? 0) | bits);
  }
  return out;
}

function queryWords(raw: string): string[] {
  const all = tokenize(raw).map((t) => t.word);
  const content = all.filter((w) => !STOP_WORDS.has(w));
  return (content.length > 0 ? content : all).filter((w) => w.length >= 2).slice(0, MAX_QUERY_WORDS);
}

interface FuzzyName {
  /** Lower-case, accents removed (same length as the original, or the original itself). */
  text: string;
  original: string;
  doc: number;
  field: 'term' | 'alias';
}

/** fuse.js threshold: at most about one error in three characters. */
const FUZZY_THRESHOLD = 0.34;

const FUSE_OPTIONS: IFuseOptions<unknown> = {
  includeMatches: true,
  ignoreLocation: true,
  isCaseSensitive: true, // both sides are folded beforehand
  threshold: FUZZY_THRESHOLD,
  minMatchCharLength: 2,
};

/**
 * Bigram prefilter for the typo pass (the q-gram lemma): a name holding a
 * stretch within k edits of the query shares at least (|q| − 1) − 2k of the
 * query's bigram positions. Names below that can never pass fuse.js's
 * threshold, so only the few that remain are scored. Scoring every name with
 * fuse.js took most of the keystroke budget on its own.
 */
interface BigramIndex {
  postings: Map<string, number[]>;
  counts: Int32Array;
}

function buildBigramIndex(names: FuzzyName[]): BigramIndex {
  const postings = new Map<string, number[]>();
  names.forEach((n, i) => {
    const seen = new Set<string>();
    for (let j = 0; j + 1 < n.text.length; j++) {
      const bg = n.text.slice(j, j + 2);
      if (seen.has(bg)) continue;
      seen.add(bg);
      const list = postings.get(bg);
      if (list) list.push(i);
      else postings.set(bg, [i]);
    }
  });
  return { postings, counts: new Int32Array(names.length) };
}

function fuzzyCandidates(index: BigramIndex, q: string, maxErrors: number): number[] {
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

function byTerm(a: GlossaryEntry, b: GlossaryEntry): number {
  return a.term.localeCompare(b.term, 'en', { sensitivity: 'base' });
}

export function createSearch(entries: readonly GlossaryEntry[]): GlossarySearch {
  const docs: Doc[] = entries.map((entry) => {
    const names: NameKey[] = [{ text: entry.term, field: 'term', n: normalizeWithMap(entry.term) }];
    const seen = new Set([names[0]?.n.norm]);
    for (const a of entry.aliases) {
      const n = normalizeWithMap(a.text);
      if (!n.norm || seen.has(n.norm)) continue;
      seen.add(n.norm);
      names.push({ text: a.text, field: 'alias', n });
    }
    return { entry, names, shortTokens: tokenize(entry.short) };
  });
  const words = buildWordIndex(docs);
  const fuzzyNames: FuzzyName[] = docs.flatMap((d, doc) =>
    d.names.map((k) => {
      const folded = fold(k.text);
      // Matches are shown on the original text: keep offsets aligned.
      const text = folded.length === k.text.length ? folded : k.text.toLowerCase();
      return { text, original: k.text, doc, field: k.field };
    }),
  );
  // Built on first use: most keystrokes never need it, and the popup opens faster.
  let bigrams: BigramIndex | null = null;
  const maxName = Math.max(0, ...fuzzyNames.map((f) => f.text.length));
  // Alphabetical rank of each doc, for tie-breaks (localeCompare per comparison is slow).
  const alpha = new Int32Array(docs.length);
  docs
    .map((d, i) => ({ d, i }))
    .sort((a, b) => byTerm(a.d.entry, b.d.entry))
    .forEach(({ i }, rank) => {
      alpha[i] = rank;
    });
  const az = (a: number, b: number) => (alpha[a] ?? 0) - (alpha[b] ?? 0);
  const rows = [0, 1, 2].map(() => new Int32Array(maxName + 2));

  function search(query: string, limit = DEFAULT_LIMIT): SearchResult[] {
    const raw = query.trim().slice(0, MAX_QUERY);
    const q = normalizeKey(raw);
    if (!q || limit <= 0) return [];
    const out: SearchResult[] = [];
    const taken = new Set<number>();

    // 1. Names: exact, prefix, word prefix.
    const hits: { doc: number; rank: number; key: NameKey; from: number }[] = [];
    docs.forEach((d, doc) => {
      let best: (typeof hits)[number] | null = null;
      for (const key of d.names) {
        const r = exactRank(key, q);
        if (!r) continue;
        if (
          !best ||
          r.rank < best.rank ||
          (r.rank === best.rank && key.n.norm.length < best.key.n.norm.length)
        ) {
          best = { doc, rank: r.rank, key, from: r.from };
        }
      }
      if (best) hits.push(best);
    });
    hits.sort((a, b) => a.rank - b.rank || a.key.n.norm.length - b.key.n.norm.length || az(a.doc, b.doc));
    for (const h of hits) {
      taken.add(h.doc);
      out.push({
        entry: (docs[h.doc] as Doc).entry,
        matchedText: h.key.text,
        indices: [originalRange(h.key, h.from, q.length)],
        field: h.key.field,
      });
    }

    // 2. Words.
    const qWords = queryWords(raw);
    const scores = new Map<number, { score: number; bits: number; matched: number }>();
    for (const w of qWords) {
      for (const [doc, bits] of lookupWord(words, w, w.length < 3)) {
        const s = scores.get(doc) ?? { score: 0, bits: 0, matched: 0 };
        s.score += FIELD_WEIGHT(bits);
        s.bits |= bits;
        s.matched++;
        scores.set(doc, s);
      }
    }
    // A multi-word query must match at least half its words in an entry.
    const need = Math.ceil(qWords.length / 2);
    const wordHits = [...scores]
      .filter(([doc, s]) => !taken.has(doc) && s.matched >= need)
      .sort(([a, x], [b, y]) => y.score - x.score || y.matched - x.matched || az(a, b));
    const nameWordHits = wordHits.filter(([, s]) => s.bits & IN_NAME);
    const textWordHits = wordHits.filter(([, s]) => !(s.bits & IN_NAME));
    const wordResult = (doc: number, s: { bits: number }): SearchResult => {
      const d = docs[doc] as Doc;
      if (s.bits & IN_NAME) {
        // Show the name (term first) that holds the most query words.
        let best: { key: NameKey; tokens: Token[] } | null = null;
        for (const key of d.names) {
          const tokens = tokenize(key.text).filter((t) => qWords.some((w) => t.word.startsWith(w)));
          if (tokens.length > (best?.tokens.length ?? 0)) best = { key, tokens };
        }
        if (!best) return { entry: d.entry };
        return {
          entry: d.entry,
          matchedText: best.key.text,
          indices: best.tokens.map((t) => [t.start, t.end] as const),
          field: best.key.field,
        };
      }
      if (s.bits & IN_SHORT) {
        const indices = d.shortTokens
          .filter((t) => qWords.some((w) => t.word.startsWith(w)))
          .map((t) => [t.start, t.end] as const);
        return { entry: d.entry, matchedText: d.entry.short, indices, field: 'short' };
      }
      return { entry: d.entry, field: 'explanation' };
    };
    for (const [doc, s] of nameWordHits) {
      taken.add(doc);
      out.push(wordResult(doc, s));
    }

    // 3. Typos in names.
    if (raw.length >= MIN_FUZZY && raw.length <= MAX_FUZZY && taken.size < FUZZY_WHEN_FEWER_THAN) {
      bigrams ??= buildBigramIndex(fuzzyNames);
      const pattern = fold(raw);
      const maxErrors = Math.floor(FUZZY_THRESHOLD * pattern.length);
      const fuzzy: { name: FuzzyName; score: number; indices: MatchRange[] }[] = [];
      for (const i of fuzzyCandidates(bigrams, pattern, maxErrors)) {
        const name = fuzzyNames[i] as FuzzyName;
        if (taken.has(name.doc)) continue;
        const m = Fuse.match(pattern, name.text, FUSE_OPTIONS);
        if (!m.isMatch) continue;
        fuzzy.push({
          name,
          score: m.score ?? 1,
          indices: (m.indices ?? []).map(([a, b]) => [a, b] as const),
        });
      }
      fuzzy.sort(
        (a, b) =>
          a.score - b.score ||
          (a.name.field === 'term' ? 0 : 1) - (b.name.field === 'term' ? 0 : 1) ||
          a.name.text.length - b.name.text.length ||
          az(a.name.doc, b.name.doc),
      );
      for (const f of fuzzy) {
        if (taken.has(f.name.doc)) continue;
        taken.add(f.name.doc);
        out.push({
          entry: (docs[f.name.doc] as Doc).entry,
          matchedText: f.name.original,
          indices: f.indices,
          field: f.name.field,
        });
      }
    }

    for (const [doc, s] of textWordHits) {
      if (taken.has(doc)) continue;
      taken.add(doc);
      out.push(wordResult(doc, s));
    }
    return out.slice(0, limit);
  }

  function suggestions(query: string, limit = SUGGESTION_LIMIT): SearchResult[] {
    const q = normalizeKey(query.trim().slice(0, MAX_QUERY)).slice(0, 32);
    if (!q || limit <= 0) return [];
    const scored = docs.map((doc, i) => {
      let best = -1;
      let bestKey = doc.names[0];
      for (const key of doc.names) {
        const name = key.n.norm;
        if (!name) continue;
        const d = distances(q, name, rows);
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
    scored.sort((a, b) => b.score - a.score || az(a.i, b.i));
    return scored.slice(0, limit).map((s) => ({
      entry: s.doc.entry,
      matchedText: s.key && s.key.field === 'alias' ? s.key.text : undefined,
    }));
  }

  return { search, suggestions };
}

/** Categories in CATEGORIES order (empty ones left out), entries A–Z within each. */
export function browseByCategory(entries: readonly GlossaryEntry[]): CategoryGroup[] {
  return CATEGORIES.map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    entries: entries.filter((e) => e.category === category).sort(byTerm),
  })).filter((g) => g.entries.length > 0);
}

export interface TextSegment {
  text: string;
  mark: boolean;
}

/**
 * Split `text` into plain and marked segments from inclusive ranges (fuse.js
 * style). Overlapping or out-of-range ranges are merged and clamped, so a bad
 * range can never throw or duplicate text. Render marked segments as <mark>.
 */
export function highlightSegments(text: string, indices?: readonly MatchRange[]): TextSegment[] {
  if (!text) return [];
  const ranges = (indices ?? [])
    .map(([a, b]) => [Math.max(0, Math.floor(a)), Math.min(text.length - 1, Math.floor(b))] as const)
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && a <= b)
    .sort((x, y) => x[0] - y[0]);
  const segments: TextSegment[] = [];
  let pos = 0;
  for (const [a, b] of ranges) {
    const start = Math.max(a, pos);
    if (start > b) continue;
    if (start > pos) segments.push({ text: text.slice(pos, start), mark: false });
    segments.push({ text: text.slice(start, b + 1), mark: true });
    pos = b + 1;
  }
  if (pos < text.length) segments.push({ text: text.slice(pos), mark: false });
  return segments;
}
