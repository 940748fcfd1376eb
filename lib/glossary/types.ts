// Types for data/glossary/*.json. They mirror data/glossary.schema.json;
// tests/unit/glossary-validation.test.ts checks the data against both.

export const CATEGORIES = [
  'substances',
  'mechanism',
  'treatment',
  'effects',
  'risks',
  'conditions',
  'interactions',
  'slang',
  'research',
  'support',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  substances: 'Substances and forms',
  mechanism: 'How it works',
  treatment: 'Treatment and clinical practice',
  effects: 'Effects and experiences',
  risks: 'Risks and harms',
  conditions: 'Mental-health conditions',
  interactions: 'Interactions',
  slang: 'Slang and street terms',
  research: 'Research terms',
  support: 'Support and crisis',
};

export type Tier = 1 | 2 | 3 | 4;
export type Severity = 'info' | 'caution' | 'danger';
export type InteractionRisk = 'dangerous' | 'caution' | 'low';

export interface Alias {
  text: string;
  caseSensitive?: boolean;
  tier: Tier;
  context?: string[];
  negative?: string[];
  joined?: boolean;
  plural?: boolean;
  pageContext?: boolean;
  /** Longer phrases in which this alias means something else ("hemodynamic depression"): never marked. */
  notIn?: string[];
}

export interface SafetyNote {
  severity: Severity;
  text: string;
}

export interface Interaction {
  substance: string;
  risk: InteractionRisk;
  why: string;
}

export interface Source {
  title: string;
  url: string;
}

export interface GlossaryEntry {
  id: string;
  term: string;
  aliases: Alias[];
  /** Everyday words readers search with ("addictive", "peeing blood"): search only, never marked on pages. */
  keywords?: string[];
  category: Category;
  short: string;
  explanation: string;
  senseNote?: string;
  /** What the sources leave uncertain, in plain words; shown on the card so it never sounds surer than they are. */
  uncertain?: string;
  safety: SafetyNote[];
  interactions?: Interaction[];
  crisis?: boolean;
  /** Combination-checker record ids (data/combinations.json) whose level the card shows at the top. */
  combinations?: string[];
  related: string[];
  sources: Source[];
  reviewed: string;
}
