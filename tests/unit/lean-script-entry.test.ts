// The build's leaner wrapper for unlisted scripts (modules/lean-script-entry.ts):
// WXT's wrapper is replaced by the import of the script, initPlugins() and
// main(); a wrapper of another shape fails the build instead of being replaced.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leanScriptEntryPlugin } from '../../modules/lean-script-entry';

const ID = '\0virtual:wxt-unlisted-script-entrypoint?/x/entrypoints/page-lens.ts';
type Transform = (code: string, id: string) => { code: string } | undefined;
const transform = leanScriptEntryPlugin().transform as unknown as Transform;

/** WXT's own wrapper, as its plugin hands it on (the script's path put in). */
function wxtWrapper(): string {
  const path = resolve('node_modules/wxt/dist/virtual/unlisted-script-entrypoint.mjs');
  return readFileSync(path, 'utf8').replace(
    'virtual:user-unlisted-script-entrypoint',
    '/x/entrypoints/page-lens.ts',
  );
}

describe('lean unlisted-script entry', () => {
  it("replaces WXT's wrapper: the script's import, initPlugins(), main(), no logger", () => {
    const original = wxtWrapper();
    expect(original).toContain('crashed on startup');
    const out = transform(original, ID)?.code ?? '';
    expect(out).toContain('import definition from "/x/entrypoints/page-lens.ts";');
    expect(out).toContain('initPlugins();');
    expect(out).toContain('export default definition.main();');
    expect(out).not.toContain('logger');
  });

  it('leaves other modules alone and fails on a wrapper of another shape', () => {
    expect(transform('export default 1;', '/x/lib/other.ts')).toBeUndefined();
    expect(() => transform('export default 1;', ID)).toThrow(/wrapper changed/);
  });
});
