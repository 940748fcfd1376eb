// Name lookup for the checker: generic, brand and street names, exact first,
// then typos through fuse.js on whole names ("xanx" → Xanax). Ambiguous names
// ("coke", "G") are found only when typed in full.
import Fuse from 'fuse.js';
import { foldName, nameKey } from './fold';
import type { CombinationRecord, SubstanceName } from './types';

export interface NameHit {
  record: CombinationRecord;
  name: SubstanceName;
  how: 'exact' | 'prefix' | 'typo';
}

export interface NameIndex {
  /** The record a typed name means, or null when none does (even allowing for a typo). */
  find(text: string): NameHit | null;
  /** Typeahead: at most `limit` records whose names start with, contain a word starting with, or nearly match `text`. */
  suggest(text: string, limit?: number): NameHit[];
}

interface Entry {
  folded: string;
  key: string;
  record: CombinationRecord;
  name: SubstanceName;
}

/** Typos on three letters or fewer are guesses ("gin" ≈ "G"?); those must be typed exactly. */
const MIN_TYPO = 4;
/** fuse.js threshold: about one error in three letters. */
const TYPO_THRESHOLD = 0.34;

/** Whole names only: "oxy" must not match inside "hydroxyzine", so the lengths must be close. */
function closeInLength(a: string, b: string): boolean {
  return Math.abs(a.length - b.length) <= Math.max(2, Math.floor(b.length / 3));
}

export function createNameIndex(records: readonly CombinationRecord[]): NameIndex {
  const entries: Entry[] = records.flatMap((record) =>
    record.names.map((name) => ({ folded: foldName(name.text), key: nameKey(name.text), record, name })),
  );
  const byKey = new Map<string, Entry>();
  for (const e of entries) if (!byKey.has(e.key)) byKey.set(e.key, e);
  const fuzzy = new Fuse(
    entries.filter((e) => !e.name.ambiguous && e.folded.length >= MIN_TYPO),
    { keys: ['folded'], threshold: TYPO_THRESHOLD, ignoreLocation: true, includeScore: true },
  );
  const hit = (e: Entry, how: NameHit['how']): NameHit => ({ record: e.record, name: e.name, how });

  function exact(text: string): Entry | undefined {
    const key = nameKey(text);
    if (!key) return undefined;
    // Simple plurals: "benzos" is listed, "xanaxes" and "opioid" are not all listed.
    return byKey.get(key) ?? byKey.get(key.replace(/e?s$/, '')) ?? byKey.get(`${key}s`);
  }

  function typo(text: string): Entry | undefined {
    const folded = foldName(text);
    if (folded.length < MIN_TYPO) return undefined;
    return fuzzy
      .search(folded, { limit: 8 })
      .map((r) => r.item)
      .find((e) => closeInLength(e.folded, folded));
  }

  return {
    find(text) {
      const e = exact(text);
      if (e) return hit(e, 'exact');
      const t = typo(text);
      return t ? hit(t, 'typo') : null;
    },
    suggest(text, limit = 8) {
      const folded = foldName(text);
      if (!folded) return [];
      const out: NameHit[] = [];
      const seen = new Set<string>();
      const add = (e: Entry, how: NameHit['how']) => {
        if (out.length >= limit || seen.has(e.record.id)) return;
        seen.add(e.record.id);
        out.push(hit(e, how));
      };
      const e = exact(text);
      if (e) add(e, 'exact');
      // Records by their shortest matching name; each shown under its generic or class name when one matches.
      const starts = entries.filter((x) => x.folded.startsWith(folded));
      const shortest = new Map<string, number>();
      for (const x of starts)
        shortest.set(x.record.id, Math.min(shortest.get(x.record.id) ?? Infinity, x.folded.length));
      const plain = (x: Entry) => (x.name.kind === 'generic' || x.name.kind === 'class' ? 0 : 1);
      starts.sort(
        (a, b) =>
          (shortest.get(a.record.id) ?? 0) - (shortest.get(b.record.id) ?? 0) ||
          a.record.id.localeCompare(b.record.id) ||
          plain(a) - plain(b) ||
          a.folded.length - b.folded.length,
      );
      for (const x of starts) add(x, 'prefix');
      for (const x of entries) if (x.folded.includes(` ${folded}`)) add(x, 'prefix');
      if (folded.length >= MIN_TYPO)
        for (const r of fuzzy.search(folded, { limit: limit * 2 }))
          if (closeInLength(r.item.folded, folded)) add(r.item, 'typo');
      return out;
    },
  };
}
