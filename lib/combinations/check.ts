// "Ketamine and …?" for one or several substances ("alcohol and xanax",
// "xanax, weed"): each result worst level first, plus the pairs between the
// other substances (an MAOI with MDMA is dangerous whatever ketamine does).
// A name we have no record for is Unknown, never low risk.
import { foldName } from './fold';
import type { NameIndex } from './lookup';
import { type CombinationRecord, type Level, levelRank, type PairRecord, type SubstanceName } from './types';

export type MixItem =
  | {
      kind: 'record';
      /** What the reader typed for it. */
      query: string;
      record: CombinationRecord;
      name: SubstanceName;
      how: 'exact' | 'prefix' | 'typo';
      /** Shown because another record brings it along (ayahuasca brings an MAOI). */
      via?: string;
    }
  | { kind: 'unknown'; query: string };

export interface PairFinding {
  pair: PairRecord;
  a: CombinationRecord;
  b: CombinationRecord;
}

export interface MixResult {
  items: MixItem[];
  pairs: PairFinding[];
  /** Worst level over items and pairs; null when nothing was entered. */
  worst: Level | null;
}

/** The drug being mixed with: typed in a part, it is not a second substance. */
const BASE = new Set(
  ['ketamine', 'ket', 'k', 'special k', 'esketamine', 'spravato', 'ketalar', 'arketamine'].map(foldName),
);

/** "and", "with", "+", ",", ";", "/", "&", "plus", "or", "then": separators between substances. */
const SEPARATOR = /\s*(?:,(?=\s|$)|;|\+|&|\/|\s(?:and|with|plus|or|then)\s)\s*/i;

export function splitMix(text: string): string[] {
  return text
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** "alcohol xanax" (no separator): every word run must be a known name, longest first. */
function segment(part: string, index: NameIndex): string[] | null {
  const words = part.split(/\s+/);
  if (words.length < 2 || words.length > 8) return null;
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    let j = words.length;
    for (; j > i; j--) {
      const phrase = words.slice(i, j).join(' ');
      if (BASE.has(foldName(phrase)) || index.find(phrase)?.how === 'exact') break;
    }
    if (j === i) return null;
    out.push(words.slice(i, j).join(' '));
    i = j;
  }
  return out;
}

function parts(text: string, index: NameIndex): string[] {
  return splitMix(text).flatMap((p) => {
    if (BASE.has(foldName(p)) || index.find(p)?.how === 'exact') return [p];
    // "xanax,weed": a comma without a space still separates when the whole is no name.
    if (p.includes(',')) {
      const byComma = p
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (byComma.every((s) => index.find(s))) return byComma;
    }
    return segment(p, index) ?? [p];
  });
}

export function checkMix(
  text: string,
  index: NameIndex,
  pairs: readonly PairRecord[],
  byId: (id: string) => CombinationRecord | undefined,
): MixResult {
  const items: MixItem[] = [];
  const present = new Set<string>();
  const unknownSeen = new Set<string>();
  for (const query of parts(text, index)) {
    if (BASE.has(foldName(query))) continue;
    const found = index.find(query);
    if (!found) {
      const key = foldName(query);
      if (!unknownSeen.has(key)) items.push({ kind: 'unknown', query });
      unknownSeen.add(key);
      continue;
    }
    if (present.has(found.record.id)) continue;
    present.add(found.record.id);
    items.push({ kind: 'record', query, record: found.record, name: found.name, how: found.how });
    for (const id of found.record.alsoCheck ?? []) {
      const extra = byId(id);
      if (!extra || present.has(id)) continue;
      present.add(id);
      items.push({
        kind: 'record',
        query,
        record: extra,
        name: extra.names[0] ?? found.name,
        how: 'exact',
        via: found.record.name,
      });
    }
  }
  const records = items.flatMap((i) => (i.kind === 'record' ? [i] : []));
  const findings: PairFinding[] = [];
  for (const p of pairs) {
    const a = records.find((r) => r.record.id === p.a);
    const b = records.find((r) => r.record.id === p.b);
    // A record and the records it brings along are one substance, not a pair.
    if (a && b && a.via !== b.record.name && b.via !== a.record.name)
      findings.push({ pair: p, a: a.record, b: b.record });
  }
  const rank = (i: MixItem) => levelRank(i.kind === 'record' ? i.record.level : 'unknown');
  const sorted = items
    .map((item, i) => ({ item, i }))
    .sort((x, y) => rank(x.item) - rank(y.item) || x.i - y.i);
  findings.sort((x, y) => levelRank(x.pair.level) - levelRank(y.pair.level));
  const levels: Level[] = [
    ...items.map((i) => (i.kind === 'record' ? i.record.level : 'unknown')),
    ...findings.map((f) => f.pair.level),
  ];
  const worst = levels.length ? levels.reduce((w, l) => (levelRank(l) < levelRank(w) ? l : w)) : null;
  return { items: sorted.map((s) => s.item), pairs: findings, worst };
}

/** The text before the last substance and the last substance itself, for typeahead on "alcohol, xan". */
export function lastPart(text: string): { head: string; tail: string } {
  let cut = 0;
  for (const m of text.matchAll(new RegExp(SEPARATOR.source, 'gi'))) cut = (m.index ?? 0) + m[0].length;
  return { head: text.slice(0, cut), tail: text.slice(cut).trim() };
}
