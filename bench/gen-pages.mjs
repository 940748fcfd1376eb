// Generates the benchmark pages into bench/out/ (gitignored), deterministically
// (seeded PRNG), so every run measures the same bytes:
//   article-1mb.html   ~1 MB ketamine article, dense glossary terms, nested inline elements
//   slice-100kb.html   the first ~100 KB of the 1 MB article (for mark.js with a term array)
//   article-100kb.html ~100 KB ketamine article (its own text: the size of a long article people read)
//   article-20kb.html  ~20 KB ketamine article (a typical news or forum page)
//   neutral-1mb.html   ~1 MB, same structure, neutral words only (no glossary term)
//   article-5mb.html   ~5 MB ketamine article
//   blank.html         a same-origin start page (profiling starts here, before navigating)
// Alias texts come from data/glossary/*.json (tiers 1–3: tier 4 is never marked).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const OUT_DIR = join(ROOT, 'bench', 'out');

/** All alias objects of the glossary, with their entry id. */
export function loadAliases() {
  const dir = join(ROOT, 'data', 'glossary');
  const out = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    for (const entry of JSON.parse(readFileSync(join(dir, f), 'utf8'))) {
      for (const a of entry.aliases ?? []) out.push({ ...a, entry: entry.id });
    }
  }
  return out;
}

