import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../lib/glossary/glossary';
import { CATEGORIES, type GlossaryEntry } from '../../lib/glossary/types';
import { browseByCategory, createSearch, highlightSegments, normalizeKey } from '../../lib/search/search';

function entry(
  id: string,
  term: string,
  aliases: string[],
  extra: Partial<GlossaryEntry> = {},
): GlossaryEntry {
  return {
    id,
    term,
    aliases: aliases.map((text) => ({ text, tier: 1 })),
    category: 'substances',
    short: `${term} in one sentence.`,
    explanation: `${term} explained.`,
    safety: [],
    related: [],
    sources: [],
    reviewed: '2026-01-01',
    ...extra,
  };
}

const FIXTURE: GlossaryEntry[] = [
  entry('ketamine', 'Ketamine', ['ketamine', 'ketamin', 'Ketalar']),
  entry('ketamine-clinic', 'Ketamine clinic', ['ketamine clinic'], { category: 'treatment' }),
  entry('esketamine', 'Esketamine (Spravato)', ['esketamine', 'Spravato'], {
    short: 'A nasal spray form of ketamine.',
  }),
  entry('k-hole', 'K-hole', ['K-hole', 'K-holing'], { category: 'effects' }),
  entry('dissociation', 'Dissociation', ['dissociation', 'dissociative state'], {
    category: 'effects',
    short: 'Feeling cut off from your body.',
  }),
  entry('ketamine-bladder', 'Ketamine bladder', ['ketamine cystitis', 'ket bladder'], { category: 'risks' }),
  entry('bump', 'Bump', ['bump'], { category: 'slang', short: 'A small dose taken by snorting.' }),
];

const ids = (rs: { entry: GlossaryEntry }[]) => rs.map((r) => r.entry.id);

describe('normalizeKey', () => {
  it('ignores case, dashes, spaces, apostrophes and accents', () => {
    expect(normalizeKey('K-hole')).toBe('khole');
    expect(normalizeKey('k hole')).toBe('khole');
    expect(normalizeKey('K‐hole')).toBe('khole'); // U+2010
    expect(normalizeKey('kétamine')).toBe('ketamine');
    expect(normalizeKey('  ')).toBe('');
  });
});

describe('search (fixture)', () => {
  const s = createSearch(FIXTURE);

  it('puts an exact term match first', () => {
    expect(ids(s.search('ketamine'))[0]).toBe('ketamine');
    expect(ids(s.search('KETAMINE'))[0]).toBe('ketamine');
    expect(ids(s.search('Ketamine clinic'))[0]).toBe('ketamine-clinic');
  });

  it('finds exact alias matches first, case/dash/space-insensitively', () => {
    expect(ids(s.search('spravato'))[0]).toBe('esketamine');
    expect(ids(s.search('khole'))[0]).toBe('k-hole');
    expect(ids(s.search('k hole'))[0]).toBe('k-hole');
    expect(ids(s.search('ketalar'))[0]).toBe('ketamine');
  });

  it('reports which text matched, with ranges into it', () => {
    const [hit] = s.search('spravato');
    expect(hit?.field).toBe('alias');
    expect(hit?.matchedText).toBe('Spravato');
    expect(hit?.indices).toEqual([[0, 7]]);
    const [prefix] = s.search('k-ho');
    expect(prefix?.matchedText).toBe('K-hole');
    expect(prefix?.indices).toEqual([[0, 3]]);
  });

  it('ranks term prefixes, then words inside names', () => {
    const r = ids(s.search('keta'));
    expect(r.slice(0, 2)).toEqual(['ketamine', 'ketamine-clinic']);
    expect(ids(s.search('cystitis'))[0]).toBe('ketamine-bladder');
  });

  it('is typo-tolerant', () => {
    expect(ids(s.search('spravto')).slice(0, 3)).toContain('esketamine');
    expect(ids(s.search('disociation')).slice(0, 3)).toContain('dissociation');
  });

  it('searches definition words with low weight', () => {
    const r = s.search('snorting');
    expect(ids(r)[0]).toBe('bump');
    expect(r[0]?.field).toBe('short');
  });

  it('returns nothing for an empty query', () => {
    expect(s.search('')).toEqual([]);
    expect(s.search('   ')).toEqual([]);
    expect(s.suggestions('')).toEqual([]);
  });

  it('returns no results but suggestions for nonsense', () => {
    expect(s.search('qqqqzzzz')).toEqual([]);
    expect(s.suggestions('qqqqzzzz').length).toBeGreaterThan(0);
    expect(ids(s.suggestions('kettamine clinik'))[0]).toBe('ketamine-clinic');
  });

  it('respects the limit', () => {
    expect(s.search('k', 2)).toHaveLength(2);
  });

  it('survives hostile input', () => {
    expect(() => s.search('('.repeat(500))).not.toThrow();
    expect(() => s.search('\u0301\u0301')).not.toThrow();
    expect(() => s.suggestions('x'.repeat(10_000))).not.toThrow();
  });
});

