// Types for data/combinations.json ("Ketamine and …?"). They mirror
// data/combinations.schema.json; tests/unit/combinations-data.test.ts checks
// the data against both.

/** One fixed scale, worst first. "unknown" ranks above the low-risk levels: it is not known to be safe. */
export const LEVELS = [
  'dangerous',
  'unsafe',
  'caution',
  'unknown',
  'low-synergy',
  'low-no-synergy',
  'low-decrease',
] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, string> = {
  dangerous: 'Dangerous',
  unsafe: 'Unsafe',
  caution: 'Caution',
  unknown: 'Unknown',
  'low-synergy': 'Low risk & synergy',
  'low-no-synergy': 'Low risk & no synergy',
  'low-decrease': 'Low risk & decrease',
};

/** Smaller is worse. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export type NameKind = 'generic' | 'brand' | 'street' | 'class';

export interface SubstanceName {
  text: string;
  kind: NameKind;
  /** Also means something else ("coke", "G", "weed"): found only when typed in full, never fuzzily, never marked on pages. */
  ambiguous?: boolean;
}

/** Groups of emergency signs in `general.signs`. */
export const SIGN_GROUPS = ['depressant', 'blood-pressure', 'serotonin', 'seizure'] as const;
export type SignGroup = (typeof SIGN_GROUPS)[number];

export interface Source {
  title: string;
  url: string;
}

export interface LevelBasis {
  /** "sources": the level is what the cited sources say; "judgement": ours, reasoned in `text`. */
  kind: 'sources' | 'judgement';
  text: string;
}

export interface CombinationRecord {
  id: string;
  /** Display name: "Alcohol", "Benzodiazepines (benzos)". */
  name: string;
  names: SubstanceName[];
  level: Level;
  levelBasis: LevelBasis;
  /** When the risk changes: dose, or a third substance ("Dangerous when alcohol … are also involved"). */
  levelNote?: string;
  why: string[];
  whatToKnow: string[];
  /** Esketamine/ketamine treatment and clinical practice, where it differs. */
  clinical?: string[];
  /** Emergency signs to show (required for Dangerous and Unsafe). */
  signs?: SignGroup[];
  /** Other records that apply as well (ayahuasca also brings an MAOI). */
  alsoCheck?: string[];
  sources: Source[];
  reviewed: string;
}

/** A pair that does not involve ketamine ("alcohol + benzodiazepines"), for several substances at once. */
export interface PairRecord {
  a: string;
  b: string;
  level: Level;
  why: string;
  sources: Source[];
}

export interface SignList {
  title: string;
  signs: string[];
}

export interface CombinationsGeneral {
  /** Shown on every result. */
  standing: string[];
  /** For a name we have no record of. */
  unknown: { why: string; whatToKnow: string[] };
  /** What the emergency signs mean and first aid (linted like the glossary). */
  firstAid: string[];
  signs: Record<SignGroup, SignList>;
  /** One line per level for the legend. */
  legend: Record<Level, string>;
  sources: Source[];
  reviewed: string;
}

export interface CombinationsData {
  general: CombinationsGeneral;
  records: CombinationRecord[];
  pairs: PairRecord[];
}
