// `npm run demo`: builds the extension, serves the bundled sample article on
// 127.0.0.1 and opens Chromium with the extension loaded. With no display (or
// --headless) it runs headless and writes screenshots to a folder it prints.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from './find-browser.mjs';
import { startStaticServer } from './static-server.mjs';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const outDir = resolve('demo-screenshots');

let executablePath;
try {
  executablePath = findChromium();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

console.log('Building the extension…');
const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const extension = resolve('.output/chrome-mv3');
const server = await startStaticServer({ root: resolve('demo') });
const articleUrl = `${server.url}/article.html`;
const profile = mkdtempSync(join(tmpdir(), 'kl-demo-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless,
  viewport: headless ? { width: 1200, height: 900 } : null,
  args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
});

const page = context.pages()[0] ?? (await context.newPage());
await page.goto(articleUrl);
console.log(`Sample article: ${articleUrl}`);

if (!headless) {
  console.log('Chromium is open with Ketamine Lens loaded. Hover a marked term; close the browser to finish.');
  await new Promise((resolveClose) => context.on('close', resolveClose));
  await server.close();
  process.exit(0);
}

mkdirSync(outDir, { recursive: true });
const count = await page
  .waitForFunction(() => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0) > 0, null, { timeout: 10_000 })
  .then(() => page.evaluate(() => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0)))
  .catch(() => 0);
await page.screenshot({ path: join(outDir, 'article-marked.png') });
console.log(`Marked ranges on screen: ${count}`);

// Hover the first marked term and wait for the popover.
const point = await page.evaluate(() => {
  for (const h of CSS.highlights.values()) {
    for (const r of h) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const rect = range.getClientRects()[0];
      if (rect && rect.top > 0 && rect.bottom < innerHeight) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
  }
  return null;
});
if (point) {
  await page.mouse.move(point.x - 40, point.y - 40);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await page.waitForTimeout(900);
  await page.screenshot({ path: join(outDir, 'popover-open.png') });
}
await context.close();
await server.close();
console.log(`Screenshots written to ${outDir}`);
process.exit(count > 0 ? 0 : 1);
