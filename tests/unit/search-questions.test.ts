// Search as readers use it: questions, slang, typos, symptoms, medicines and
// two substances at once, over the bundled glossary. Each row says which entry
// must come first, or be in the top three, so a ranking change that stops
// answering a real question fails here.
import Ajv from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from '../../data/glossary.schema.json';
import { COMBINATIONS } from '../../lib/combinations/data';
import { GLOSSARY } from '../../lib/glossary/glossary';
import type { GlossaryEntry } from '../../lib/glossary/types';
import { validateGlossary } from '../../lib/glossary/validate';
import { buildSearchIndex } from '../../lib/search/index-build';
import { createSearch, normalizeKey, type SearchResult } from '../../lib/search/search';

const s = createSearch(GLOSSARY, { combinations: COMBINATIONS.records });
const ids = (rs: SearchResult[]) => rs.map((r) => r.entry.id);

type Where = 'first' | 'top3';

const QUESTIONS: [string, Where, string][] = [
  // Questions
  ['is ketamine addictive', 'first', 'dependence'],
  ['is ketamine addictive', 'top3', 'substance-use-disorder'],
  ['how long does ketamine last', 'top3', 'half-life'],
  ['how long does ketamine last', 'top3', 'route-of-administration'],
  ['how long does ketamine stay in your system', 'first', 'half-life'],
  ['can you die from ketamine', 'first', 'overdose'],
  ['is ketamine legal in the uk', 'first', 'class-b'],
  ['is ketamine illegal', 'top3', 'schedule-iii'],
  ['can i drive after ketamine', 'first', 'driving-restriction'],
  ['how does ketamine work', 'first', 'nmda-receptor-antagonist'],
  ['how fast does ketamine work', 'first', 'rapid-acting-antidepressant'],
  ['how to stop ketamine', 'first', 'dependence'],
  ['what is a k hole', 'first', 'k-hole'],
  ['is ketamine safe in pregnancy', 'first', 'contraindications-screening'],
  ['what to do if someone passes out', 'top3', 'recovery-position'],
  ['how often do you need spravato', 'top3', 'induction-maintenance'],
  ['my friend wont wake up', 'top3', 'recovery-position'],
  // Slang
  ['k hole', 'first', 'k-hole'],
  ['special k', 'first', 'special-k'],
  ['hooked on ket', 'first', 'dependence'],
  ['ket bladder', 'first', 'ketamine-bladder'],
  ['coming down off ket', 'first', 'comedown'],
  ['pink coke', 'first', 'tusi'],
  ['bump of ket', 'first', 'bump'],
  ['snorting ket', 'first', 'bump'],
  ['od on ket', 'first', 'overdose'],
  // Typos
  ['ketamin', 'first', 'ketamine'],
  ['ketamne', 'first', 'ketamine'],
  ['spravto', 'first', 'esketamine'],
  ['esketamin', 'first', 'esketamine'],
  ['khole', 'first', 'k-hole'],
  ['disociation', 'first', 'dissociation'],
  ['halucinations', 'first', 'hallucinations'],
  ['bladdr', 'first', 'ketamine-bladder'],
  ['overdoes', 'first', 'overdose'],
  ['ketamine cystitus', 'first', 'ketamine-bladder'],
  // Symptoms
  ['peeing blood', 'first', 'haematuria'],
  ['peeing blood', 'top3', 'ketamine-bladder'],
  ['it hurts when i pee', 'first', 'dysuria'],
  ['needing to pee all the time', 'top3', 'urinary-frequency'],
  ['ketamine stomach pain', 'first', 'k-cramps'],
  ['feel sick after ketamine', 'first', 'nausea-vomiting'],
  ['cant breathe', 'first', 'respiratory-depression'],
  ['cant remember last night', 'first', 'memory-effects'],
  ['heart racing after spravato', 'first', 'blood-pressure-heart-rate'],
  ['ketamine bladder pain', 'first', 'ketamine-bladder'],
  // Medicines
  ['spravato side effects', 'first', 'esketamine'],
  ['spravato side effects', 'top3', 'dissociation'],
  ['esketamine side effects', 'top3', 'post-dose-monitoring'],
  ['esketamine nasal spray', 'first', 'nasal-spray-use'],
  ['ketamine infusion for depression', 'first', 'ketamine-infusion'],
  ['narcan', 'first', 'naloxone'],
  ['suboxone', 'first', 'buprenorphine'],
  // Two substances
  ['ketamine and weed', 'first', 'ketamine-antidepressants-psychedelics'],
  ['ketamine and booze', 'first', 'ketamine-alcohol'],
  ['xanax ket', 'first', 'ketamine-benzodiazepines'],
  ['k and coke', 'first', 'ketamine-stimulants'],
  ['ket with heroin', 'first', 'ketamine-opioids'],
  ['mixing ketamine and alcohol', 'first', 'ketamine-alcohol'],
  ['is it safe to drink on ket', 'first', 'ketamine-alcohol'],
  ['ghb and ketamine', 'first', 'ketamine-ghb'],
  ['ketamine and prozac', 'first', 'ketamine-antidepressants-psychedelics'],
  ['alcohol and xanax', 'first', 'polysubstance-use'],
];

