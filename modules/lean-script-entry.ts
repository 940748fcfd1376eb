// WXT module (loaded from modules/ by WXT): a leaner wrapper for unlisted
// scripts, the content script among them. WXT's own wrapper logs a crash at
// start-up through a logger that does nothing in a production build, but its
// messages and the logger stay in the bundle: ~150 B of the content script's
// 25 kB budget (docs/architecture.md). Our scripts catch their own errors
// (entrypoints/page-lens.ts), so only the call to main() is kept.
import type { Plugin } from 'vite';
import { addViteConfig, defineWxtModule } from 'wxt/modules';

/** WXT's virtual module for an unlisted script: `\0virtual:wxt-unlisted-script-entrypoint?<the script's path>`. */
const WXT_ENTRY = 'virtual:wxt-unlisted-script-entrypoint?';
/** Its first line, which imports the script (WXT has put the script's path in). */
const DEFINITION = /^import definition from "[^"]+";$/m;

export function leanScriptEntryPlugin(): Plugin {
  return {
    name: 'ketamine-lens-lean-script-entry',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes(WXT_ENTRY)) return undefined;
      const definition = DEFINITION.exec(code)?.[0];
      // A WXT update that changes its wrapper must be looked at, not silently replaced.
      if (!definition || !code.includes('definition.main()') || !code.includes('initPlugins()')) {
        throw new Error(`${id}: WXT's wrapper changed; check modules/lean-script-entry.ts`);
      }
      // What WXT's wrapper does besides logging: plugins, then main().
      const lean = `${definition}\nimport { initPlugins } from "virtual:wxt-plugins";\ninitPlugins();\nexport default definition.main();\n`;
      return { code: lean, map: null };
    },
  };
}

export default defineWxtModule({
  name: 'ketamine-lens:lean-script-entry',
  setup(wxt) {
    addViteConfig(wxt, () => ({ plugins: [leanScriptEntryPlugin()] }));
  },
});
