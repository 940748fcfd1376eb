// WXT module (loaded from modules/ by WXT): copies what pdf.js loads at run
// time into the build under pdfjs/ — its worker, character maps, standard
// fonts, the WebAssembly decoders and the ICC profile — so the PDF viewer
// (entrypoints/pdf/) never fetches anything but the PDF itself. Copied, not
// bundled: pdf.js loads them by URL (lib/pdf/pdfjs-paths.ts names them).
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineWxtModule } from 'wxt/modules';
import { PDFJS_ASSET_DIRS, PDFJS_DIR, PDFJS_WORKER } from '../lib/pdf/pdfjs-paths';

/** Root of the installed pdfjs-dist package. */
function pdfjsRoot(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('pdfjs-dist/package.json'));
}

export default defineWxtModule({
  name: 'ketamine-lens:pdfjs-assets',
  setup(wxt) {
    wxt.hook('build:publicAssets', (_wxt, files) => {
      const root = pdfjsRoot();
      files.push({
        absoluteSrc: join(root, 'build', PDFJS_WORKER),
        relativeDest: `${PDFJS_DIR}/${PDFJS_WORKER}`,
      });
      for (const dir of PDFJS_ASSET_DIRS) {
        for (const name of readdirSync(join(root, dir))) {
          files.push({ absoluteSrc: join(root, dir, name), relativeDest: `${PDFJS_DIR}/${dir}/${name}` });
        }
      }
    });
  },
});
