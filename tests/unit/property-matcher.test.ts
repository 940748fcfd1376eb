// Property-based tests of the term matcher against the real glossary: for
// arbitrary text (aliases, their written variants, random words, emoji and
// other surrogate pairs, combining marks, RTL scripts, very long words, NBSP
// and dashes) findAll never throws and its matches obey the contract the page
// engine relies on (lib/dom/lens.ts turns them into StaticRanges).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alias, GlossaryEntry } from '../../lib/glossary/types';
import {
  aliasVariants,
  compileMatcherIndex,
  filterByContext,
  hasPageContext,
  loadMatcher,
  type Matcher,
  type MatcherIndex,
  normalizeForm,
  type RawMatch,
} from '../../lib/matcher';
import { wordAfter, wordBefore } from '../../lib/matcher/char-classes';
import { entryIds, readGlossaryFiles } from '../../modules/matcher-index';

// The same entries, in the same order, as the index inlined into the content script.
const GLOSSARY: GlossaryEntry[] = readGlossaryFiles();
const INDEX: MatcherIndex = compileMatcherIndex(GLOSSARY);
const MATCHER: Matcher = loadMatcher(INDEX);

const ALL_ALIASES: Alias[] = GLOSSARY.flatMap((e) => e.aliases);
const MARKABLE: Alias[] = ALL_ALIASES.filter((a) => a.tier !== 4);
const CONTEXT_WORDS: string[] = [
  ...new Set(ALL_ALIASES.flatMap((a) => [...(a.context ?? []), ...(a.negative ?? [])])),
];

const NUM_RUNS = 200;

// ---------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------

/** Separators the matcher must treat as one: spaces, NBSP, narrow NBSP, hyphen, dashes, minus, newline. */
const SEPARATORS = [
  ' ',
  '  ',
  '\u00a0',
  '\u202f',
  '-',
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  '\u2212',
  '\n',
  ' - ',
];
const APOSTROPHES = ["'", '\u2019', '\u2018', '\u02bc'];

/** True about one time in eight. */
const rarely = fc.integer({ min: 0, max: 7 }).map((n) => n === 0);

const isAsciiLetter = (ch: string) => /^[A-Za-z]$/.test(ch);

/**
 * A written form of an alias that the matcher should accept: random case of
 * ASCII letters (case-insensitive aliases only), any separator for a space or
 * hyphen, any apostrophe for an apostrophe, and soft hyphens inside words.
 */
const writtenAlias: fc.Arbitrary<{ alias: Alias; text: string }> = fc
  .constantFrom(...MARKABLE)
  .chain((alias) =>
    fc
      .array(
        fc.tuple(fc.boolean(), fc.constantFrom(...SEPARATORS), fc.constantFrom(...APOSTROPHES), rarely),
        {
          minLength: alias.text.length,
          maxLength: alias.text.length,
        },
      )
      .map((choices) => {
        let out = '';
        const chars = [...alias.text];
        chars.forEach((ch, i) => {
          const [upper, sep, apos, shy] = choices[i] ?? [false, ' ', "'", false];
          if (ch === ' ' || ch === '-') out += sep;
          else if (APOSTROPHES.includes(ch)) out += apos;
          else if (alias.caseSensitive !== true && isAsciiLetter(ch))
            out += upper ? ch.toUpperCase() : ch.toLowerCase();
          else out += ch;
          // A soft hyphen between two letters (news sites hyphenate long words).
          const next = chars[i + 1];
          if (shy && next !== undefined && isAsciiLetter(ch) && isAsciiLetter(next)) out += '\u00ad';
        });
        return { alias, text: out };
      }),
  );

const randomWord = fc.stringMatching(/^[a-zA-Z]{1,12}$/);

/** Pieces that stress boundaries and code-unit handling. */
const EXOTIC = [
  '😀', // surrogate pair, not a word character
  '👩\u200d👩\u200d👧', // ZWJ sequence
  '𝐊𝐞𝐭𝐚𝐦𝐢𝐧𝐞', // mathematical bold letters: astral word characters
  '𐐷', // Deseret letter (astral, has case)
  '\ud83d', // lone high surrogate
  '\ude00', // lone low surrogate
  '\u0301', // combining acute
  'e\u0301', // decomposed é
  'ke\u0301tamine',
  '\u0308',
  'קטמין', // Hebrew
  'ketamine\u05d0', // Latin followed by a Hebrew letter (word character: no boundary)
  'كيتامين', // Arabic
  '\u200f', // RLM
  '\u200e', // LRM
  '\u202e', // RLO
  '\u2066', // LRI
  '\u200b', // zero-width space
  '\u200d', // ZWJ
  '\ufeff', // BOM / ZWNBSP (a separator for the matcher)
  '\u00ad', // soft hyphen
  '\u00a0',
  '\u2011',
  '\u2014',
  '\u2212',
  'İ', // upper-case dotted I: toLowerCase changes the length
  'ß',
  'ǅ', // title-case digraph
  '\u0130stanbul',
  'K',
  'k',
  '_',
  '0',
  "'",
  '\u2019',
  '"',
  '(',
  ')',
  '.',
  ',',
  '/',
  '\t',
  '\r\n',
  '<b>',
  '&amp;',
];

