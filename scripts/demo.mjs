// `npm run demo`: builds the extension, serves the bundled sample article on
// 127.0.0.1 and opens Chromium with the extension loaded. With no display (or
// --headless) it runs headless and writes screenshots to a folder it prints:
// desktop (hover) and phone width (a tap, 390 × 844 touch screen), each in the
// light and the dark colour scheme. --docs also copies the README's images
// into docs/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from './find-browser.mjs';
import { startStaticServer } from './static-server.mjs';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const toDocs = process.argv.includes('--docs');
const outDir = resolve('demo-screenshots');
/** A phone in portrait (the size the touch tests use): touch screen, mobile viewport. */
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

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

// KL_OUT_DIR: the build's folder, as wxt.config.ts reads it.
const extension = resolve(process.env.KL_OUT_DIR ?? '.output', 'chrome-mv3');
const server = await startStaticServer({ root: resolve('demo') });
const articleUrl = `${server.url}/article.html`;

async function launch(colorScheme, device = null) {
  const profile = mkdtempSync(join(tmpdir(), 'kl-demo-'));
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    colorScheme,
    viewport: headless ? { width: 1200, height: 900 } : null,
    ...(device ?? {}),
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
  });
}

if (!headless) {
  const context = await launch('no-preference');
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(articleUrl);
  console.log(`Sample article: ${articleUrl}`);
  console.log(
    'Chromium is open with Ketamine Lens loaded. Hover a marked term; close the browser to finish.',
  );
  await new Promise((resolveClose) => context.on('close', resolveClose));
  await server.close();
  process.exit(0);
}

/** Whether the popover frame shows its dialog (polled for up to 2 s). */
async function dialogShown(page) {
  for (let i = 0; i < 40; i++) {
    const frame = page.frames().find((f) => f.url().includes('/popover.html'));
    if (frame && (await frame.evaluate(() => !!document.querySelector('[role="dialog"]')).catch(() => false)))
      return true;
    await page.waitForTimeout(50);
  }
  return false;
}

/** Centre of the first marked "Esketamine" that starts a paragraph, scrolled to `block`; null if none. */
function esketaminePoint(block) {
  for (const h of CSS.highlights.values()) {
    for (const r of h) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      if (range.toString() !== 'Esketamine' || r.startContainer.parentElement?.tagName !== 'P') continue;
      range.startContainer.parentElement.scrollIntoView({ block });
      // At the top of a phone screen, with a few lines of the article above it.
      if (block === 'start') scrollBy(0, -140);
      const rect = range.getClientRects()[0];
      if (rect) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
  }
  return null;
}

/** At phone width: taps "Esketamine" and screenshots the popover (full width, below the term). */
async function shootPhone(colorScheme) {
  const context = await launch(colorScheme, PHONE);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(articleUrl);
  await page
    .waitForFunction(() => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0) > 0, null, {
      timeout: 10_000,
    })
    .catch(() => {});
  await page.waitForTimeout(500);
  const point = await page.evaluate(esketaminePoint, 'start');
  let popover = false;
  if (point) {
    await page.touchscreen.tap(point.x, point.y);
    popover = await dialogShown(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outDir, `popover-phone-${colorScheme}.png`) });
  }
  await context.close();
  return popover;
}

/** Loads the article, screenshots it marked, then hovers a term and screenshots the popover. */
async function shoot(colorScheme) {
  const context = await launch(colorScheme);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(articleUrl);
  const count = await page
    .waitForFunction(() => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0) > 0, null, {
      timeout: 10_000,
    })
    .then(() => page.evaluate(() => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0)))
    .catch(() => 0);
  await page.screenshot({ path: join(outDir, `article-marked-${colorScheme}.png`) });
  // Hover "esketamine" in the article (a term with safety notes and sources).
  const point = await page.evaluate(esketaminePoint, 'center');
  let popover = false;
  if (point) {
    await page.waitForTimeout(300);
    await page.mouse.move(point.x - 30, point.y - 30);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    popover = await dialogShown(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outDir, `popover-${colorScheme}.png`) });
  }
  await context.close();
  return { count, popover };
}

mkdirSync(outDir, { recursive: true });
console.log(`Sample article: ${articleUrl}`);
const light = await shoot('light');
const dark = await shoot('dark');
const phone = (await shootPhone('light')) && (await shootPhone('dark'));
await server.close();
console.log(`Marked ranges on screen: ${light.count}; popover opened: ${light.popover && dark.popover}`);
console.log(`Phone width (390 px), popover opened by a tap: ${phone}`);
console.log(`Screenshots written to ${outDir}`);
if (toDocs) {
  // The images README.md shows.
  const docs = {
    'article-marked-light.png': 'article-marked.png',
    'popover-light.png': 'popover-light.png',
    'popover-dark.png': 'popover-dark.png',
    'popover-phone-light.png': 'popover-phone-light.png',
    'popover-phone-dark.png': 'popover-phone-dark.png',
  };
  for (const [from, to] of Object.entries(docs)) copyFileSync(join(outDir, from), resolve('docs', to));
  console.log('Copied the README images to docs/');
}
process.exit(light.count > 0 && light.popover && phone ? 0 : 1);