describe('questions, slang, typos, symptoms, medicines and mixes', () => {
  it.each(QUESTIONS)('"%s" puts %s: %s', (q, where, id) => {
    const got = ids(s.search(q, 3));
    if (where === 'first') expect(got[0], got.join(', ')).toBe(id);
    else expect(got, got.join(', ')).toContain(id);
  });

  it('"ketamine", "ket" or "k" alone means the drug: the Ketamine entry first', () => {
    for (const q of ['ketamine', 'Ketamine', 'ket', 'k', 'what is ket'])
      expect(ids(s.search(q))[0], q).toBe('ketamine');
    // Then what the word itself names.
    expect(ids(s.search('ket', 2))).toEqual(['ketamine', 'ket-street-names']);
    expect(ids(s.search('k', 2))).toEqual(['ketamine', 'k-slang']);
  });

  it('a keyword match says which keyword', () => {
    const [hit] = s.search('is ketamine addictive');
    expect(hit?.field).toBe('keyword');
    expect(hit?.matchedText).toBe('addictive');
  });
});

describe('no junk', () => {
  it('"k hole" lists neither Tolerance nor Driving restriction ("ole", "e ho" inside them)', () => {
    const got = ids(s.search('k hole'));
    expect(got[0]).toBe('k-hole');
    expect(got).not.toContain('tolerance');
    expect(got).not.toContain('driving-restriction');
  });

  it('finds nothing for a fragment or nonsense', () => {
    for (const q of ['ole', 'olera', 'zzzz qqqq', 'xyzzy', 'what', 'is', 'can i'])
      expect(ids(s.search(q)), q).toEqual([]);
  });

  it('never turns a real word into a typo of another ("weed" is not "need")', () => {
    expect(ids(s.search('weed'))).toEqual(['ketamine-antidepressants-psychedelics']);
    expect(ids(s.search('cant breathe'))).not.toContain('ket-street-names'); // "cant" ≉ "cat"
  });

  // Every word of every entry field (names also whole, as keys: "khole"), folded.
  const entryWords = (e: GlossaryEntry) => {
    const names = [e.term, ...e.aliases.map((a) => a.text)];
    const text = [...names, ...(e.keywords ?? []), e.short, e.explanation].join(' ');
    return new Set([
      ...names.map(normalizeKey),
      ...(
        text
          .normalize('NFKD')
          .toLowerCase()
          .match(/[\p{L}\p{N}]+/gu) ?? []
      ).map((w) => normalizeKey(w)),
    ]);
  };
  const distance = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        (d[i] as number[])[j] = Math.min(
          (d[i - 1]?.[j] ?? 0) + 1,
          (d[i]?.[j - 1] ?? 0) + 1,
          (d[i - 1]?.[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
    return d[a.length]?.[b.length] ?? 0;
  };
  const commonPrefix = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return i;
  };
  /** A query word is shared when an entry word starts with it, differs only in its ending, or is a close typo. */
  const shares = (q: string, words: Set<string>) =>
    [...words].some(
      (w) =>
        w.startsWith(q) ||
        (Math.min(q.length, w.length) >= 3 &&
          commonPrefix(q, w) >= Math.max(3, Math.min(q.length, w.length) - 1)) ||
        (q.length >= 4 && w[0] === q[0] && distance(q, w) <= (q.length <= 5 ? 1 : 2)),
    );

  it('every result shares a meaningful word (or a close typo of one) with the query', () => {
    const queries = [
      ...QUESTIONS.map(([q]) => q).filter((q) => !/\b(and|with|xanax|weed|coke|heroin|drink)\b/.test(q)),
      'hole',
      'blood',
      'effects',
      'legal',
      'pain',
    ];
    for (const q of queries) {
      const meaningful = normalizeKey(q)
        ? (
            q
              .normalize('NFKD')
              .toLowerCase()
              .match(/[\p{L}\p{N}]+/gu) ?? []
          ).map((w) => normalizeKey(w))
        : [];
      for (const r of s.search(q)) {
        const words = entryWords(r.entry);
        const ok =
          shares(normalizeKey(q), words) || meaningful.some((w) => w.length >= 2 && shares(w, words));
        expect(ok, `"${q}" → ${r.entry.id}`).toBe(true);
      }
    }
  });
});

describe('combinations', () => {
  it('marks the entries covering a named combination with the checker records', () => {
    const [first] = s.search('ketamine and weed');
    expect(first?.combination).toEqual({ records: ['cannabis'] });
    const mixed = s.search('alcohol and xanax');
    expect(mixed[0]?.combination?.records).toEqual(['alcohol', 'benzodiazepines']);
    expect(ids(mixed.slice(0, 4))).toEqual(
      expect.arrayContaining(['ketamine-alcohol', 'ketamine-benzodiazepines']),
    );
  });

  it('gives no hint for one substance or none', () => {
    for (const q of ['alcohol', 'k hole', 'peeing blood', 'ketamine']) {
      expect(
        s.search(q).some((r) => r.combination),
        q,
      ).toBe(false);
    }
  });

  it('without the checker records, keywords and aliases still put the interaction entry first', () => {
    const plain = createSearch(GLOSSARY);
    expect(ids(plain.search('ketamine and booze'))[0]).toBe('ketamine-alcohol');
    expect(ids(plain.search('ketamine and weed'))[0]).toBe('ketamine-antidepressants-psychedelics');
    expect(ids(plain.search('xanax ket'))[0]).toBe('ketamine-benzodiazepines');
    expect(plain.search('ketamine and weed').some((r) => r.combination)).toBe(false);
  });
});

describe('keywords data', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validateFile = ajv.compile(schema);
  const base: GlossaryEntry = {
    id: 'sample-term',
    term: 'Sample term',
    aliases: [{ text: 'sample term', tier: 1 }],
    category: 'effects',
    short: 'A short plain sentence.',
    explanation: 'The first sentence. The second sentence.',
    safety: [],
    related: [],
    sources: [{ title: 'A source', url: 'https://example.org/source' }],
    reviewed: '2026-11-26',
  };

  it('the schema takes a list of non-empty keywords, and nothing else', () => {
    expect(validateFile([{ ...base, keywords: ['addictive', 'peeing blood'] }])).toBe(true);
    expect(validateFile([{ ...base, keywords: [] }])).toBe(false);
    expect(validateFile([{ ...base, keywords: [' '] }])).toBe(false);
    expect(validateFile([{ ...base, keywords: ['a', 'a'] }])).toBe(false);
    expect(validateFile([{ ...base, keywords: 'addictive' }])).toBe(false);
  });

  it('validation rejects empty and repeated keywords within an entry', () => {
    expect(validateGlossary([{ ...base, keywords: ['hooked', 'addictive'] }])).toEqual([]);
    expect(validateGlossary([{ ...base, keywords: ['Hooked', 'hooked '] }])).toEqual([
      'sample-term: keyword "hooked " is listed twice',
    ]);
    expect(validateGlossary([{ ...base, keywords: ['  '] }])).toEqual(['sample-term: empty keyword']);
  });

  it('every bundled keyword has a word search can match (not only question or filler words)', () => {
    const { docs } = buildSearchIndex(GLOSSARY);
    const empty = docs.flatMap((d) =>
      d.keywords.filter((k) => k.words.length === 0).map((k) => `${d.entry.id}: ${k.text}`),
    );
    expect(empty).toEqual([]);
    expect(docs.filter((d) => d.keywords.length > 0).length).toBeGreaterThanOrEqual(60);
  });
});