const longWord = fc.oneof(
  fc.integer({ min: 1000, max: 20_000 }).map((n) => 'k'.repeat(n)),
  fc.integer({ min: 50, max: 500 }).map((n) => 'ketamine'.repeat(n)),
  fc.integer({ min: 50, max: 500 }).map((n) => 'ketamine '.repeat(n)),
  fc.integer({ min: 100, max: 2000 }).map((n) => '-'.repeat(n)),
  fc.integer({ min: 100, max: 2000 }).map((n) => '\u00ad'.repeat(n)),
);

const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: writtenAlias.map((w) => w.text) },
  { weight: 2, arbitrary: fc.constantFrom(...ALL_ALIASES.map((a) => a.text)) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTEXT_WORDS) },
  { weight: 4, arbitrary: randomWord },
  { weight: 4, arbitrary: fc.constantFrom(...EXOTIC) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 6 }) },
);

const glue = fc.constantFrom(
  '',
  ' ',
  ' ',
  ' ',
  '\u00a0',
  '-',
  '\u2014',
  ', ',
  '. ',
  '\n',
  '\u200b',
  '\u00ad',
  "'s ",
  '😀',
);

/** Text built from pieces and glue (glue '' puts two pieces in one word). */
const text: fc.Arbitrary<string> = fc
  .array(fc.tuple(piece, glue), { maxLength: 40 })
  .map((parts) => parts.map(([p, g]) => p + g).join(''));

const textWithLong: fc.Arbitrary<string> = fc
  .tuple(text, longWord, text)
  .map(([a, b, c]) => `${a} ${b} ${c}`);

// ---------------------------------------------------------------------------
// Oracle helpers
// ---------------------------------------------------------------------------

function aliasOf(m: RawMatch): Alias {
  const entry = GLOSSARY[m.entry];
  if (!entry) throw new Error(`match names entry ${m.entry}, the glossary has ${GLOSSARY.length}`);
  const alias = entry.aliases[m.alias];
  if (!alias)
    throw new Error(`match names alias ${m.alias} of ${entry.id}, which has ${entry.aliases.length}`);
  return alias;
}

const variantCache = new Map<Alias, Set<string>>();
function variantsOf(alias: Alias): Set<string> {
  let v = variantCache.get(alias);
  if (!v) {
    v = new Set(aliasVariants(alias));
    variantCache.set(alias, v);
  }
  return v;
}

