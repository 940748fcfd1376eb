// Vite plugin: compiles the glossary's aliases into the matcher index at
// build time and exposes it as `virtual:ketamine-lens/matcher-index`, so the
// content script never builds tables on a page (it always starts cold).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { GlossaryEntry } from '../lib/glossary-types';
import { compileMatcherIndex } from '../lib/matcher/compile';

const ID = 'virtual:ketamine-lens/matcher-index';
const RESOLVED = `\0${ID}`;

export function readGlossaryFiles(dir = resolve('data/glossary')): GlossaryEntry[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GlossaryEntry[]);
}

export function matcherIndexPlugin(): Plugin {
  const dir = resolve('data/glossary');
  return {
    name: 'ketamine-lens-matcher-index',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      for (const f of readdirSync(dir)) this.addWatchFile(join(dir, f));
      const index = compileMatcherIndex(readGlossaryFiles(dir));
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(index))});`;
    },
  };
}
