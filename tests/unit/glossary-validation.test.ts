// The glossary is data: these tests are its review checklist. Each failure
// names the entry (run `npm run glossary:stats` for the numbers).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import crisis from '../../data/crisis-resources.json';
import schema from '../../data/glossary.schema.json';
import { lintCrisisResources } from '../../lib/glossary/crisis-resources';
import { GLOSSARY } from '../../lib/glossary/glossary';
import type { GlossaryEntry } from '../../lib/glossary/types';
import { validateGlossary } from '../../lib/glossary/validate';

const dir = join(__dirname, '../../data/glossary');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validateFile = ajv.compile(schema);

function schemaErrors(data: unknown): string[] {
  if (validateFile(data)) return [];
  return (validateFile.errors ?? []).map((e) => {
    const index = Number(e.instancePath.split('/')[1]);
    const id = Array.isArray(data) ? (data[index] as { id?: string } | undefined)?.id : undefined;
    return `${id ?? `#${index}`}: ${e.instancePath} ${e.message}`;
  });
}

function entry(overrides: Partial<GlossaryEntry> = {}): GlossaryEntry {
  return {
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
    ...overrides,
  };
}

describe('glossary data', () => {
  it.each(files)('%s matches the JSON Schema', (file) => {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    expect(schemaErrors(data)).toEqual([]);
  });

  it('passes every rule (unique ids and aliases, related ids resolve, https sources, short and explanation lengths, ambiguous-alias tiers)', () => {
    expect(validateGlossary(GLOSSARY)).toEqual([]);
  });

  it('has at least 100 entries, 40 of them with safety notes, across all ten categories', () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(100);
    expect(GLOSSARY.filter((e) => e.safety.length > 0).length).toBeGreaterThanOrEqual(40);
    expect(new Set(GLOSSARY.map((e) => e.category)).size).toBe(10);
  });

  it('covers every concept of the seed article (facts file §3)', () => {
    const seed = [
      'ketamine',
      'anaesthetic',
      'rapid-acting-antidepressant',
      'nmda-receptor-antagonist',
      'glutamate',
      'neuroplasticity',
      'bdnf',
      'neurogenesis',
      'treatment-resistant-depression',
      'dissociation',
      'hallucinations',
      'post-dose-monitoring',
      'spravato-rems',
      'ketamine-clinic',
      'suicidal-ideation',
      'major-depressive-disorder',
      'induction-maintenance',
      'half-life',
      'dysphoria',
      'rebound-symptoms',
      'bipolar-disorder',
      'psychosis',
      'psychotomimetic',
      'set-and-setting',
      'ketamine-assisted-psychotherapy',
      'contraindications-screening',
      'follow-up-care',
      'substance-use-disorder',
      'dependence',
      'anxiety-disorders',
      'adjunctive-treatment',
      'ketamine-benzodiazepines',
      'anxiolytic',
      'psychotherapy',
      'esketamine',
      'arketamine',
      'hydroxynorketamine',
    ];
    const ids = new Set(GLOSSARY.map((e) => e.id));
    expect(seed.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('points every suicidal-ideation and crisis entry to crisis resources', () => {
    const needCrisis = GLOSSARY.filter((e) => /suicid|self-harm|crisis|overdose/i.test(`${e.id} ${e.short}`));
    expect(needCrisis.filter((e) => !e.crisis).map((e) => e.id)).toEqual([]);
  });

  it('keeps the ambiguous aliases of facts §2 behind context', () => {
    const rule = (text: string) =>
      GLOSSARY.flatMap((e) => e.aliases.map((a) => ({ ...a, id: e.id }))).find((a) => a.text === text);
    expect(rule('Special K')?.tier).toBe(3);
    expect(rule('Special K')?.negative).toEqual(expect.arrayContaining(['cereal', 'Kellogg']));
    expect(rule('Special K')?.negative).not.toContain('bar');
    expect(rule('dissociation')?.tier).toBe(2);
    expect(rule('kitty')?.tier ?? 4).toBe(4);
    for (const word of ['K', 'Vitamin K']) {
      expect(rule(word)?.tier).toBe(3);
      expect(rule(word)?.context).toEqual(expect.arrayContaining(['street names', 'also known as']));
    }
    expect(rule('tranq')?.id ?? 'xylazine-tranq').toBe('xylazine-tranq');
  });
});

describe('crisis numbers (a wrong number is the worst error we can make)', () => {
  // The rules and the per-region checks live in tests/unit/crisis-lint.test.ts.
  it('passes the crisis content lint; the fallback shows no number', () => {
    expect(lintCrisisResources(crisis)).toEqual([]);
    expect(JSON.stringify(crisis.fallback)).not.toMatch(/\d/);
  });
});

describe('validation names the entry that breaks a rule', () => {
  const good = entry();
  it('accepts a good entry', () => {
    expect(validateGlossary([good])).toEqual([]);
    expect(schemaErrors([good])).toEqual([]);
  });
  it.each([
    [
      'duplicate id',
      [good, entry({ aliases: [{ text: 'other', tier: 1 }] })],
      /sample-term: id is used by 2/,
    ],
    [
      'alias collision',
      [good, entry({ id: 'other-term', aliases: [{ text: 'Sample-Term', tier: 1 }] })],
      /other-term: alias "Sample-Term" collides with an alias of "sample-term"/,
    ],
    ['unknown related id', [entry({ related: ['nope'] })], /sample-term: related id "nope" does not exist/],
    [
      'http source',
      [entry({ sources: [{ title: 'Old', url: 'http://example.org' }] })],
      /sample-term: source "Old" is not an https URL/,
    ],
    [
      'two-sentence short',
      [entry({ short: 'One sentence. Two sentences.' })],
      /sample-term: "short" must be one sentence/,
    ],
    [
      'one-sentence explanation',
      [entry({ explanation: 'Only one sentence here.' })],
      /sample-term: "explanation" has 1 sentences/,
    ],
    [
      'bare kitty at tier 1',
      [entry({ aliases: [{ text: 'kitty', tier: 1 }] })],
      /sample-term: ambiguous alias "kitty" must be tier 4/,
    ],
    [
      'dissociation at tier 1',
      [entry({ aliases: [{ text: 'dissociation', tier: 1 }] })],
      /sample-term: ambiguous alias "dissociation" needs context/,
    ],
    [
      'tier 3 without context',
      [entry({ aliases: [{ text: 'ket', tier: 3 }] })],
      /sample-term: a tier-3 alias needs context words/,
    ],
  ])('%s', (_name, entries, message) => {
    expect(validateGlossary(entries as GlossaryEntry[]).join('\n')).toMatch(message);
  });
  it('schema errors name the entry (empty short, unknown field, bad category)', () => {
    const bad = { ...good, id: 'broken-entry', short: '', colour: 'red', category: 'misc' };
    const errors = schemaErrors([bad]).join('\n');
    expect(errors).toMatch(/broken-entry: \/0\/short/);
    expect(errors).toMatch(/broken-entry: .*additional properties/);
    expect(errors).toMatch(/broken-entry: \/0\/category/);
  });
});
