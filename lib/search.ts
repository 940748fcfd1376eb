// Glossary search for the popup (pure, no DOM, no browser APIs).
//
// Two passes, merged:
// 1. An exact/prefix pass over terms and aliases, compared case-, dash-,
//    space- and accent-insensitively ("K hole" = "k-hole" = "khole"). An
//    exact term or alias match always ranks first: people type names.
// 2. A fuse.js pass for typos ("spravto", "disociation") and for words of
//    the short definition and explanation (weighted low).
// When both find nothing, `suggestions` gives the nearest entries by edit
// distance, so the popup can say "did you mean".
import Fuse, { type FuseResult, type IFuseOptions } from 'fuse.js';
import { CATEGORIES, CATEGORY_LABELS, type Category, type GlossaryEntry } from './glossary-types';

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
/** Fuzzy matching on one or two letters only produces noise; the prefix pass covers them. */
const MIN_FUZZY = 3;

const KEEP = /[\p{L}\p{N}]/u;
const MARKS = /\p{M}/gu;
const IS_MARK = /^\p{M}+$/u;

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
    const folded = ch.normalize('NFKD').replace(MARKS, '').toLowerCase();
    let kept = false;
    for (const c of folded) {
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

interface NameKey {
  text: string;
  field: 'term' | 'alias';
  n: Normalized;
}

interface Doc {
  entry: GlossaryEntry;
  term: string;
  aliases: string[];
  short: string;
  explanation: string;
  names: NameKey[];
}

/** Inclusive range in the original text covering norm chars [from, from + len). */
function originalRange(key: NameKey, from: number, len: number): MatchRange {
  const start = key.n.map[from] ?? 0;
  const lastStart = key.n.map[from + len - 1] ?? start;
  // Extend to the end of the last source char (surrogate pairs).
  const cp = key.text.codePointAt(lastStart) ?? 0;
  return [start, lastStart + (cp > 0xffff ? 1 : 0)];
}

interface ExactHit {
  doc: Doc;
  rank: number;
  key: NameKey;
  from: number;
}

/**
 * Rank of one name for a normalized query, lower is better, or -1:
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

const FUSE_OPTIONS: IFuseOptions<Doc> = {
  keys: [
    { name: 'term', weight: 4 },
    { name: 'aliases', weight: 3 },
    { name: 'short', weight: 0.6 },
    { name: 'explanation', weight: 0.3 },
  ],
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  ignoreDiacritics: true,
  threshold: 0.34,
  minMatchCharLength: 2,
};

const FIELD_OF_KEY: Record<string, MatchField> = {
  term: 'term',
  aliases: 'alias',
  short: 'short',
  explanation: 'explanation',
};
const FIELD_ORDER: MatchField[] = ['term', 'alias', 'short', 'explanation'];

function fromFuse(r: FuseResult<Doc>): SearchResult {
  const matches = r.matches ?? [];
  for (const field of FIELD_ORDER) {
    const m = matches.find((x) => FIELD_OF_KEY[x.key ?? ''] === field);
    if (m && typeof m.value === 'string') {
      if (field === 'explanation') return { entry: r.item.entry, field };
      const indices = m.indices.map(([a, b]) => [a, b] as const);
      return { entry: r.item.entry, matchedText: m.value, indices, field };
    }
  }
  return { entry: r.item.entry };
}

/** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      }
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] ?? 0;
}

/** 0..1, higher is closer: the best of whole-name and name-prefix similarity. */
function similarity(q: string, name: string): number {
  if (!q || !name) return 0;
  const whole = 1 - editDistance(q, name) / Math.max(q.length, name.length);
  const head = name.slice(0, q.length);
  const prefix = head.length >= 2 ? 1 - editDistance(q, head) / q.length - 0.05 : 0;
  return Math.max(whole, prefix);
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
    return {
      entry,
      term: entry.term,
      aliases: names.filter((k) => k.field === 'alias').map((k) => k.text),
      short: entry.short,
      explanation: entry.explanation,
      names,
    };
  });
  const fuse = new Fuse(docs, FUSE_OPTIONS);

  function search(query: string, limit = DEFAULT_LIMIT): SearchResult[] {
    const raw = query.trim().slice(0, MAX_QUERY);
    const q = normalizeKey(raw);
    if (!q || limit <= 0) return [];

    const hits: ExactHit[] = [];
    for (const doc of docs) {
      let best: ExactHit | null = null;
      for (const key of doc.names) {
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
    }
    hits.sort(
      (a, b) =>
        a.rank - b.rank ||
        a.key.n.norm.length - b.key.n.norm.length ||
        byTerm(a.doc.entry, b.doc.entry),
    );

    const out: SearchResult[] = hits.slice(0, limit).map((h) => ({
      entry: h.doc.entry,
      matchedText: h.key.text,
      indices: [originalRange(h.key, h.from, q.length)],
      field: h.key.field,
    }));
    if (out.length >= limit || raw.length < MIN_FUZZY) return out;

    const taken = new Set(out.map((r) => r.entry.id));
    for (const r of fuse.search(raw, { limit: limit + taken.size })) {
      if (taken.has(r.item.entry.id)) continue;
      taken.add(r.item.entry.id);
      out.push(fromFuse(r));
      if (out.length >= limit) break;
    }
    return out;
  }

  function suggestions(query: string, limit = SUGGESTION_LIMIT): SearchResult[] {
    const q = normalizeKey(query.trim().slice(0, MAX_QUERY));
    if (!q || limit <= 0) return [];
    const scored = docs.map((doc) => {
      let best = -1;
      let bestKey = doc.names[0];
      for (const key of doc.names) {
        const s = similarity(q, key.n.norm);
        if (s > best) {
          best = s;
          bestKey = key;
        }
      }
      return { doc, score: best, key: bestKey };
    });
    scored.sort((a, b) => b.score - a.score || byTerm(a.doc.entry, b.doc.entry));
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
