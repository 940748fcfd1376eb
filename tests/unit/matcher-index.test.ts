// The matcher's build half: the written forms of each alias (variants) and
// what the compiled index keeps, with its edge cases.
import { describe, expect, it } from 'vitest';
import {
  aliasVariants,
  contextWordVariants,
  filterByContext,
  type MatcherIndex,
  normalizeForm,
  pluralOf,
  spellingVariants,
} from '../../lib/matcher';
import {
  compileMatcherIndex,
  entry,
  found,
  INDEX,
  loadMatcher,
  M,
  marked,
  SPECIAL_K_CONTEXT,
} from '../support/matcher-fixtures';

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
