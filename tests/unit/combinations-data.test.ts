// The combination checker's data is safety text: these tests are its review
// checklist. Every failure names the record (or the pair, or the entry).
import Ajv from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import raw from '../../data/combinations.json';
import schema from '../../data/combinations.schema.json';
import { COMBINATIONS } from '../../lib/combinations/data';
import type { CombinationRecord, CombinationsData } from '../../lib/combinations/types';
import { LEVELS } from '../../lib/combinations/types';
import {
  lintCombinationFirstAid,
  validateCombinations,
  validateGlossaryCombinations,
} from '../../lib/combinations/validate';
import { GLOSSARY } from '../../lib/glossary/glossary';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateSchema = ajv.compile(schema);

function record(overrides: Partial<CombinationRecord> = {}): CombinationRecord {
  return {
    id: 'sample',
    name: 'Sample',
    names: [{ text: 'sample', kind: 'generic' }],
    level: 'caution',
    levelBasis: { kind: 'sources', text: 'A chart rates it Caution.' },
    why: ['A reason.'],
    whatToKnow: [],
    sources: [{ title: 'A source', url: 'https://example.org/source' }],
    reviewed: '2026-12-05',
    ...overrides,
  };
}

function withRecords(...records: CombinationRecord[]): CombinationsData {
  return { ...COMBINATIONS, records: [...COMBINATIONS.records, ...records] };
}

describe('combination data', () => {
  it('matches the JSON Schema', () => {
    const ok = validateSchema(raw);
    expect(ok ? [] : validateSchema.errors).toEqual([]);
  });

  it('passes every rule (unique ids and names, known levels, https sources, signs on Dangerous/Unsafe, ids resolve)', () => {
    expect(validateCombinations(COMBINATIONS)).toEqual([]);
  });

  it('covers the researched substances, using every level of the scale', () => {
    expect(COMBINATIONS.records.length).toBeGreaterThanOrEqual(29);
    expect(new Set(COMBINATIONS.records.map((r) => r.level))).toEqual(new Set(LEVELS));
  });

  it('states the reasoning of every judgement level in the record', () => {
    const judged = COMBINATIONS.records.filter((r) => r.levelBasis.kind === 'judgement');
    expect(judged.length).toBeGreaterThan(0);
    for (const r of judged) expect(r.levelBasis.text.split(/\s+/).length, r.id).toBeGreaterThan(12);
  });

  it('never links a source that is not https, nor the research notes', () => {
    const urls = [
      ...COMBINATIONS.records.flatMap((r) => r.sources),
      ...COMBINATIONS.pairs.flatMap((p) => p.sources),
      ...COMBINATIONS.general.sources,
    ].map((s) => s.url);
    expect(
      urls.filter((u) => !u.startsWith('https://') || /\.\.\/shared|\/shared\/|combinations-facts/.test(u)),
    ).toEqual([]);
  });

  it.each<[string, CombinationsData, string]>([
    [
      'a record without a source',
      withRecords(record({ id: 'no-source', sources: [] })),
      'no-source: has no source',
    ],
    [
      'an unknown level',
      withRecords(record({ id: 'odd-level', level: 'mostly-fine' as never })),
      'odd-level: unknown level "mostly-fine"',
    ],
    [
      'a duplicate name after folding case, space and dash',
      withRecords(record({ id: 'dup-name', names: [{ text: 'X-ANAX', kind: 'brand' }] })),
      'dup-name: name "X-ANAX" is also a name of "benzodiazepines"',
    ],
    [
      'a duplicate name inside one record',
      withRecords(
        record({
          id: 'twice',
          names: [
            { text: 'St John’s wort tea', kind: 'generic' },
            { text: 'st johns wort-tea', kind: 'generic' },
          ],
        }),
      ),
      'twice: name "st johns wort-tea" is listed twice',
    ],
    [
      'a plain http source',
      withRecords(record({ id: 'plain-http', sources: [{ title: 'Old page', url: 'http://example.org/' }] })),
      'plain-http: source "Old page" is not an https URL',
    ],
    [
      'a Dangerous record without emergency signs',
      withRecords(record({ id: 'no-signs', level: 'dangerous' })),
      'no-signs: a dangerous record must list its emergency signs',
    ],
    [
      'a judgement without its reasoning',
      withRecords(record({ id: 'bare-judgement', levelBasis: { kind: 'judgement', text: ' ' } })),
      'bare-judgement: levelBasis needs the reasoning in words',
    ],
    [
      'a duplicate id',
      withRecords(record({ id: 'alcohol', names: [{ text: 'ethyl', kind: 'generic' }] })),
      'alcohol: id is used by more than one record',
    ],
    [
      'an alsoCheck id that does not exist',
      withRecords(record({ id: 'brings-along', alsoCheck: ['nothing-here'] })),
      'brings-along: alsoCheck id "nothing-here" does not exist',
    ],
    [
      'a pair with a missing record',
      { ...COMBINATIONS, pairs: [{ a: 'alcohol', b: 'ghost', level: 'dangerous', why: 'x', sources: [] }] },
      'pair alcohol + ghost: record "ghost" does not exist',
    ],
  ])('fails on %s, naming the record', (_label, data, expected) => {
    expect(validateCombinations(data)).toContain(expected);
  });

  it('the schema rejects an unknown level too', () => {
    const bad = structuredClone(raw) as { records: { level: string }[] };
    if (bad.records[0]) bad.records[0].level = 'fine';
    expect(validateSchema(bad)).toBe(false);
  });
});

