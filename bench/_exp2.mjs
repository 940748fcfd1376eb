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
const page = ctx.pages()[0] ?? await ctx.newPage();
await page.goto(server.url + '/blank.html');
const s = await ctx.newCDPSession(page);
const events = [];
s.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => s.on('Tracing.tracingComplete', r));
await s.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'], excludedCategories: ['*'] } });
await s.send('Profiler.enable'); await s.send('Profiler.setSamplingInterval', { interval: 100 });
await s.send('Profiler.start');
const t0 = Date.now();
await page.goto(server.url + '/article-5mb.html', { waitUntil: 'load' });
console.log('load', Date.now() - t0);
await page.waitForTimeout(4000);
const { profile } = await s.send('Profiler.stop');
await s.send('Tracing.end'); await done;
console.log('events', events.length);
const names = new Map(); for (const e of events) { const k = e.cat + ' ' + e.name + ' ' + e.ph; names.set(k, (names.get(k) ?? 0) + 1); }
console.log([...names].sort((a, b) => b[1] - a[1]).slice(0, 60));
const threads = events.filter(e => e.name === 'thread_name').map(e => [e.pid, e.tid, e.args.name]);
console.log(threads);
const cs = events.filter(e => (e.args?.data?.url ?? '').includes('content.js'));
console.log(cs.slice(0, 5).map(e => [e.name, e.pid, e.tid, e.ts, e.dur]));
console.log('profile', profile.startTime, profile.endTime, 'trace ts range', Math.min(...events.filter(e=>e.ts).map(e => e.ts)), Math.max(...events.map(e => e.ts ?? 0)));
await ctx.close(); await server.close();
