// The combination checker's data (data/combinations.json), bundled into the
// extension pages that show it (popup, popover page); never the content script.
import raw from '../../data/combinations.json';
import type { CombinationRecord, CombinationsData } from './types';

/** Validated by tests/unit/combinations-data.test.ts (schema and validateCombinations). */
export const COMBINATIONS = raw as unknown as CombinationsData;

const BY_ID = new Map(COMBINATIONS.records.map((r) => [r.id, r]));

export function combinationById(id: string): CombinationRecord | undefined {
  return BY_ID.get(id);
}