/** Checks every documented property of findAll's output for `t`; throws with a readable message. */
function checkMatches(t: string, matches: RawMatch[]): void {
  let prevEnd = 0;
  for (const [i, m] of matches.entries()) {
    const where = `match ${i} [${m.start}, ${m.end}) in ${JSON.stringify(t.length > 300 ? `${t.slice(0, 300)}…` : t)}`;
    expect(Number.isInteger(m.start) && Number.isInteger(m.end), where).toBe(true);
    expect(m.start, `${where}: start within bounds`).toBeGreaterThanOrEqual(0);
    expect(m.end, `${where}: non-empty`).toBeGreaterThan(m.start);
    expect(m.end, `${where}: end within bounds`).toBeLessThanOrEqual(t.length);
    expect(m.start, `${where}: sorted and non-overlapping`).toBeGreaterThanOrEqual(prevEnd);
    prevEnd = m.end;

    const alias = aliasOf(m);
    expect(m.tier, `${where}: tier is the alias's tier`).toBe(alias.tier);
    expect(m.tier, `${where}: tier-4 aliases are never matched`).not.toBe(4);

    const sub = t.slice(m.start, m.end);
    const form = normalizeForm(sub, alias.caseSensitive === true);
    expect(
      variantsOf(alias).has(form),
      `${where}: ${JSON.stringify(sub)} normalises to ${JSON.stringify(form)}, not a variant of alias ${JSON.stringify(alias.text)} of ${GLOSSARY[m.entry]?.id}`,
    ).toBe(true);

    // Whole words only: no word character (ignoring soft hyphens) touches the match.
    expect(wordBefore(t, m.start), `${where}: word character before the match`).toBe(false);
    expect(wordAfter(t, m.end), `${where}: word character after the match`).toBe(false);
    // Never split a surrogate pair.
    const first = t.charCodeAt(m.start);
    const last = t.charCodeAt(m.end - 1);
    expect(first >= 0xdc00 && first <= 0xdfff, `${where}: starts on a low surrogate`).toBe(false);
    expect(last >= 0xd800 && last <= 0xdbff, `${where}: ends on a high surrogate`).toBe(false);
  }
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

describe('matcher properties (real glossary)', () => {
  it('findAll never throws; matches are in bounds, sorted, non-overlapping, whole-word variants of the matched alias', () => {
    fc.assert(
      fc.property(text, (t) => {
        checkMatches(t, MATCHER.findAll(t));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('holds on texts with very long words and long runs of separators or soft hyphens', () => {
    fc.assert(
      fc.property(textWithLong, (t) => {
        checkMatches(t, MATCHER.findAll(t));
      }),
      { numRuns: 60 },
    );
  });

  it('finds in pieces what it finds at once (a huge run is matched piece by piece, lens.ts)', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (t, size) => {
        const pieces: RawMatch[] = [];
        // As Lens#processRun: each piece starts at its end, or at the end of a match across it.
        for (let from = 0; from < t.length; ) {
          const to = Math.min(t.length, from + size);
          const found = MATCHER.findAll(t, from, to);
          pieces.push(...found);
          const last = found[found.length - 1];
          from = last && last.end > to ? last.end : to;
        }
        expect(pieces).toEqual(MATCHER.findAll(t));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('is deterministic: same result twice, after other texts, and from a JSON round trip of the index', () => {
    const reloaded = loadMatcher(JSON.parse(JSON.stringify(INDEX)) as MatcherIndex);
    fc.assert(
      fc.property(text, text, (t, other) => {
        const first = MATCHER.findAll(t);
        MATCHER.findAll(other); // the trie keeps per-walk state: it must not leak
        expect(MATCHER.findAll(t)).toEqual(first);
        expect(reloaded.findAll(t)).toEqual(first);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('finds every markable alias, written in any accepted way, as one whole match', () => {
    fc.assert(
      fc.property(
        writtenAlias,
        fc.constantFrom(' ', '\n', '(', '"', '. ', '\u00a0'),
        ({ alias, text: written }, edge) => {
          const t = `x${edge}${written}${edge === '(' ? ')' : edge}x`;
          const start = 1 + edge.length;
          const end = start + written.length;
          const matches = MATCHER.findAll(t);
          checkMatches(t, matches);
          // The written alias is found whole (possibly as another entry's identical
          // case-sensitive form, which wins at the same trie node).
          expect(
            matches.some((m) => m.start === start && m.end === end),
            `${JSON.stringify(alias.text)} written as ${JSON.stringify(written)} was not matched whole: ${JSON.stringify(matches)}`,
          ).toBe(true);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('never matches inside a word: a word character glued to either side blocks the alias', () => {
    const glued = fc.constantFrom('a', 'Z', '9', '_', 'é', 'e\u0301'.slice(1), 'ש', 'ب', '𝐊', 'ǅ');
    fc.assert(
      fc.property(writtenAlias, glued, fc.boolean(), ({ text: written }, g, before) => {
        const t = before ? `${g}${written}` : `${written}${g}`;
        const matches = MATCHER.findAll(t);
        checkMatches(t, matches);
        // No match may cover the glued edge's neighbour as its own boundary.
        if (before) expect(matches.some((m) => m.start === g.length)).toBe(false);
        else expect(matches.some((m) => m.end === written.length)).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('context filtering and scanContextWords never throw and stay within their input', () => {
    const seen = new Set<boolean>();
    fc.assert(
      fc.property(text, fc.boolean(), (t, pageHasContext) => {
        const raw = MATCHER.findAll(t);
        // Reference read from the glossary itself, not the compiled alias rules:
        // a page has context when one of its matches is a tier-1 or pageContext alias.
        const expected = raw.some((m) => {
          const alias = aliasOf(m);
          return alias.tier === 1 || alias.pageContext === true;
        });
        const ctx = hasPageContext(raw, MATCHER);
        expect(ctx, `page context of ${JSON.stringify(t)}: ${JSON.stringify(raw)}`).toBe(expected);
        seen.add(ctx);
        const kept = filterByContext(raw, t, MATCHER, { pageHasContext });
        for (const m of kept) expect(raw).toContain(m);
        for (const m of kept) expect(m.tier).not.toBe(4);
        if (!pageHasContext) for (const m of kept) expect(m.tier).toBe(1);
        // Unsorted input is documented to work too.
        const reversed = filterByContext(raw.slice().reverse(), t, MATCHER, { pageHasContext });
        expect(new Set(reversed)).toEqual(new Set(kept));

        const from = Math.floor(t.length / 3);
        const to = t.length;
        MATCHER.scanContextWords(t, from, to, (s, e, id) => {
          expect(s).toBeGreaterThanOrEqual(from);
          expect(s).toBeLessThan(to);
          expect(e).toBeGreaterThan(s);
          expect(e).toBeLessThanOrEqual(t.length);
          expect(Number.isInteger(id) && id >= 0).toBe(true);
        });
      }),
      { numRuns: NUM_RUNS },
    );
    // The generated texts must exercise both answers, or the comparison above proves little.
    expect([...seen].sort()).toEqual([false, true]);
  });
});

describe('entry numbers', () => {
  it('name the same glossary entries in the index and in the id list the popover runtime uses', () => {
    const ids = entryIds(GLOSSARY);
    expect(ids).toHaveLength(INDEX.entries.length);
    const text = 'Spravato, ketamine bladder and a K-hole.';
    expect(MATCHER.findAll(text).map((m) => ids[m.entry])).toEqual([
      'esketamine',
      'ketamine-bladder',
      'k-hole',
    ]);
  });
});