describe('search (bundled glossary)', () => {
  const s = createSearch(GLOSSARY);
  const top3 = (q: string) => ids(s.search(q, 3));

  it('has a glossary to search', () => {
    expect(GLOSSARY.length).toBeGreaterThan(50);
  });

  it.each([
    ['ketamin', 'ketamine'],
    ['spravto', 'esketamine'],
    ['khole', 'k-hole'],
    ['disociation', 'dissociation'],
  ])('"%s" finds %s in the top 3', (q, id) => {
    expect(top3(q)).toContain(id);
  });

  // "k" and "ket" alone mean the drug: the Ketamine entry first, then the slang entry that names them.
  const DRUG_NAMES = new Set(['k', 'ket']);

  it('puts every exact term and alias first (or tied with an equal name)', () => {
    for (const e of GLOSSARY) {
      for (const name of [e.term, ...e.aliases.map((a) => a.text)]) {
        const key = normalizeKey(name);
        if (!key) continue;
        if (DRUG_NAMES.has(key)) {
          expect(ids(s.search(name, 2)), name).toEqual(['ketamine', e.id]);
          continue;
        }
        const [first] = s.search(name, 1);
        expect(first, name).toBeDefined();
        if (first?.entry.id === e.id) continue;
        // Another entry may share the same normalized name (e.g. "(±)-ketamine" ≈ "ketamine"):
        // then the winner must match it exactly too.
        expect(normalizeKey(first?.matchedText ?? ''), `${name} → ${first?.entry.id}`).toBe(key);
      }
    }
  });

  it('suggestions are never empty for a non-empty query', () => {
    for (const q of ['zzzz', 'ü', '12345', 'kettle']) expect(s.suggestions(q).length).toBeGreaterThan(0);
  });
});

describe('browseByCategory', () => {
  it('lists categories in CATEGORIES order with entries A–Z, skipping empty ones', () => {
    const groups = browseByCategory(FIXTURE);
    const order = groups.map((g) => g.category);
    expect(order).toEqual([...order].sort((a, b) => CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b)));
    expect(order).not.toContain('support');
    const subs = groups.find((g) => g.category === 'substances');
    expect(subs?.entries.map((e) => e.term)).toEqual(['Esketamine (Spravato)', 'Ketamine']);
    expect(subs?.label).toBe('Substances and forms');
  });

  it('covers every bundled entry once', () => {
    const all = browseByCategory(GLOSSARY).flatMap((g) => g.entries.map((e) => e.id));
    expect(all.sort()).toEqual(GLOSSARY.map((e) => e.id).sort());
  });
});

describe('highlightSegments', () => {
  it('splits text into marked and plain parts', () => {
    expect(highlightSegments('K-hole', [[0, 3]])).toEqual([
      { text: 'K-ho', mark: true },
      { text: 'le', mark: false },
    ]);
  });

  it('merges overlaps and clamps bad ranges', () => {
    const segs = highlightSegments('abcdef', [
      [4, 99],
      [1, 2],
      [2, 3],
      [-5, -1],
    ]);
    expect(segs.map((x) => x.text).join('')).toBe('abcdef');
    expect(segs.filter((x) => x.mark).map((x) => x.text)).toEqual(['bc', 'd', 'ef']);
  });

  it('returns the text unmarked without ranges', () => {
    expect(highlightSegments('abc')).toEqual([{ text: 'abc', mark: false }]);
  });
});
