// Ordering across passes: A–Z tie-breaks, and merging pass results by rank.
import type { GlossaryEntry } from '../glossary/types';
import type { ParsedQuery } from './query';
import type { SearchPass, SearchResult } from './types';

export function byTerm(a: GlossaryEntry, b: GlossaryEntry): number {
  return a.term.localeCompare(b.term, 'en', { sensitivity: 'base' });
}

/**
 * Compares entries by index in `entries`, A–Z by term. Ranks are computed
 * once because localeCompare on every comparison is too slow per keystroke.
 */
export function alphabeticalOrder(entries: readonly GlossaryEntry[]): (a: number, b: number) => number {
  const alpha = new Int32Array(entries.length);
  entries
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => byTerm(a.entry, b.entry))
    .forEach(({ i }, rank) => {
      alpha[i] = rank;
    });
  return (a, b) => (alpha[a] ?? 0) - (alpha[b] ?? 0);
}

/**
 * Runs the passes in order and concatenates their hits, each entry once, at
 * its first (best) place: a pass earlier in the list always outranks a later
 * one, so the order of `passes` is the ranking policy.
 */
export function mergePasses(
  passes: readonly SearchPass[],
  query: ParsedQuery,
  limit: number,
): SearchResult[] {
  const taken = new Set<number>();
  const out: SearchResult[] = [];
  for (const pass of passes) {
    for (const hit of pass(query, taken)) {
      if (taken.has(hit.doc)) continue;
      taken.add(hit.doc);
      out.push(hit.result);
    }
  }
  return out.slice(0, limit);
}
