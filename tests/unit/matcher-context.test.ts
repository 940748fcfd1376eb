// Which raw matches are kept: guard phrases (alias.notIn) and the context tiers.
import { describe, expect, it } from 'vitest';
import { CONTEXT_WINDOW_CHARS, filterByContext, hasPageContext, type RawMatch } from '../../lib/matcher';
import { compileMatcherIndex, entry, found, loadMatcher, M, marked } from '../support/matcher-fixtures';

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
