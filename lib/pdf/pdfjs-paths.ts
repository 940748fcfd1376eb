// Where the build puts pdf.js's run-time files (modules/pdfjs-assets.ts
// copies them; the viewer points pdf.js at them). Shared so the two agree.

/** Folder in the extension for everything pdf.js loads by URL. */
export const PDFJS_DIR = 'pdfjs';

/** The worker script, from pdfjs-dist/build/. */
export const PDFJS_WORKER = 'pdf.worker.min.mjs';

/** Folders of pdfjs-dist copied whole: character maps, standard fonts, WebAssembly decoders, ICC profiles. */
export const PDFJS_ASSET_DIRS = ['cmaps', 'standard_fonts', 'wasm', 'iccs'] as const;

/** Extension-relative paths pdf.js is given (each folder URL ends with a slash, as pdf.js requires). */
export function pdfjsPaths(): {
  worker: string;
  cMaps: string;
  standardFonts: string;
  wasm: string;
  icc: string;
} {
  return {
    worker: `/${PDFJS_DIR}/${PDFJS_WORKER}`,
    cMaps: `/${PDFJS_DIR}/cmaps/`,
    standardFonts: `/${PDFJS_DIR}/standard_fonts/`,
    wasm: `/${PDFJS_DIR}/wasm/`,
    icc: `/${PDFJS_DIR}/iccs/`,
  };
}
