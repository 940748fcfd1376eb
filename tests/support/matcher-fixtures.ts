// A small glossary for the matcher's unit tests (written here: the real
// glossary is validated elsewhere), and helpers that name matches by entry id.
import type { Alias, Category, GlossaryEntry } from '../../lib/glossary/types';
import {
  compileMatcherIndex as compileIndex,
  filterByContext,
  hasPageContext,
  loadMatcher as loadIndex,
  type Matcher,
  type MatcherIndex,
  type RawMatch,
} from '../../lib/matcher';

export function entry(
  id: string,
  aliases: Alias[],
  extra: { category?: Category; safety?: GlossaryEntry['safety'] } = {},
): GlossaryEntry {
  return {
    id,
    term: aliases[0]?.text ?? id,
    aliases,
    category: extra.category ?? 'substances',
    short: `Short text of ${id}.`,
    explanation: `A long explanation of ${id} that must never reach the matcher index.`,
    safety: extra.safety ?? [],
    related: [],
    sources: [{ title: 'Source', url: 'https://example.org/' }],
    reviewed: '2025-01-01',
  };
}

export const SPECIAL_K_CONTEXT = [
  'ketamine',
  'snort',
  'bump',
  'dissociative',
  'K-hole',
  'rave',
  'drug',
  'club',
];
const SPECIAL_K_NEGATIVE = [
  'cereal',
  "Kellogg's",
  'breakfast',
  'calories',
  'granola',
  'cereal bar',
  'protein bar',
];

export const ENTRIES: GlossaryEntry[] = [
  entry(
    'ketamine',
    [
      { text: 'ketamine', tier: 1 },
      { text: 'K', tier: 4, caseSensitive: true },
      { text: 'Vitamin K', tier: 4 },
    ],
    {
      safety: [
        { severity: 'caution', text: 'x' },
        { severity: 'info', text: 'y' },
      ],
    },
  ),
  entry('ketamine-cystitis', [{ text: 'ketamine-induced cystitis', tier: 1 }], {
    category: 'risks',
    safety: [{ severity: 'danger', text: 'z' }],
  }),
  entry('k-hole', [{ text: 'K-hole', tier: 1, joined: true }], { category: 'effects' }),
  entry(
    'special-k',
    [{ text: 'Special K', tier: 3, context: SPECIAL_K_CONTEXT, negative: SPECIAL_K_NEGATIVE }],
    { category: 'slang' },
  ),
  entry(
    'ket',
    [
      { text: 'ket', tier: 3, context: ['ketamine', 'snort', 'bump', 'bladder'] },
      { text: 'ket bladder', tier: 2, pageContext: true },
    ],
    { category: 'slang' },
  ),
  entry('nmda', [
    { text: 'NMDA', tier: 1, caseSensitive: true },
    { text: 'NMDA receptor', tier: 1, caseSensitive: true },
  ]),
  entry('rems', [{ text: 'REMS', tier: 2, caseSensitive: true }], { category: 'treatment' }),
  entry('anaesthetic', [{ text: 'anaesthetic', tier: 1 }]),
  entry('depersonalisation', [{ text: 'depersonalisation', tier: 1 }], { category: 'effects' }),
  entry(
    'horse-tranquilizer',
    [{ text: 'horse tranquilizer', tier: 3, context: ['ketamine'], negative: ['xylazine', 'fentanyl'] }],
    { category: 'slang' },
  ),
  entry('dissociation', [{ text: 'dissociation', tier: 2, negative: ['acid dissociation', 'chemistry'] }], {
    category: 'effects',
  }),
  entry('tolerance', [{ text: 'tolerance', tier: 2 }], { category: 'risks' }),
  entry('emergence', [{ text: 'emergence reaction', tier: 2 }], { category: 'effects' }),
  entry('kap', [{ text: 'ketamine-assisted therapy', tier: 1 }], { category: 'treatment' }),
  entry('devils-breath', [{ text: "Devil's breath", tier: 1 }], { category: 'slang' }),
  entry('cat-valium', [{ text: 'Cat Valium', tier: 3 }], { category: 'slang' }),
  entry('class-b', [{ text: 'Class B', tier: 2, caseSensitive: true }], { category: 'substances' }),
  entry('ssri', [{ text: 'SSRI', tier: 1, caseSensitive: true, plural: true }], { category: 'interactions' }),
  entry('rush', [{ text: 'ketamine rush', tier: 1 }], { category: 'effects' }),
  entry('crash', [{ text: 'crash', tier: 2, plural: false }], { category: 'effects' }),
  entry('ketamine-fr', [{ text: 'kétamine', tier: 1 }], { category: 'substances' }),
];

// The index numbers entries and keeps no ids (the content script's size
// budget); the tests name matches by id through their own entry lists.
const IDS = new WeakMap<object, string[]>();
export function compileMatcherIndex(entries: GlossaryEntry[]): MatcherIndex {
  const index = compileIndex(entries);
  IDS.set(
    index,
    entries.map((e) => e.id),
  );
  return index;
}
export function loadMatcher(index: MatcherIndex): Matcher {
  const m = loadIndex(index);
  const ids = IDS.get(index);
  if (ids) IDS.set(m, ids);
  return m;
}

export const INDEX = compileMatcherIndex(ENTRIES);
export const M = loadMatcher(INDEX);

const idOf = (m: Matcher, r: RawMatch): string => IDS.get(m)?.[r.entry] ?? '?';

/** [matched text, entry id] for each raw match. */
export function found(text: string, m: Matcher = M): [string, string][] {
  return m.findAll(text).map((r) => [text.slice(r.start, r.end), idOf(m, r)]);
}

/** Matched texts kept by the context rules, page context computed from the text itself. */
export function marked(text: string, m: Matcher = M): string[] {
  const raw = m.findAll(text);
  return filterByContext(raw, text, m, { pageHasContext: hasPageContext(raw, m) }).map((r) =>
    text.slice(r.start, r.end),
  );
}
