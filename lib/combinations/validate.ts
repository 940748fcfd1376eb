// Combination-data rules that a JSON Schema cannot express (or that must name
// the record when they fail). Every problem starts with the record id.
import { lintFirstAid } from '../glossary/content-lint';
import type { GlossaryEntry } from '../glossary/types';
import { nameKey } from './fold';
import { type CombinationsData, LEVELS, type Level, SIGN_GROUPS, type Source } from './types';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Levels whose card must show the emergency signs. */
const NEEDS_SIGNS: readonly Level[] = ['dangerous', 'unsafe'];

function isHttps(url: string): boolean {
  return /^https:\/\/[^\s/]+\.[^\s]+$/.test(url);
}

function sourceProblems(where: string, sources: readonly Source[] | undefined): string[] {
  if (!sources || sources.length === 0) return [`${where}: has no source`];
  return sources
    .filter((s) => !isHttps(s.url))
    .map((s) => `${where}: source "${s.title}" is not an https URL`);
}

export function validateCombinations(data: CombinationsData): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const nameOwner = new Map<string, string>();
  for (const r of data.records) {
    const where = r.id || '(record without id)';
    if (!ID.test(r.id)) problems.push(`${where}: id must be kebab-case`);
    if (ids.has(r.id)) problems.push(`${where}: id is used by more than one record`);
    ids.add(r.id);
    if (!LEVELS.includes(r.level)) problems.push(`${where}: unknown level "${r.level}"`);
    if (!r.levelBasis?.text?.trim()) problems.push(`${where}: levelBasis needs the reasoning in words`);
    if (!r.why?.some((t) => t.trim())) problems.push(`${where}: "why" is empty`);
    if (!DATE.test(r.reviewed ?? '')) problems.push(`${where}: "reviewed" must be a YYYY-MM-DD date`);
    problems.push(...sourceProblems(where, r.sources));
    if (NEEDS_SIGNS.includes(r.level) && !r.signs?.length)
      problems.push(`${where}: a ${r.level} record must list its emergency signs`);
    for (const g of r.signs ?? [])
      if (!SIGN_GROUPS.includes(g)) problems.push(`${where}: unknown sign group "${g}"`);
    if (!r.names?.length) problems.push(`${where}: has no names`);
    for (const n of r.names ?? []) {
      const key = nameKey(n.text);
      if (!key) {
        problems.push(`${where}: name "${n.text}" has no letters or digits`);
        continue;
      }
      const owner = nameOwner.get(key);
      if (owner === r.id) problems.push(`${where}: name "${n.text}" is listed twice`);
      else if (owner) problems.push(`${where}: name "${n.text}" is also a name of "${owner}"`);
      else nameOwner.set(key, r.id);
    }
  }
  for (const r of data.records)
    for (const other of r.alsoCheck ?? []) {
      if (!ids.has(other)) problems.push(`${r.id}: alsoCheck id "${other}" does not exist`);
      if (other === r.id) problems.push(`${r.id}: lists itself in alsoCheck`);
    }
  const pairKeys = new Set<string>();
  for (const p of data.pairs) {
    const where = `pair ${p.a} + ${p.b}`;
    for (const id of [p.a, p.b]) if (!ids.has(id)) problems.push(`${where}: record "${id}" does not exist`);
    if (p.a === p.b) problems.push(`${where}: pairs a record with itself`);
    if (!LEVELS.includes(p.level)) problems.push(`${where}: unknown level "${p.level}"`);
    const key = [p.a, p.b].sort().join('|');
    if (pairKeys.has(key)) problems.push(`${where}: listed twice`);
    pairKeys.add(key);
    problems.push(...sourceProblems(where, p.sources));
  }
  problems.push(...sourceProblems('general', data.general.sources));
  return problems;
}

/** Glossary entries' `combinations` ids must name records. */
export function validateGlossaryCombinations(
  entries: readonly GlossaryEntry[],
  data: Pick<CombinationsData, 'records'>,
): string[] {
  const ids = new Set(data.records.map((r) => r.id));
  return entries.flatMap((e) =>
    (e.combinations ?? [])
      .filter((id) => !ids.has(id))
      .map((id) => `${e.id}: combinations id "${id}" does not exist`),
  );
}

/**
 * The glossary's first-aid rule over the checker's texts: each record (and
 * the general block) is read as one entry, so a record that tells the reader
 * what to do for someone who cannot be woken must also say to call.
 */
export function lintCombinationFirstAid(data: CombinationsData): string[] {
  const asEntry = (id: string, texts: readonly string[]): GlossaryEntry => ({
    id,
    term: id,
    aliases: [],
    category: 'interactions',
    short: '',
    explanation: '',
    safety: texts.map((text) => ({ severity: 'info' as const, text })),
    related: [],
    sources: [],
    reviewed: '',
  });
  const g = data.general;
  return lintFirstAid([
    asEntry('general', [...g.standing, g.unknown.why, ...g.unknown.whatToKnow, ...g.firstAid]),
    ...data.records.map((r) =>
      asEntry(r.id, [r.levelBasis.text, r.levelNote ?? '', ...r.why, ...r.whatToKnow, ...(r.clinical ?? [])]),
    ),
    ...data.pairs.map((p) => asEntry(`pair ${p.a} + ${p.b}`, [p.why])),
  ]);
}
