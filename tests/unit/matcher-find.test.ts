// findAll: word boundaries, the longest match, separators and case.
import { describe, expect, it } from 'vitest';
import { compileMatcherIndex, entry, found, loadMatcher, M } from '../support/matcher-fixtures';

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
