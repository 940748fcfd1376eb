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
  ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
});
const sw = ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker');
console.log('ext', sw.url(), 'browser', ctx.browser());
const page = ctx.pages()[0] ?? await ctx.newPage();
await page.goto(server.url + '/blank.html');
const s = await ctx.newCDPSession(page);
await s.send('Profiler.enable'); await s.send('Profiler.setSamplingInterval', { interval: 100 });
await s.send('Profiler.start');
const t0 = Date.now();
await page.goto(server.url + '/article-1mb.html', { waitUntil: 'load' });
console.log('load', Date.now() - t0);
await page.waitForTimeout(3000);
const { profile } = await s.send('Profiler.stop');
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const urls = new Map(); for (const n of profile.nodes) urls.set(n.callFrame.url, (urls.get(n.callFrame.url) ?? 0) + 1);
console.log([...urls].slice(0, 20));
let self = 0, incl = 0, first = null, last = null, t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const d = profile.timeDeltas[i + 1] ?? 0;
  const n = byId.get(profile.samples[i]);
  if (n.callFrame.url.includes('content-scripts/content.js')) self += d;
  let id = n.id, hit = false; while (id) { if (byId.get(id).callFrame.url.includes('content-scripts/content.js')) { hit = true; break; } id = parent.get(id); }
  if (hit) { incl += d; first ??= t; last = t; }
}
console.log({ self: self / 1000, incl: incl / 1000, first: (first - profile.startTime) / 1000, last: (last - profile.startTime) / 1000, dur: (profile.endTime - profile.startTime) / 1000, n: profile.samples.length });
console.log(await page.evaluate(() => { let n = 0; for (const h of CSS.highlights.values()) n += h.size; return [n, document.getElementsByTagName('*').length]; }));
console.log(await s.send('Runtime.getHeapUsage'));
await ctx.close(); await server.close();
