// findAll checked against a naive reference matcher on generated text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GlossaryEntry } from '../../lib/glossary/types';
import { aliasVariants, isApostropheCode, isSeparatorCode } from '../../lib/matcher';
import { ENTRIES, M } from '../support/matcher-fixtures';

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
