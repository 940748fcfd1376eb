// WXT module (loaded from modules/ by WXT) adding a Vite plugin that compiles
// the glossary's aliases into the matcher index at build time and exposes it
// as `virtual:ketamine-lens/matcher-index`, so the
// content script never builds tables on a page (it always starts cold).
// `virtual:ketamine-lens/entry-ids` maps the index's entry numbers to ids; it
// is kept out of the content script (its size budget) and used by the
// lazily loaded popover runtime.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { addViteConfig, defineWxtModule } from 'wxt/modules';
import type { GlossaryEntry } from '../lib/glossary/types';

const ID = 'virtual:ketamine-lens/matcher-index';
const RESOLVED = `\0${ID}`;
const IDS = 'virtual:ketamine-lens/entry-ids';
const IDS_RESOLVED = `\0${IDS}`;

/**
 * The glossary in file order: files sorted by name, entries as written.
 * This order is the matcher's entry numbering (the content script speaks
 * entry numbers); lib/glossary sorts its own copy for display only.
 */
export function readGlossaryFiles(dir = resolve('data/glossary')): GlossaryEntry[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GlossaryEntry[]);
}

/** Entry ids in matcher index order (the order compileMatcherIndex numbers entries in). */
export function entryIds(entries: readonly GlossaryEntry[]): string[] {
  return entries.map((e) => e.id);
}

export function matcherIndexPlugin(): Plugin {
  const dir = resolve('data/glossary');
  return {
    name: 'ketamine-lens-matcher-index',
    resolveId: (id) => (id === ID ? RESOLVED : id === IDS ? IDS_RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED && id !== IDS_RESOLVED) return undefined;
      for (const f of readdirSync(dir)) this.addWatchFile(join(dir, f));
      const entries = readGlossaryFiles(dir);
      // Imported when a build asks, not when WXT loads its config (every
      // Vitest run loads it, and needs none of the matcher).
      const { compileMatcherIndex } = await import('../lib/matcher/compile');
      const data = id === RESOLVED ? compileMatcherIndex(entries) : entryIds(entries);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`;
    },
  };
}

export default defineWxtModule({
  name: 'ketamine-lens:matcher-index',
  setup(wxt) {
    addViteConfig(wxt, () => ({ plugins: [matcherIndexPlugin()] }));
  },
});
