import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/find-browser.mjs';
import { startStaticServer } from '../scripts/static-server.mjs';
const EXT = resolve('.output/chrome-mv3');
const withExt = process.argv[2] !== 'noext';
const server = await startStaticServer({ root: resolve('bench/out') });
const args = [...CHROMIUM_FLAGS]; if (withExt) args.push(`--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`);
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'klb-')), {
  executablePath: findChromium(), headless: true, viewport: { width: 1100, height: 800 }, args,
  ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
});
if (withExt) ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker');
const page = ctx.pages()[0] ?? await ctx.newPage();
await page.goto(server.url + '/blank.html');
const s = await ctx.newCDPSession(page);
const events = [];
s.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => s.on('Tracing.tracingComplete', r));
await s.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'], excludedCategories: ['*'] } });
await s.send('Profiler.enable'); await s.send('Profiler.setSamplingInterval', { interval: 100 });
await s.send('Profiler.start');
await page.goto(server.url + '/' + (process.argv[3] ?? 'article-5mb.html'), { waitUntil: 'load' });
await page.waitForTimeout(3000);
const { profile } = await s.send('Profiler.stop');
await s.send('Tracing.end'); await done;
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const isCS = new Map();
const cs = (id) => { if (isCS.has(id)) return isCS.get(id); const n = byId.get(id); const v = n.callFrame.url.includes('content-scripts/content.js') || (parent.has(id) && cs(parent.get(id))); isCS.set(id, v); return v; };
const samples = []; let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) { t += profile.timeDeltas[i]; samples.push([t, profile.timeDeltas[i + 1] ?? 0, cs(profile.samples[i]), byId.get(profile.samples[i]).callFrame.functionName]); }
const main = events.find(e => e.name === 'thread_name' && e.args.name === 'CrRendererMain' && events.some(x => x.pid === e.pid && x.name === 'ParseHTML'));
const tasks = events.filter(e => e.name === 'RunTask' && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid).sort((a, b) => a.ts - b.ts);
const marks = events.filter(e => e.pid === main.pid && ['MarkLoad', 'MarkDOMContent', 'navigationStart'].includes(e.name)).map(e => [e.name, e.ts]);
console.log(marks);
const rows = tasks.map(tk => { let csT = 0, all = 0; for (const [ts, d, c] of samples) if (ts >= tk.ts && ts <= tk.ts + tk.dur) { all += d; if (c) csT += d; } 
  const kids = events.filter(e => e.pid === main.pid && e.tid === main.tid && e.ts >= tk.ts && e.ts < tk.ts + tk.dur && e.dur > 5000 && e.name !== 'RunTask').map(e => `${e.name}:${(e.dur / 1000).toFixed(1)}`);
  return { ts: tk.ts, dur: tk.dur / 1000, cs: csT / 1000, all: all / 1000, kids: kids.slice(0, 6).join(' ') }; });
console.log(rows.sort((a, b) => b.dur - a.dur).slice(0, 12));
console.log('cs tasks longest', rows.filter(r => r.cs > 0).sort((a, b) => b.dur - a.dur).slice(0, 8));
console.log('total cs', rows.reduce((a, r) => a + r.cs, 0), 'samples cs', samples.filter(s => s[2]).reduce((a, s) => a + s[1], 0) / 1000);
await ctx.close(); await server.close();
