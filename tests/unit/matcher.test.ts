import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alias, Category, GlossaryEntry } from '../../lib/glossary/types';
import {
  aliasVariants,
  CONTEXT_WINDOW_CHARS,
  compileMatcherIndex as compileIndex,
  contextWordVariants,
  filterByContext,
  hasPageContext,
  isApostropheCode,
  isSeparatorCode,
  loadMatcher as loadIndex,
  type Matcher,
  type MatcherIndex,
  normalizeForm,
  pluralOf,
  type RawMatch,
  spellingVariants,
} from '../../lib/matcher';

// ---------------------------------------------------------------------------
// Fixtures (small, written here: the real glossary is validated elsewhere)
// ---------------------------------------------------------------------------

function entry(
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

const SPECIAL_K_CONTEXT = ['ketamine', 'snort', 'bump', 'dissociative', 'K-hole', 'rave', 'drug', 'club'];
const SPECIAL_K_NEGATIVE = [
  'cereal',
  "Kellogg's",
  'breakfast',
  'calories',
  'granola',
  'cereal bar',
  'protein bar',
];

const ENTRIES: GlossaryEntry[] = [
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
function compileMatcherIndex(entries: GlossaryEntry[]): MatcherIndex {
  const index = compileIndex(entries);
  IDS.set(
    index,
    entries.map((e) => e.id),
  );
  return index;
}
function loadMatcher(index: MatcherIndex): Matcher {
  const m = loadIndex(index);
  const ids = IDS.get(index);
  if (ids) IDS.set(m, ids);
  return m;
}

const INDEX = compileMatcherIndex(ENTRIES);
const M = loadMatcher(INDEX);

const idOf = (m: Matcher, r: RawMatch): string => IDS.get(m)?.[r.entry] ?? '?';

/** [matched text, entry id] for each raw match. */
function found(text: string, m: Matcher = M): [string, string][] {
  return m.findAll(text).map((r) => [text.slice(r.start, r.end), idOf(m, r)]);
}

/** Matched texts kept by the context rules, page context computed from the text itself. */
function marked(text: string, m: Matcher = M): string[] {
  const raw = m.findAll(text);
  return filterByContext(raw, text, m, { pageHasContext: hasPageContext(raw, m) }).map((r) =>
    text.slice(r.start, r.end),
  );
}

// ---------------------------------------------------------------------------
// Variants
// ---------------------------------------------------------------------------

describe('variants', () => {
  it('normalises separators, apostrophes, soft hyphens and case', () => {
    expect(normalizeForm('  K\u2013\u00a0Hole ', false)).toBe('k hole');
    expect(normalizeForm('Devil\u2019s  breath', false)).toBe("devil's breath");
    expect(normalizeForm('keta\u00admine', false)).toBe('ketamine');
    expect(normalizeForm('NMDA\u2011receptor', true)).toBe('NMDA receptor');
  });

  it('generates British/American pairs both ways', () => {
    expect(spellingVariants('anaesthetic')).toEqual(['anaesthetic', 'anesthetic']);
    expect(spellingVariants('anesthesia')).toEqual(['anesthesia', 'anaesthesia']);
    expect(new Set(spellingVariants('tranquilliser'))).toEqual(
      new Set(['tranquilliser', 'tranquillizer', 'tranquiliser', 'tranquilizer']),
    );
    expect(spellingVariants('depersonalization')).toContain('depersonalisation');
    expect(spellingVariants('stabilise')).toEqual(['stabilise', 'stabilize']);
    expect(spellingVariants('hospitalised')).toContain('hospitalized');
    expect(spellingVariants('haemorrhage')).toEqual(['haemorrhage', 'hemorrhage']);
    expect(spellingVariants('pulmonary oedema')).toEqual(['pulmonary oedema', 'pulmonary edema']);
    expect(spellingVariants('edema')).toEqual(['edema', 'oedema']);
    expect(spellingVariants('paediatric')).toEqual(['paediatric', 'pediatric']);
    expect(spellingVariants('behaviour')).toEqual(['behaviour', 'behavior']);
    expect(spellingVariants('counselling')).toEqual(['counselling', 'counseling']);
    expect(spellingVariants('counsellor')).toEqual(['counsellor', 'counselor']);
  });

  it('leaves words alone where a pair would make a different word', () => {
    expect(spellingVariants('chemical')).toEqual(['chemical']); // hem only at word start
    expect(spellingVariants('speed')).toEqual(['speed']); // ped only at word start
    expect(spellingVariants('rise')).toEqual(['rise']); // -ise needs a 3-letter stem
    expect(spellingVariants('prize')).toEqual(['prize']);
    expect(spellingVariants('seize')).toEqual(['seize']);
    expect(spellingVariants('NMDA')).toEqual(['NMDA']);
  });

  it('makes simple plurals', () => {
    expect(pluralOf('ketamine')).toBe('ketamines');
    expect(pluralOf('ketamine rush')).toBe('ketamine rushes');
    expect(pluralOf('class')).toBe('classes');
    expect(pluralOf('therapy')).toBe('therapies');
    expect(pluralOf('key bump')).toBe('key bumps');
    expect(pluralOf('day')).toBe('days');
    expect(pluralOf('SSRI')).toBe('SSRIs');
    expect(pluralOf('cystitis')).toBeNull();
    expect(pluralOf('k')).toBeNull();
    expect(pluralOf('c-iii')).toBe('c-iiis');
    expect(pluralOf('schedule 3')).toBeNull();
  });

  it('combines spelling, joined and plural forms by the alias flags', () => {
    expect(new Set(aliasVariants({ text: 'K-hole', joined: true }))).toEqual(
      new Set(['k hole', 'khole', 'k holes', 'kholes']),
    );
    expect(aliasVariants({ text: 'NMDA', caseSensitive: true })).toEqual(['NMDA']);
    expect(aliasVariants({ text: 'SSRI', caseSensitive: true, plural: true })).toEqual(['SSRI', 'SSRIs']);
    expect(aliasVariants({ text: 'crash', plural: false })).toEqual(['crash']);
    expect(new Set(aliasVariants({ text: 'anaesthetic' }))).toEqual(
      new Set(['anaesthetic', 'anesthetic', 'anaesthetics', 'anesthetics']),
    );
    expect(contextWordVariants('Cereal bar')).toEqual(['cereal bar', 'cereal bars']);
  });
});

// ---------------------------------------------------------------------------
// Index
// ---------------------------------------------------------------------------

describe('compileMatcherIndex', () => {
  it('keeps only what matching needs', () => {
    const json = JSON.stringify(INDEX);
    expect(json).not.toContain('long explanation');
    expect(json).not.toContain('Short text');
    expect(json).not.toContain('example.org');
    expect(json).not.toContain('ketamine-cystitis'); // entry ids stay out: entries are numbered
    expect(M.entries[0]).toEqual({ category: 'substances', severity: 'caution' });
    expect(M.entries[1]).toEqual({ category: 'risks', severity: 'danger' });
    expect(M.entries[2]?.severity).toBeUndefined();
  });

  it('exposes alias rules by glossary position, tier 4 included', () => {
    expect(M.aliasRule(0, 1)).toMatchObject({ tier: 4, caseSensitive: true });
    expect(M.aliasRule(4, 1)).toMatchObject({ tier: 2, pageContext: true });
    expect(M.aliasRule(3, 0).context?.length).toBe(SPECIAL_K_CONTEXT.length);
    expect(() => M.aliasRule(0, 3)).toThrow(RangeError);
  });

  it('round-trips through JSON with identical results', () => {
    const copy = loadMatcher(JSON.parse(JSON.stringify(INDEX)) as MatcherIndex);
    const text = [
      'Ketamine-induced cystitis, K\u2013holes and Special K (ketamine) at a rave; NMDA vs nmda.',
      'Devil\u2019s breath, anesthetics, 😀ketamine😀, cafe\u0301 ket bladder, REMS, SSRIs.',
      'Kellogg\u2019s Special K cereal. Horse tranquilizers and xylazine.',
    ].join('\n');
    expect(copy.findAll(text)).toEqual(M.findAll(text));
    const raw = copy.findAll(text);
    expect(filterByContext(raw, text, copy, { pageHasContext: true })).toEqual(
      filterByContext(M.findAll(text), text, M, { pageHasContext: true }),
    );
    expect(copy.findAll(text).length).toBeGreaterThan(10);
  });

  it('rejects an index of another version', () => {
    expect(() => loadMatcher({ ...INDEX, v: 1 } as unknown as MatcherIndex)).toThrow(/version/);
  });
});

// ---------------------------------------------------------------------------
// findAll
// ---------------------------------------------------------------------------

describe('findAll: word boundaries', () => {
  it('never matches inside words', () => {
    for (const text of [
      'market',
      'ticket',
      'basket',
      'jacket',
      'keto',
      'ketones',
      'ketamines2',
      'preketamine',
    ]) {
      expect(found(text), text).toEqual([]);
    }
    expect(found('ketamine_x x_ketamine ketamine9')).toEqual([]);
  });

  it('matches at the start and end of the text and next to punctuation', () => {
    expect(found('ketamine')).toEqual([['ketamine', 'ketamine']]);
    expect(found('Ketamine.')).toEqual([['Ketamine', 'ketamine']]);
    expect(found('(ketamine)')).toEqual([['ketamine', 'ketamine']]);
    expect(found('"ketamine"')).toEqual([['ketamine', 'ketamine']]);
    expect(found('\u201cketamine\u201d,ketamine;ketamine?')).toHaveLength(3);
    expect(found('[ket]')).toEqual([['ket', 'ket']]);
    expect(found('a ket')).toEqual([['ket', 'ket']]);
    const m = M.findAll('use (ketamine).');
    expect(m[0]).toMatchObject({ start: 5, end: 13, tier: 1 });
  });

  it('treats a possessive apostrophe as a boundary', () => {
    expect(found("ketamine's")).toEqual([['ketamine', 'ketamine']]);
    expect(found('ketamine\u2019s')).toEqual([['ketamine', 'ketamine']]);
    expect(found('ketamine\u02bcs')).toEqual([['ketamine', 'ketamine']]);
  });

  it('does not find a bare K or OK (tier 4 is not compiled)', () => {
    expect(found('K OK Vitamin K 5K')).toEqual([]);
  });

  it('keeps offsets right next to surrogate pairs, emoji and combining marks', () => {
    const text = '😀ketamine😀 cafe\u0301 ketamine 👍🏽 \ud835\udc00ketamine';
    const m = M.findAll(text);
    expect(m.map((r) => [r.start, r.end])).toEqual([
      [2, 10],
      [19, 27],
    ]);
    expect(text.slice(19, 27)).toBe('ketamine');
    // A combining mark or an astral letter (𝐀) touching the term is part of the word.
    expect(found('ketamine\u0301')).toEqual([]);
    expect(found('e\u0301ketamine')).toEqual([]);
    expect(found('\ud835\udc00ketamine')).toEqual([]);
    expect(found('ketamine\ud835\udc00')).toEqual([]);
    // Lone surrogates do not break anything.
    expect(found('\ud800ketamine\udc00')).toEqual([['ketamine', 'ketamine']]);
  });

  it('ignores soft hyphens inside a term', () => {
    expect(found('keta\u00admine')).toEqual([['keta\u00admine', 'ketamine']]);
  });

  it('works for non-Latin text around terms', () => {
    expect(found('Кетамин ketamine 氯胺酮ketamine ketamine。')).toEqual([
      ['ketamine', 'ketamine'],
      ['ketamine', 'ketamine'],
    ]);
  });
});

describe('findAll: longest match, separators, case', () => {
  it('prefers the longest alias', () => {
    expect(found('ketamine-induced cystitis is rare')).toEqual([
      ['ketamine-induced cystitis', 'ketamine-cystitis'],
    ]);
    expect(found('ketamine induced\ncystitis')).toEqual([
      ['ketamine induced\ncystitis', 'ketamine-cystitis'],
    ]);
    expect(found('ketamine-induced psychosis')).toEqual([['ketamine', 'ketamine']]);
    expect(found('ketamine-assisted therapies')).toEqual([['ketamine-assisted therapies', 'kap']]);
    expect(found('ket bladder')).toEqual([['ket bladder', 'ket']]);
    const m = loadMatcher(
      compileMatcherIndex([
        entry('k', [{ text: 'K', tier: 1, caseSensitive: true }]),
        entry('special-k', [{ text: 'Special K', tier: 1 }]),
      ]),
    );
    expect(found('Special K and K, OK?', m)).toEqual([
      ['Special K', 'special-k'],
      ['K', 'k'],
    ]);
  });

  it('falls back to a shorter alias when the longer one fails its boundary', () => {
    expect(found('ketamine-induced cystitises')).toEqual([['ketamine', 'ketamine']]);
  });

  it('is non-overlapping, left to right', () => {
    const m = M.findAll('ketamine ketamine-induced cystitis ketamine');
    expect(m.map((r) => [r.start, r.end])).toEqual([
      [0, 8],
      [9, 34],
      [35, 43],
    ]);
  });

  it('treats hyphens, spaces, dashes and no separator alike', () => {
    for (const text of [
      'K-hole',
      'K hole',
      'khole',
      'K\u2013hole', // en dash
      'K\u2014hole', // em dash
      'K\u2010hole', // hyphen
      'K\u2011hole', // non-breaking hyphen
      'K\u2212hole', // minus
      'K\u00a0hole', // NBSP
      'K -\nhole',
      'k-HOLE',
      'K-holes',
      'Kholes',
    ]) {
      expect(found(`a ${text}.`), JSON.stringify(text)).toEqual([[text, 'k-hole']]);
    }
    expect(found('K_hole Khol')).toEqual([]);
  });

  it('unifies apostrophes', () => {
    for (const q of ["'", '\u2019', '\u2018', '\u02bc']) {
      expect(found(`Devil${q}s breath`), q).toEqual([[`Devil${q}s breath`, 'devils-breath']]);
    }
    expect(found('Devils breath')).toEqual([]);
  });

  it('is case-insensitive for words and exact for case-sensitive aliases', () => {
    expect(found('KETAMINE Ketamine kEtAmInE').map(([t]) => t)).toEqual(['KETAMINE', 'Ketamine', 'kEtAmInE']);
    expect(found('NMDA nmda Nmda')).toEqual([['NMDA', 'nmda']]);
    expect(found('NMDA receptors')).toEqual([['NMDA', 'nmda']]); // no plural for acronyms by default
    expect(found('NMDA-receptor')).toEqual([['NMDA-receptor', 'nmda']]);
    expect(found('nmda receptor')).toEqual([]);
    expect(found('SSRIs and SSRI; ssris')).toEqual([
      ['SSRIs', 'ssri'],
      ['SSRI', 'ssri'],
    ]);
    expect(found('REMS rems Rems')).toEqual([['REMS', 'rems']]);
    expect(found('KÉTAMINE Kétamine kétamines').map(([, id]) => id)).toEqual([
      'ketamine-fr',
      'ketamine-fr',
      'ketamine-fr',
    ]);
  });

  it('matches plurals unless plural is false', () => {
    expect(found('ketamines, tolerances, emergence reactions, ketamine rushes').map(([t]) => t)).toEqual([
      'ketamines',
      'tolerances',
      'emergence reactions',
      'ketamine rushes',
    ]);
    expect(found('crash crashes')).toEqual([['crash', 'crash']]);
  });

  it('matches both spellings', () => {
    expect(found('anaesthetic anesthetic Anesthetics anaesthetics').map(([, id]) => id)).toEqual([
      'anaesthetic',
      'anaesthetic',
      'anaesthetic',
      'anaesthetic',
    ]);
    expect(found('depersonalization').map(([, id]) => id)).toEqual(['depersonalisation']);
    expect(found('horse tranquillisers').map(([, id]) => id)).toEqual(['horse-tranquilizer']);
  });

  it('handles empty and term-free text', () => {
    expect(M.findAll('')).toEqual([]);
    expect(M.findAll('   \n\t ')).toEqual([]);
    expect(M.findAll('The market opened at nine; tickets sold out.')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Context tiers
// ---------------------------------------------------------------------------

const filler = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('guard phrases (alias.notIn)', () => {
  const guarded = [
    entry('ketamine', [{ text: 'ketamine', tier: 1 }]),
    entry('depression', [
      { text: 'depression', tier: 2, notIn: ['hemodynamic depression', 'CNS depression'] },
      { text: 'major depression', tier: 2 },
    ]),
    entry('respiratory-depression', [{ text: 'respiratory depression', tier: 2 }]),
    entry('pcp', [
      {
        text: 'PCP',
        tier: 2,
        caseSensitive: true,
        notIn: ['your PCP', 'PCP or psychiatrist', 'respiratory depression'],
      },
    ]),
  ];
  const g = loadMatcher(compileMatcherIndex(guarded));

  it('never marks an alias inside a phrase that gives it another sense', () => {
    expect(marked('Ketamine can cause hemodynamic depression and CNS depression.', g)).toEqual(['Ketamine']);
    expect(marked('Ketamine. Ask your PCP. Tell Your pcp. PCP or psychiatrist?', g)).toEqual(['Ketamine']);
  });

  it('still marks the alias elsewhere, and longer aliases of any entry', () => {
    expect(marked('Ketamine helped her depression; PCP is a different drug.', g)).toEqual([
      'Ketamine',
      'depression',
      'PCP',
    ]);
    expect(marked('Ketamine and major depression; hemodynamic collapse.', g)).toEqual([
      'Ketamine',
      'major depression',
    ]);
  });

  it('loses a tie with a real alias of the same form (another entry keeps its mark)', () => {
    expect(found('respiratory depression', g)).toEqual([
      ['respiratory depression', 'respiratory-depression'],
    ]);
    expect(marked('Ketamine and respiratory depression.', g)).toEqual(['Ketamine', 'respiratory depression']);
  });

  it('keeps rule lookups of the real aliases where they were', () => {
    expect(g.aliasRule(1, 1).tier).toBe(2);
    expect(g.aliasRule(1, 2).tier).toBe(4);
  });
});

describe('context tiers', () => {
  it('keeps tier 1 always', () => {
    const text = 'Ketamine is an anaesthetic.';
    const raw = M.findAll(text);
    expect(filterByContext(raw, text, M, { pageHasContext: false })).toHaveLength(2);
  });

  it('keeps tier 2 only with page context', () => {
    const text = 'Drug tolerance builds up. REMS rules apply. Class B.';
    const raw = M.findAll(text);
    expect(raw.map((r) => r.tier)).toEqual([2, 2, 2]);
    expect(hasPageContext(raw, M)).toBe(false);
    expect(filterByContext(raw, text, M, { pageHasContext: false })).toEqual([]);
    expect(filterByContext(raw, text, M, { pageHasContext: true })).toHaveLength(3);
    expect(marked(`${text} Ketamine too.`)).toEqual(['tolerance', 'REMS', 'Class B', 'Ketamine']);
  });

  it('lets negative words block tier 2', () => {
    expect(marked('Ketamine causes dissociation.')).toEqual(['Ketamine', 'dissociation']);
    expect(marked('Ketamine aside, acid dissociation constants in chemistry.')).toEqual(['Ketamine']);
    expect(marked(`Ketamine. ${filler(45)} acid dissociation constants.`)).toEqual(['Ketamine']);
    expect(marked(`Ketamine. dissociation ${filler(45)} chemistry.`)).toEqual(['Ketamine', 'dissociation']);
  });

  it(`counts a word as nearby when it starts within ${CONTEXT_WINDOW_CHARS} characters of the match`, () => {
    // "chemistry" starts `gap` characters after "dissociation" ends.
    const at = (gap: number) => marked(`Ketamine. dissociation${' '.repeat(gap)}chemistry.`);
    expect(at(CONTEXT_WINDOW_CHARS - 1)).toEqual(['Ketamine']);
    expect(at(CONTEXT_WINDOW_CHARS)).toEqual(['Ketamine', 'dissociation']);
    // And before it: the window reaches as far back.
    const back = (gap: number) => marked(`Ketamine. chemistry${' '.repeat(gap)}dissociation.`);
    expect(back(CONTEXT_WINDOW_CHARS - 'chemistry'.length)).toEqual(['Ketamine']);
    expect(back(CONTEXT_WINDOW_CHARS - 'chemistry'.length + 1)).toEqual(['Ketamine', 'dissociation']);
  });

  it('counts tier-1 and pageContext aliases as page context', () => {
    expect(hasPageContext(M.findAll('ketamine'), M)).toBe(true);
    expect(hasPageContext(M.findAll('my ket bladder hurts'), M)).toBe(true);
    expect(hasPageContext(M.findAll('Special K and ket'), M)).toBe(false);
    expect(hasPageContext([], M)).toBe(false);
    // A slang-only page: "ket bladder" supplies the context for tier 3 "ket".
    expect(marked('Snorting ket every day gave me ket bladder.')).toEqual(['ket', 'ket bladder']);
  });

  it('needs page context, a context word nearby and no negative word for tier 3', () => {
    const text = 'At the rave someone offered Special K to snort.';
    const raw = M.findAll(text);
    expect(filterByContext(raw, text, M, { pageHasContext: false })).toEqual([]);
    expect(
      filterByContext(raw, text, M, { pageHasContext: true }).map((r) => text.slice(r.start, r.end)),
    ).toEqual(['Special K']);
    // Page context without any context word nearby.
    const far = `Ketamine. ${filler(50)} Special K is popular.`;
    expect(marked(far)).toEqual(['Ketamine']);
    const near = `Ketamine. ${filler(50)} Special K is a club name for it.`;
    expect(marked(near)).toEqual(['Ketamine', 'Special K']);
  });

  it('does not mark Special K next to cereal or Kellogg’s, but does next to ketamine and snorting', () => {
    expect(marked('Ketamine news. Kellogg\u2019s Special K is a breakfast favourite.')).toEqual(['Ketamine']);
    expect(marked('Ketamine news. Special K cereal with milk.')).toEqual(['Ketamine']);
    expect(marked('Ketamine news. Try Special K cereal bars.')).toEqual(['Ketamine']);
    expect(marked('Special K: people snort ketamine, they call it Special K.')).toEqual([
      'Special K',
      'ketamine',
      'Special K',
    ]);
    expect(marked('SPECIAL K, ketamine, snorts')).toEqual(['SPECIAL K', 'ketamine']);
  });

  it('does not let "bar" alone block: a drink spiked at a bar still shows the entry', () => {
    expect(marked('My drink was spiked at a bar with Special K, a street name for ketamine.')).toEqual([
      'Special K',
      'ketamine',
    ]);
  });

  it('matches context words whole-word, case-insensitively, with plurals', () => {
    // "snorts" is a plural of "snort"; "KETAMINE" matches case-insensitively; "bumpy" is not "bump".
    expect(marked('Ketamine. Then ket, which he snorts.')).toEqual(['Ketamine', 'ket']);
    expect(marked('KETAMINE page. Grab the ket.')).toEqual(['KETAMINE', 'ket']);
    const text = 'Special K on a bumpy road. ket';
    expect(filterByContext(M.findAll(text), text, M, { pageHasContext: true })).toEqual([]);
  });

  it('does not let the match itself be its own context word', () => {
    const m = loadMatcher(
      compileMatcherIndex([entry('k-hole', [{ text: 'K-hole', tier: 3, context: ['K-hole', 'hole'] }])]),
    );
    const text = 'a K-hole';
    expect(filterByContext(m.findAll(text), text, m, { pageHasContext: true })).toEqual([]);
    const two = 'a K-hole, another K-hole';
    expect(filterByContext(m.findAll(two), two, m, { pageHasContext: true })).toHaveLength(2);
  });

  it('lets negative words redirect horse tranquilizer (xylazine)', () => {
    expect(marked('Ketamine is sometimes called a horse tranquilizer.')).toEqual([
      'Ketamine',
      'horse tranquilizer',
    ]);
    expect(marked('Ketamine is not xylazine, the horse tranquilizer in fentanyl.')).toEqual(['Ketamine']);
  });

  it('needs a nearby tier-1 match for a tier-3 alias without context words', () => {
    expect(marked('Ketamine, a.k.a. Cat Valium.')).toEqual(['Ketamine', 'Cat Valium']);
    expect(marked(`Ketamine. ${filler(50)} Cat Valium.`)).toEqual(['Ketamine']);
  });

  it('never keeps tier 4', () => {
    const fake: RawMatch[] = [{ start: 0, end: 1, entry: 0, alias: 1, tier: 4 }];
    expect(filterByContext(fake, 'K', M, { pageHasContext: true })).toEqual([]);
  });

  it('works on unsorted input', () => {
    const text = 'Special K with a snort. Lots of filler here. Special K cereal.';
    const raw = M.findAll(text);
    const kept = filterByContext(raw.slice().reverse(), text, M, { pageHasContext: true });
    expect(kept.map((r) => r.start)).toEqual([]); // cereal is within 250 characters of both
    const spaced = `Special K with a snort. ${filler(60)} Special K cereal.`;
    const raw2 = M.findAll(spaced);
    expect(filterByContext(raw2.slice().reverse(), spaced, M, { pageHasContext: true })).toEqual([raw2[0]]);
    expect(filterByContext(raw2, spaced, M, { pageHasContext: true })).toEqual([raw2[0]]);
  });
});

// ---------------------------------------------------------------------------
// Differential check against a naive reference matcher
// ---------------------------------------------------------------------------

/** Tries every variant form of every alias at every word start: slow, obviously right. */
function referenceFindAll(entries: GlossaryEntry[], text: string): [number, number, number, number][] {
  const forms: { form: string; cs: boolean; entry: number; alias: number }[] = [];
  for (const [entry, e] of entries.entries()) {
    for (const [alias, a] of e.aliases.entries()) {
      if (a.tier === 4) continue;
      for (const form of aliasVariants(a)) forms.push({ form, cs: a.caseSensitive === true, entry, alias });
    }
  }
  const isWordAt = (i: number): boolean => {
    const cp = text.codePointAt(i);
    if (cp === undefined || cp === 0x2bc) return false;
    if (cp >= 0xdc00 && cp <= 0xdfff) return false; // lone low surrogate
    return /[\p{L}\p{N}\p{M}_]/u.test(String.fromCodePoint(cp));
  };
  const shy = (i: number) => text.charCodeAt(i) === 0xad;
  const wordBefore = (i: number): boolean => {
    let j = i - 1;
    while (j >= 0 && shy(j)) j--;
    if (j < 0) return false;
    const c = text.charCodeAt(j);
    if (c >= 0xdc00 && c <= 0xdfff && j > 0) {
      const h = text.charCodeAt(j - 1);
      if (h >= 0xd800 && h <= 0xdbff) return isWordAt(j - 1);
    }
    return isWordAt(j);
  };
  const wordAfter = (i: number): boolean => {
    let j = i;
    while (j < text.length && shy(j)) j++;
    return j < text.length && isWordAt(j);
  };
  const fold = (c: string): string => {
    const l = c.toLowerCase();
    return l.length === 1 ? l : c;
  };
  const matchAt = (form: string, cs: boolean, i: number): number => {
    let j = i;
    for (let p = 0; p < form.length; p++) {
      if (p > 0) while (shy(j)) j++;
      const f = form[p] as string;
      if (f === ' ') {
        if (j >= text.length || !isSeparatorCode(text.charCodeAt(j))) return -1;
        while (j < text.length && (isSeparatorCode(text.charCodeAt(j)) || shy(j))) j++;
        continue;
      }
      if (j >= text.length) return -1;
      let c = text[j] as string;
      if (isApostropheCode(c.charCodeAt(0))) c = "'";
      if ((cs ? c : fold(c)) !== (cs ? f : fold(f))) return -1;
      j++;
    }
    return j;
  };
  const out: [number, number, number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const lowHalf =
      c >= 0xdc00 &&
      c <= 0xdfff &&
      i > 0 &&
      text.charCodeAt(i - 1) >= 0xd800 &&
      text.charCodeAt(i - 1) <= 0xdbff;
    if (!shy(i) && !lowHalf && !wordBefore(i)) {
      let best: [number, number, number, number] | undefined;
      for (const f of forms) {
        const end = matchAt(f.form, f.cs, i);
        if (end > i && !wordAfter(end) && (best === undefined || end > best[1]))
          best = [i, end, f.entry, f.alias];
      }
      if (best) {
        out.push(best);
        i = best[1];
        continue;
      }
    }
    i++;
  }
  return out;
}

describe('findAll agrees with a naive reference', () => {
  const PIECES = [
    'ketamine',
    'Ketamine',
    'KETAMINE',
    'ket',
    'Ket',
    'K',
    'k',
    'hole',
    'holes',
    'Special',
    'special',
    'NMDA',
    'nmda',
    'receptor',
    'induced',
    'cystitis',
    'anaesthetic',
    'anesthetics',
    'Devil',
    "'s",
    '\u2019s',
    'breath',
    'SSRI',
    's',
    'es',
    'bladder',
    'REMS',
    'Rems',
    'Class',
    'B',
    'tranquilliser',
    'horse',
    'rush',
    'rushes',
    'assisted',
    'therapy',
    'therapies',
    'emergence',
    'reaction',
    'crash',
    'crashes',
    'tolerance',
    'dissociation',
    'Cat',
    'Valium',
    'kétamine',
    'KÉTAMINE',
    'Kétamines',
    'ÉTHER',
    'market',
    'ticket',
    'keto',
    'OK',
    'x',
    '_',
    '9',
    'é',
    'ʼ',
    ' ',
    ' ',
    ' ',
    '  ',
    '-',
    '\u2013',
    '\u00a0',
    '\n',
    '.',
    ',',
    '(',
    ')',
    '"',
    '😀',
    '\ud835\udc00',
    '\u0301',
    '\u00ad',
  ];
  it('on random texts built from term fragments, separators and awkward characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const got = M.findAll(text).map((r) => [r.start, r.end, r.entry, r.alias]);
        expect(got).toEqual(referenceFindAll(ENTRIES, text));
      }),
      { numRuns: 400 },
    );
  });
});

describe('index edge cases', () => {
  it('keeps several case-sensitive and insensitive aliases on one form apart', () => {
    const m = loadMatcher(
      compileMatcherIndex([
        entry('rems-program', [{ text: 'REMS', tier: 1, caseSensitive: true }]),
        entry('rems-other', [{ text: 'Rems', tier: 1, caseSensitive: true }]),
        entry('rems-any', [{ text: 'rems', tier: 1, plural: false }]),
      ]),
    );
    expect(found('REMS Rems rems rEMS', m)).toEqual([
      ['REMS', 'rems-program'],
      ['Rems', 'rems-other'],
      ['rems', 'rems-any'],
      ['rEMS', 'rems-any'],
    ]);
  });

  it('keeps many context words that share one written form', () => {
    const m = loadMatcher(
      compileMatcherIndex([
        entry('anchor', [{ text: 'ketamine', tier: 1 }]),
        entry('a', [{ text: 'alpha', tier: 3, context: ['class'] }]),
        entry('b', [{ text: 'beta', tier: 3, context: ['classes'] }]),
        entry('c', [{ text: 'gamma', tier: 3, context: ['classe'] }]),
        entry('d', [{ text: 'delta', tier: 3, context: ['Classes'] }]),
      ]),
    );
    const text = 'ketamine: alpha beta gamma delta in classes';
    expect(marked(text, m)).toEqual(['ketamine', 'alpha', 'beta', 'gamma', 'delta']);
    const none = 'ketamine: alpha beta gamma delta';
    expect(marked(none, m)).toEqual(['ketamine']);
  });

  it('handles one- and two-letter aliases and separators right after the first letters', () => {
    const m = loadMatcher(
      compileMatcherIndex([
        entry('k', [{ text: 'K', tier: 1, caseSensitive: true }]),
        entry('iv', [{ text: 'IV', tier: 1, caseSensitive: true }]),
        entry('iv-ketamine', [{ text: 'IV ketamine', tier: 1, caseSensitive: true }]),
        entry('k-land', [{ text: 'K-land', tier: 1 }]),
        entry('ab-cd', [{ text: 'ab cd', tier: 1 }]),
      ]),
    );
    expect(found('K. IV, IV  ketamine, K - land, k\u2014land, ab\u00a0\u00a0cd, abcd, kland', m)).toEqual([
      ['K', 'k'],
      ['IV', 'iv'],
      ['IV  ketamine', 'iv-ketamine'],
      ['K - land', 'k-land'],
      ['k\u2014land', 'k-land'],
      ['ab\u00a0\u00a0cd', 'ab-cd'],
    ]);
  });

  it('survives an empty glossary', () => {
    const m = loadMatcher(compileMatcherIndex([]));
    expect(m.findAll('ketamine')).toEqual([]);
    expect(filterByContext([], 'x', m, { pageHasContext: true })).toEqual([]);
  });
});
