// The context precheck (lib/matcher/precheck.ts) may say "could" too often but
// must never say "cannot" where the matcher finds a context-giving match:
// then a page would silently get no marks at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GlossaryEntry } from '../../lib/glossary/types';
import {
  aliasVariants,
  compileMatcherIndex,
  isSeparatorCode,
  loadMatcher,
  type RawMatch,
} from '../../lib/matcher';
import { buildPrecheck, precheckKeys, precheckSource } from '../../lib/matcher/precheck';
import { readGlossaryFiles } from '../../modules/matcher-index';

const GLOSSARY: GlossaryEntry[] = readGlossaryFiles();
const matcher = loadMatcher(compileMatcherIndex(GLOSSARY));

const givesContext = (m: RawMatch) => m.tier === 1 || matcher.aliasRule(m.entry, m.alias).pageContext;
const findsContext = (text: string) => matcher.findAll(text).some(givesContext);

const contextAliases = GLOSSARY.flatMap((e) =>
  e.aliases.filter((a) => a.tier === 1 || a.pageContext).map((a) => ({ entry: e.id, alias: a })),
);

/** Ways a page may write a form: the matcher treats all of them alike. */
const RENDERINGS: [string, (s: string) => string][] = [
  ['as written', (s) => s],
  ['in capitals', (s) => s.toUpperCase()],
  ['with en dashes', (s) => s.replace(/[ -]/g, '\u2013')],
  ['with no-break spaces', (s) => s.replace(/[ -]/g, '\u00a0')],
  ['with spaced hyphens', (s) => s.replace(/[ -]/g, ' - ')],
  ['with curly apostrophes', (s) => s.replace(/'/g, '\u2019')],
  ['in a sentence', (s) => `Notes on ${s}, as reported.`],
  ['glued to neighbouring blocks', (s) => `Physiotherapy${s}Contact`],
];

describe('context precheck', () => {
  it('has context aliases to check', () => {
    expect(contextAliases.length).toBeGreaterThan(50);
  });

  it('says "could" for every variant of every tier-1 or pageContext alias, however it is written', () => {
    const missed: string[] = [];
    for (const { entry, alias } of contextAliases) {
      for (const form of [alias.text, ...aliasVariants(alias)]) {
        for (const [how, render] of RENDERINGS) {
          const text = render(form);
          // Only renderings the matcher itself accepts are a promise the precheck must keep.
          if (how !== 'glued to neighbouring blocks' && !findsContext(text)) continue;
          if (!matcher.couldGiveContext(text)) missed.push(`${entry}: ${JSON.stringify(text)} (${how})`);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it('says "could" when a soft hyphen sits inside a word (the matcher ignores it)', () => {
    expect(findsContext('keta\u00admine')).toBe(true);
    expect(matcher.couldGiveContext('keta\u00admine')).toBe(true);
  });

  it('says "cannot" for ordinary prose, look-alike words and tier-2/3 words alone', () => {
    for (const text of [
      'The garden was quiet after the rain; we painted the wooden fence and planted seedlings.',
      'market ticket keto OK basket jacket kettle rocket',
      'Depression, anxiety and tolerance were discussed; dissociation is common in trauma.',
      '',
    ]) {
      expect(matcher.couldGiveContext(text), text).toBe(false);
    }
  });

  it('is never "cannot" where the matcher finds a context-giving match (random texts)', () => {
    const vocabulary = [
      ...contextAliases.map(({ alias }) => alias.text),
      'the',
      'garden',
      'Market',
      'depression',
      'K',
      'hole',
      'mixing',
      'bump',
      'of',
      'ket',
      '-',
      '\u2014',
      '\u00ad',
      "'s",
      '\n',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...vocabulary), { maxLength: 12 }),
        fc.array(fc.constantFrom('', ' ', '-', '\u00a0', '.')),
        (words, seps) => {
          const text = words.map((w, i) => w + (seps[i] ?? ' ')).join('');
          if (findsContext(text)) expect(matcher.couldGiveContext(text)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('precheck keys', () => {
  it('keys a form by its first 20 characters', () => {
    const keys = precheckKeys(['k hole', 'national suicide prevention lifeline', 'samhsa national helpline']);
    expect(keys).toEqual(['k hole', 'national suicide pre', 'samhsa national help']);
  });

  it("stores the separator class once; it is exactly the matcher's separators", () => {
    const p = buildPrecheck(['k hole']);
    const sep = new RegExp(`^${p.sep}$`);
    for (let c = 0; c <= 0xffff; c++) {
      if (sep.test(String.fromCharCode(c)) !== isSeparatorCode(c)) throw new Error(`U+${c.toString(16)}`);
    }
    expect(new RegExp(precheckSource(p)).test('k\u2013\u00a0hole')).toBe(true);
  });

  it('drops keys that contain another key', () => {
    expect(precheckKeys(['ketamine', 'esketamine', 'ketamine hcl', 'spravato'])).toEqual([
      'ketamine',
      'spravato',
    ]);
  });

  it('factors the keys by common prefixes and finds exactly what the flat list of keys finds', () => {
    const forms = ['k hole', 'k cramps', 'ketamine', 'ketalar', 'khole', "samhsa's national he", 'spravato'];
    const p = buildPrecheck(forms);
    expect(p.keys).toBe(
      "k(?: (?:cramps|hole)|eta(?:lar|mine)|hole)|s(?:amhsa's national he|pravato)|[\\u00ad]",
    );
    // Against the flat alternation of the same keys, on texts made of their pieces.
    const flat = new RegExp(precheckSource({ ...p, keys: [...precheckKeys(forms), '[\\u00ad]'].join('|') }));
    const fact = new RegExp(precheckSource(p));
    const pieces = [
      'k',
      ' ',
      '-',
      'hole',
      'cramps',
      'eta',
      'mine',
      'lar',
      'samhsa',
      "'",
      '\u2019s',
      'national',
      'he',
      'spravato',
      'x',
      '\u00ad',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 10 }), (parts) => {
        const text = parts.join('');
        expect(fact.test(text), text).toBe(flat.test(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('is shorter than the flat alternation for the real glossary (the factoring took)', () => {
    const forms = contextAliases.flatMap(({ alias }) => [alias.text.toLowerCase()]);
    const p = buildPrecheck(forms);
    expect(p.keys.length).toBeLessThan(precheckKeys(forms).join('|').length);
  });
});
