// The whole glossary, loaded from data/glossary/*.json at build time.
// Only extension pages (popup, options, popover) import this; the content
// script gets a compact matcher index instead (see lib/matcher).
import { CATEGORIES, type GlossaryEntry } from './types';

const files = import.meta.glob<GlossaryEntry[]>('../../data/glossary/*.json', {
  eager: true,
  import: 'default',
});

export const GLOSSARY: readonly GlossaryEntry[] = Object.keys(files)
  .sort()
  .flatMap((k) => files[k] ?? [])
  .sort(
    (a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || a.term.localeCompare(b.term),
  );

const BY_ID = new Map(GLOSSARY.map((e) => [e.id, e]));

export function entryById(id: string): GlossaryEntry | undefined {
  return BY_ID.get(id);
}