describe('glossary links to combination records', () => {
  it('every interaction entry named in the brief links to its records, and every id resolves', () => {
    expect(validateGlossaryCombinations(GLOSSARY, COMBINATIONS)).toEqual([]);
    const linked = GLOSSARY.filter((e) => e.combinations?.length).map((e) => e.id);
    expect(linked).toEqual(
      expect.arrayContaining([
        'cns-depressants',
        'ketamine-alcohol',
        'ketamine-benzodiazepines',
        'ketamine-opioids',
        'ketamine-ghb',
        'ketamine-stimulants',
        'ketamine-maois',
        'ketamine-antidepressants-psychedelics',
        'buprenorphine',
        'polysubstance-use',
      ]),
    );
  });

  it('names the entry whose id does not resolve', () => {
    const entry = { ...GLOSSARY[0]!, id: 'broken-entry', combinations: ['alcohol', 'no-such-record'] };
    expect(validateGlossaryCombinations([entry], COMBINATIONS)).toEqual([
      'broken-entry: combinations id "no-such-record" does not exist',
    ]);
  });
});

describe('first aid in the combination texts', () => {
  it('the real data passes the glossary first-aid rule', () => {
    expect(lintCombinationFirstAid(COMBINATIONS)).toEqual([]);
  });

  it('catches a record that gives the recovery position without the call, naming it', () => {
    const bad = withRecords(
      record({
        id: 'bad-first-aid',
        whatToKnow: [
          'If the person cannot be woken but is breathing, the recovery position helps; if their breathing is not normal, call emergency services.',
        ],
      }),
    );
    expect(lintCombinationFirstAid(bad).join('\n')).toMatch(
      /^bad-first-aid: .*not to call the emergency number/m,
    );
  });

  it('catches general first aid that forgets CPR', () => {
    const bad: CombinationsData = {
      ...COMBINATIONS,
      general: {
        ...COMBINATIONS.general,
        firstAid: [
          'If someone cannot be woken, call the emergency number; if they are breathing, put them in the recovery position and stay with them.',
        ],
      },
    };
    expect(lintCombinationFirstAid(bad)).toContain(
      'general: teaches the recovery position but points nowhere for someone not breathing normally (CPR)',
    );
  });
});
