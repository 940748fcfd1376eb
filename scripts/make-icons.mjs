// Renders the one icon source, assets/icon.svg, to the PNG sizes the stores
// and browsers want (public/icon/<size>.png; WXT lists them in the manifest).
// Uses the system Chromium through playwright-core: nothing is downloaded.
//   npm run icons
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from './find-browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(root, 'assets/icon.svg');
const OUT_DIR = join(root, 'public/icon');
export const ICON_SIZES = [16, 32, 48, 96, 128];

const svg = readFileSync(SOURCE, 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

mkdirSync(OUT_DIR, { recursive: true });
const browser = await chromium.launch({
  executablePath: findChromium(),
  headless: true,
  args: CHROMIUM_FLAGS,
});
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        `<img src="${dataUrl}" width="${size}" height="${size}" style="display:block" alt="">` +
        `</body></html>`,
    );
    await page
      .locator('img')
      .evaluate((img) => (img.complete ? null : new Promise((ok) => (img.onload = ok))));
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    const file = join(OUT_DIR, `${size}.png`);
    writeFileSync(file, png);
    console.log(`${file.slice(root.length + 1)}  ${size}×${size}  ${png.length} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
}
