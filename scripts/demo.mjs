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

async function launch(colorScheme) {
  const profile = mkdtempSync(join(tmpdir(), 'kl-demo-'));
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    colorScheme,
    viewport: headless ? { width: 1200, height: 900 } : null,
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
  const point = await page.evaluate(() => {
    for (const h of CSS.highlights.values()) {
      for (const r of h) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        if (range.toString() !== 'Esketamine' || r.startContainer.parentElement?.tagName !== 'P') continue;
        range.startContainer.parentElement.scrollIntoView({ block: 'center' });
        const rect = range.getClientRects()[0];
        if (rect) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return null;
  });
  let popover = false;
  if (point) {
    await page.waitForTimeout(300);
    await page.mouse.move(point.x - 30, point.y - 30);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    popover = await page
      .waitForFunction(() => true, null, { timeout: 100 })
      .then(async () => {
        for (let i = 0; i < 40; i++) {
          if (page.frames().some((f) => f.url().includes('/popover.html'))) {
            const frame = page.frames().find((f) => f.url().includes('/popover.html'));
            if (await frame.evaluate(() => !!document.querySelector('[role="dialog"]')).catch(() => false))
              return true;
          }
          await page.waitForTimeout(50);
        }
        return false;
      });
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
await server.close();
console.log(`Marked ranges on screen: ${light.count}; popover opened: ${light.popover && dark.popover}`);
console.log(`Screenshots written to ${outDir}`);
process.exit(light.count > 0 && light.popover ? 0 : 1);