/** The alias texts the article uses and the mark.js baselines search for. */
export function benchAliasTexts() {
  const seen = new Set();
  const out = [];
  for (const a of loadAliases()) {
    if ((a.tier ?? 1) > 3 || seen.has(a.text)) continue;
    seen.add(a.text);
    out.push(a.text);
  }
  return out;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ARTICLE_FILLER = (
  'the of and in with for is can people who after a to many some often may that this when during ' +
  'study doctors reported most first also these than more time week dose were about their such ' +
  'because those clinic while before later several evidence effects care patients treatment ' +
  'reviewed hospital trial usually higher lower small large early shown described'
).split(' ');

// Neutral vocabulary: gardening, weather, craft. Filtered below against every
// alias and context word so the page really has no term.
const NEUTRAL_WORDS = (
  'garden window river morning table bridge cotton harbor lantern meadow pencil orchard violin ' +
  'pebble ladder basket candle copper saddle walnut barley thistle marble feather kettle blanket ' +
  'tomato cabbage sparrow willow chimney pottery weaving quilt lattice trellis compost seedling ' +
  'rainfall cloudy breeze sunshine frost autumn spring summer winter valley hill ' +
  'the of and in with for is can people who after a to many some often that this when during ' +
  'most first also these than more about their such because those while before later several ' +
  'usually small large early shown described neighbours painted wooden bright quiet gentle'
).split(' ');

function neutralWords() {
  const banned = new Set();
  for (const a of loadAliases()) {
    for (const w of a.text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w) banned.add(w);
    for (const c of [...(a.context ?? []), ...(a.negative ?? [])]) {
      for (const w of c.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w) banned.add(w);
    }
  }
  const ok = NEUTRAL_WORDS.filter((w) => !banned.has(w));
  return { ok, dropped: NEUTRAL_WORDS.filter((w) => banned.has(w)) };
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Builds one page of about `targetBytes`. With `terms` null the page is neutral.
 * Structure per paragraph: ~6 sentences, each with about one term; inline
 * elements (a, em, strong, span>b, i) nested up to two deep.
 */
function buildPage({ title, targetBytes, terms, seed }) {
  const rnd = mulberry32(seed);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const { ok: neutral } = neutralWords();
  const filler = terms ? ARTICLE_FILLER : neutral;
  const phrase = () => {
    if (terms) return esc(pick(terms));
    const n = 1 + Math.floor(rnd() * 2);
    return Array.from({ length: n }, () => pick(neutral)).join(' ');
  };
  const words = (n) => Array.from({ length: n }, () => pick(filler)).join(' ');
  const inline = (inner) => {
    const r = rnd();
    if (r < 0.25) return `<em>${inner}</em>`;
    if (r < 0.45) return `<strong>${inner}</strong>`;
    if (r < 0.65) return `<a href="#r${Math.floor(rnd() * 999)}">${inner}</a>`;
    if (r < 0.85) return `<span class="n"><b>${inner}</b></span>`;
    return `<i>${inner}</i>`;
  };
  const sentence = () => {
    // ~8 words + one term; a fifth of the terms and some fillers sit inside inline elements
    // (tuned to the 1 MB article of the budgets: ~10k elements, ~15k text nodes, ~14.6k matches).
    const before = words(2 + Math.floor(rnd() * 4));
    const after = words(2 + Math.floor(rnd() * 4));
    let term = phrase();
    if (rnd() < 0.2) term = inline(term);
    let tail = after;
    if (rnd() < 0.15) tail = `${words(1)} ${inline(words(2))} ${words(1)}`;
    const s = `${before} ${term} ${tail}`;
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const head = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px/1.5 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem}.n{color:#333}</style>
</head><body><article>
<h1>${title}</h1>
`;
  const parts = [head];
  let bytes = head.length;
  let i = 0;
  while (bytes < targetBytes) {
    let block;
    if (i % 12 === 0) block = `<h2>${sentence().slice(0, -1)}</h2>\n`;
    else if (i % 17 === 5) {
      block = `<ul>${Array.from({ length: 4 }, () => `<li>${sentence()}</li>`).join('')}</ul>\n`;
    } else if (i % 23 === 7) block = `<blockquote><p>${sentence()} ${sentence()}</p></blockquote>\n`;
    else if (i % 41 === 9) block = `<p>${sentence()} <code>const x = ${i};</code> ${sentence()}</p>\n`;
    else {
      const n = 4 + Math.floor(rnd() * 4);
      block = `<p>${Array.from({ length: n }, sentence).join(' ')}</p>\n`;
    }
    parts.push(block);
    bytes += Buffer.byteLength(block);
    i++;
  }
  parts.push('</article></body></html>\n');
  return parts;
}

/** Writes all pages; returns their file names and sizes. */
export function generatePages() {
  mkdirSync(OUT_DIR, { recursive: true });
  const terms = benchAliasTexts();
  const pages = {};
  const write = (name, parts) => {
    const html = parts.join('');
    writeFileSync(join(OUT_DIR, name), html);
    pages[name] = { file: name, bytes: Buffer.byteLength(html) };
  };
  const MB = 1024 * 1024;
  const article = buildPage({ title: 'Ketamine: a long article', targetBytes: MB, terms, seed: 1 });
  write('article-1mb.html', article);
  // The slice is the same article's first blocks, closed properly.
  const slice = [];
  let b = 0;
  for (const p of article.slice(0, -1)) {
    if (b > 100 * 1024) break;
    slice.push(p);
    b += Buffer.byteLength(p);
  }
  slice.push('</article></body></html>\n');
  write('slice-100kb.html', slice);
  // Articles of the sizes people actually read, same generator and density, own seeds.
  write(
    'article-100kb.html',
    buildPage({ title: 'Ketamine: what to know', targetBytes: 100 * 1024, terms, seed: 4 }),
  );
  write(
    'article-20kb.html',
    buildPage({ title: 'Ketamine, in short', targetBytes: 20 * 1024, terms, seed: 5 }),
  );
  write(
    'neutral-1mb.html',
    buildPage({ title: 'Notes from the garden', targetBytes: MB, terms: null, seed: 2 }),
  );
  write(
    'article-5mb.html',
    buildPage({ title: 'Ketamine: a very long article', targetBytes: 5 * MB, terms, seed: 3 }),
  );
  writeFileSync(join(OUT_DIR, 'blank.html'), '<!doctype html><title>blank</title><p>start</p>\n');
  return { pages, terms, neutralDropped: neutralWords().dropped };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { pages, terms, neutralDropped } = generatePages();
  console.log(pages, `${terms.length} alias texts; neutral words dropped: ${neutralDropped.join(', ')}`);
}
