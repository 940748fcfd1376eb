// Glossary rules that a JSON Schema cannot express. Every problem names the
// entry, so a contributor knows what to fix (data/README.md).

import { aliasVariants, normalizeForm } from '../matcher/variants';
import type { GlossaryEntry } from './types';

export const SHORT_MAX_WORDS = 30;

/** Ambiguous words from glossary-facts §2 that must never be auto-marked on their own (tier 4 or absent). */
export const NEVER_BARE = ['kitty', 'Purple', 'Jet', 'God', 'baby food', 'K2', 'IV', 'SI', 'bump'];
/** Aliases that need page or local context (tier ≥ 2), never tier 1. */
export const NEEDS_CONTEXT = [
  'dissociation',
  'tolerance',
  'Class B',
  'Schedule III',
  'REMS',
  'TRD',
  'Special K',
  'ket',
  'horse tranquilizer',
  'PCP',
  'KAP',
  'depression',
  'glutamate',
  'half-life',
];

function sentences(text: string): number {
  // Split on ., ! or ? followed by a space and a capital/quote/digit; abbreviations like "e.g." stay inside.
  return text
    .trim()
    .split(/(?<=[.!?])\s+(?=["“(A-Z0-9])/)
    .filter(Boolean).length;
}

function words(text: string): number {
  return text.trim().split(/\s+/).length;
}

export function validateGlossary(entries: readonly GlossaryEntry[]): string[] {
  const problems: string[] = [];
  const ids = new Map<string, number>();
  for (const e of entries) ids.set(e.id, (ids.get(e.id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) problems.push(`${id}: id is used by ${n} entries`);

  const aliasOwner = new Map<string, string>();
  for (const e of entries) {
    const where = e.id;
    if (words(e.short) > SHORT_MAX_WORDS)
      problems.push(`${where}: "short" has ${words(e.short)} words (max ${SHORT_MAX_WORDS})`);
    if (sentences(e.short) !== 1) problems.push(`${where}: "short" must be one sentence`);
    const n = sentences(e.explanation);
    if (n < 2 || n > 4) problems.push(`${where}: "explanation" has ${n} sentences (2–4)`);
    for (const r of e.related) {
      if (!ids.has(r)) problems.push(`${where}: related id "${r}" does not exist`);
      if (r === e.id) problems.push(`${where}: lists itself as related`);
    }
    for (const s of e.sources) {
      if (!/^https:\/\/[^\s/]+\.[^\s]+$/.test(s.url))
        problems.push(`${where}: source "${s.title}" is not an https URL`);
    }
    for (const field of ['term', 'short', 'explanation'] as const) {
      if (!e[field].trim()) problems.push(`${where}: "${field}" is empty`);
    }
    for (const note of e.safety) if (!note.text.trim()) problems.push(`${where}: empty safety note`);
    if (e.aliases.some((a) => a.tier === 3 && !a.context?.length)) {
      problems.push(`${where}: a tier-3 alias needs context words`);
    }
    const keywordsSeen = new Set<string>();
    for (const k of e.keywords ?? []) {
      // Compared as typed in the search box: case and spacing do not make a new keyword.
      const key = k.trim().toLowerCase().replace(/\s+/g, ' ');
      if (!key) problems.push(`${where}: empty keyword`);
      else if (keywordsSeen.has(key)) problems.push(`${where}: keyword "${k}" is listed twice`);
      keywordsSeen.add(key);
    }
    const seenHere = new Set<string>();
    for (const a of e.aliases) {
      for (const v of aliasVariants(a)) {
        const key = normalizeForm(v, false);
        const owner = aliasOwner.get(key);
        if (owner && owner !== e.id)
          problems.push(`${where}: alias "${a.text}" collides with an alias of "${owner}"`);
        else aliasOwner.set(key, e.id);
        seenHere.add(key);
      }
      for (const phrase of a.notIn ?? []) {
        if (!normalizeForm(phrase, false).includes(normalizeForm(a.text, false)))
          problems.push(`${where}: notIn phrase "${phrase}" does not contain the alias "${a.text}"`);
      }
      if (NEVER_BARE.some((w) => w === a.text) && a.tier !== 4) {
        problems.push(`${where}: ambiguous alias "${a.text}" must be tier 4 (never marked on its own)`);
      }
      if (NEEDS_CONTEXT.some((w) => w.toLowerCase() === a.text.toLowerCase()) && a.tier === 1) {
        problems.push(`${where}: ambiguous alias "${a.text}" needs context (tier 2 or higher)`);
      }
    }
  }
  return problems;
}
