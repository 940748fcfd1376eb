// Calm marking (docs/decisions/0012): screenshots and painted-range counts of the
// seed article (demo/article.html) a dense article (bench/pages/dense-article.html) and the bench 100 KB article
// with one build. Usage: node bench/calm-shots.mjs <build dir> <label> [tallHeight]
// Writes bench/out/calm-shots/<label>-*.png and prints JSON counts.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/find-browser.mjs';
import { startStaticServer } from '../scripts/static-server.mjs';

const [buildDir, label, tall = '0'] = process.argv.slice(2);
const ext = resolve(buildDir, 'chrome-mv3');
const out = resolve('bench/out/calm-shots');
mkdirSync(out, { recursive: true });

const demo = await startStaticServer({ root: resolve('demo') });
const bench = await startStaticServer({ root: resolve('bench/out') });
const dense = await startStaticServer({ root: resolve('bench/pages') });

/** In the page: every registered range with its block, section (preceding h1–h3) and colour. */
function probe() {
  const INLINE = new Set(
    'a abbr b bdi bdo big cite data dfn em font i ins del label mark nobr q s small span strike strong sub sup time tt u var wbr tspan'.split(
      ' ',
    ),
  );
  const block = (n) => {
    let el = n.parentElement;
    while (el && INLINE.has(el.localName)) el = el.parentElement;
    return el;
  };
  let safetyName = null;
  for (const s of document.adoptedStyleSheets)
    for (const r of s.cssRules)
      if (r.cssText.includes('196, 98, 16')) safetyName = /highlight\((\w+)\)/.exec(r.cssText)?.[1];
  const heads = [...document.querySelectorAll('h1,h2,h3')];
  const out = [];
  for (const [name, h] of CSS.highlights) {
    for (const r of h) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const b = block(r.startContainer);
      const rect = range.getBoundingClientRect();
      let section = -1;
      heads.forEach((hd, i) => {
        if (hd.compareDocumentPosition(r.startContainer) & 4 || hd.contains(r.startContainer)) section = i;
      });
      out.push({
        text: range.toString(),
        safety: name === safetyName,
        block: `${[...document.querySelectorAll(b.localName)].indexOf(b)}:${b.localName}`,
        section,
        onScreen: rect.bottom > 0 && rect.top < innerHeight,
      });
    }
  }
  return out;
}

const N = 3;
function summarise(ranges) {
  const key = (r) => r.text.toLowerCase();
  const perBlock = new Map();
  for (const r of ranges) {
    const k = r.block;
    perBlock.set(k, [...(perBlock.get(k) ?? []), key(r)]);
  }
  const counts = {};
  for (const r of ranges) counts[key(r)] = (counts[key(r)] ?? 0) + 1;
  let blocksWithRepeat = 0;
  for (const list of perBlock.values()) if (new Set(list).size < list.length) blocksWithRepeat++;
  // What a per-section rule would leave: a term painted more than N times on the
  // page (by its text, an approximation of its entry) painted once per section;
  // with safety terms kept per block, and with them thinned too.
  const sectionRule = (withSafety) => {
    const seen = new Set();
    let n = 0;
    for (const r of ranges) {
      const topic = counts[key(r)] > N && (withSafety || !r.safety);
      const k = `${r.section}|${key(r)}`;
      if (topic && seen.has(k)) continue;
      seen.add(k);
      n++;
    }
    return n;
  };
  return {
    ranges: ranges.length,
    ifPerSectionTopicNonSafety: sectionRule(false),
    ifPerSectionTopicAll: sectionRule(true),
    safety: ranges.filter((r) => r.safety).length,
    onScreen: ranges.filter((r) => r.onScreen).length,
    blocks: perBlock.size,
    blocksPaintingATextTwice: blocksWithRepeat,
    top: Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([t, n]) => `${t}×${n}`)
      .join(', '),
  };
}

async function run(url, name, height) {
  const profile = mkdtempSync(join(tmpdir(), 'kl-calm-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1100, height },
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    // Marks settle: the same count three times in a row.
    let last = -1;
    let same = 0;
    for (let i = 0; i < 100 && same < 3; i++) {
      await page.waitForTimeout(200);
      const n = await page.evaluate(() => [...CSS.highlights.values()].reduce((a, h) => a + h.size, 0));
      same = n === last && n > 0 ? same + 1 : 0;
      last = n;
    }
    if (height < 2000 || name === 'dense-whole')
      await page.screenshot({ path: join(out, `${label}-${name}.png`) });
    return summarise(await page.evaluate(probe));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const result = {
  seed: await run(`${demo.url}/article.html`, 'seed', 900),
  dense: await run(`${dense.url}/dense-article.html`, 'dense', 900),
  denseWhole: await run(`${dense.url}/dense-article.html`, 'dense-whole', 4000),
  bench100kb: await run(`${bench.url}/article-100kb.html`, 'bench-100kb', 900),
};
if (Number(tall))
  result.denseWholePage = await run(`${bench.url}/article-100kb.html`, 'dense-all', Number(tall));
console.log(JSON.stringify({ label, ...result }, null, 1));
await demo.close();
await bench.close();
await dense.close();
