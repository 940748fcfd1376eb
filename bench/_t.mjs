import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/find-browser.mjs';
import { startStaticServer } from '../scripts/static-server.mjs';
const EXT = resolve('.output/chrome-mv3');
const server = await startStaticServer({ root: resolve('bench/out') });
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'klb-')), {
  executablePath: findChromium(), headless: true, viewport: { width: 1100, height: 800 },
  args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
  ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'] });
const w = ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker');
const page = ctx.pages()[0];
const t0 = Date.now();
await page.goto(server.url + '/article-5mb.html');
console.log('load', Date.now() - t0);
for (let i = 0; i < 40; i++) {
  const t = await w.evaluate(async () => { const [tab] = await chrome.tabs.query({ active: true }); return tab ? chrome.action.getTitle({ tabId: tab.id }) : 'none'; });
  console.log(Date.now() - t0, t);
  await new Promise(r => setTimeout(r, 500));
}
await ctx.close(); await server.close();
