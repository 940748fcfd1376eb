// Ketamine Lens benchmark (budgets: docs/architecture.md): drives the built extension in real
// Chromium and measures it side by side, in ONE run, against baselines
// injected into the same pages in a second Chromium without the extension:
// mark.js (combined RegExp; term array) and a bare TreeWalker pass (the floor).
//
//   npm run bench            (builds, then runs this)
//   node bench/run.mjs       (uses the existing .output/chrome-mv3)
//   BENCH_REPS=7 node bench/run.mjs
//
// Prints a markdown table and writes bench/RESULTS.md. Every loop and wait is
// bounded; a watchdog ends the run after 10 minutes.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/find-browser.mjs';
import { startStaticServer } from '../scripts/static-server.mjs';
import {
  analyzeTasks,
  median,
  min,
  rendererMain,
  SAMPLING_INTERVAL_US,
  scriptEntries,
  scriptTime,
  startProfile,
  startTrace,
  stopProfile,
  sumEntries,
  withTimeout,
} from './cdp.mjs';
import { generatePages, OUT_DIR } from './gen-pages.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const REPS = Math.max(5, Number(process.env.BENCH_REPS ?? 5));
const FRAME_SAMPLES = 40;
/** Rounds the frame samples are taken in, alternating with and without the extension. */
const FRAME_ROUNDS = 4;
const SETTLE_MS = 3000; // profile window after the load event (load + 3 s)
const WINDOW_5MB_MIN_MS = 2000; // 5 MB: at least load + 2 s, then until the extension's count is stable for 1.5 s
const WINDOW_5MB_MAX_MS = 12_000;
const BASE_WINDOW_5MB_MS = 2000;
const MARK_ARRAY_REP_TIMEOUT_MS = 40_000;
const MARK_ARRAY_PHASE_BUDGET_MS = 60_000;
const CONTENT_URL = 'page-lens.js';
const MARKJS = join(ROOT, 'node_modules/mark.js/dist/mark.min.js');
const T0 = Date.now();

const watchdog = setTimeout(() => {
  console.error('bench: watchdog — the run took over 10 minutes, giving up');
  process.exit(2);
}, 10 * 60_000);
watchdog.unref();

const log = (...a) => console.error(`[${((Date.now() - T0) / 1000).toFixed(0).padStart(3)} s]`, ...a);

// ---- the extension under test: a snapshot, so concurrent builds cannot change it mid-run

function snapshotExtension() {
  const src = join(ROOT, '.output/chrome-mv3');
  if (!existsSync(join(src, 'manifest.json'))) {
    log('no built extension: running `npx wxt build` once');
    const r = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 180_000 });
    if (r.status !== 0) throw new Error('wxt build failed');
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const dst = mkdtempSync(join(tmpdir(), 'kl-bench-ext-'));
    try {
      cpSync(src, dst, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(dst, 'manifest.json'), 'utf8'));
      const content = readFileSync(join(dst, CONTENT_URL));
      if (content.length > 0 && manifest.content_scripts) {
        return { dir: dst, content, builtAt: statSync(join(src, CONTENT_URL)).mtime };
      }
    } catch {}
    rmSync(dst, { recursive: true, force: true });
    spawnSync('sleep', ['2']); // a build may be writing .output right now
  }
  throw new Error('could not copy a complete .output/chrome-mv3');
}

/**
 * The same extension built to walk and precheck but find nothing
 * (WXT_BENCH_NO_MATCH, see lib/content/page-matcher.ts): its CPU on the
 * article is what this design spends before any matching or marking.
 */
function buildNoMatchVariant() {
  const out = mkdtempSync(join(tmpdir(), 'kl-bench-nomatch-'));
  const r = spawnSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    env: { ...process.env, KL_OUT_DIR: out, WXT_BENCH_NO_MATCH: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error('wxt build of the no-matching variant failed');
  return { dir: join(out, 'chrome-mv3'), root: out };
}

// ---- browsers

const EXECUTABLE = findChromium();

async function launch({ extensionDir }) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kl-bench-profile-'));
  const args = [...CHROMIUM_FLAGS];
  if (extensionDir)
    args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: EXECUTABLE,
    headless: true,
    args,
    viewport: { width: 1100, height: 800 },
    // same flags for both browsers: the only difference is --load-extension
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    timeout: 60_000,
  });
  let worker = null;
  if (extensionDir) {
    worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    // Cross-check: when were the marks (registered CSS highlights) last changed?
    // Main world, 1 MB article only; stops itself (or on __klMarks.stop).
    await context.addInitScript(() => {
      if (!location.pathname.includes('article-1mb')) return;
      const st = { size: 0, first: 0, last: 0, changes: 0, stop: false };
      Object.defineProperty(window, '__klMarks', { value: st });
      const id = setInterval(() => {
        let n = 0;
        try {
          for (const h of CSS.highlights.values()) n += h.size;
        } catch {}
        if (n !== st.size) {
          st.size = n;
          st.last = performance.now();
          if (!st.first) st.first = st.last;
          st.changes++;
        }
        if (st.stop || performance.now() > 20_000) clearInterval(id);
      }, 10);
    });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(60_000);
  const session = await context.newCDPSession(page);
  return {
    context,
    worker,
    page,
    session,
    version: context.browser()?.version() ?? '',
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function freshPage(b) {
  // after a killed (timed-out) evaluation: a new tab and session
  await b.page.close({ runBeforeUnload: false }).catch(() => {});
  b.page = await b.context.newPage();
  b.page.setDefaultTimeout(60_000);
  b.session = await b.context.newCDPSession(b.page);
}

let BASE_URL = '';
const url = (file) => `${BASE_URL}/${file}`;

/** Navigates to a blank same-origin page (same renderer), then to `file`. */
async function load(b, file) {
  await b.page.goto(url('blank.html'));
  await b.page.goto(url(file), { waitUntil: 'load' });
}

// ---- measurements: with the extension

/**
 * Loads `file` under a trace and a CPU profile (both started on a same-origin
 * blank page, so the renderer stays) and waits `windowMs` after the load event.
 * Content-script time = its top-level JS entry events on the page's main
 * thread (thread CPU and wall), plus the sampled profile as a cross-check.
 */
async function extProfiledLoad(b, file, { windowMs, untilStable = false }) {
  await b.page.goto(url('blank.html'));
  const tracer = await startTrace(b.session);
  await startProfile(b.session);
  await b.page.goto(url(file), { waitUntil: 'load' });
  let waited = windowMs;
  if (untilStable) waited = await waitForStableCount(b, windowMs, WINDOW_5MB_MAX_MS);
  else await sleep(windowMs);
  const profile = await stopProfile(b.session);
  const events = await tracer.stop();
  const sampled = scriptTime(profile, CONTENT_URL);
  const main = rendererMain(events, file);
  const entries = scriptEntries(events, main, {
    urlPart: CONTENT_URL,
    samples: sampled.samples,
    microtasks: true,
  });
  const sum = sumEntries(entries);
  // Still scanning at the end? (> 1 ms of its CPU in the last 500 ms; the script
  // also wakes briefly every ~2 s, which is not a scan.)
  const tailCpu = entries.filter((x) => x.end > sampled.endTs - 500_000).reduce((a, x) => a + x.cpu, 0);
  return {
    cpu: sum.cpuMs,
    wall: sum.wallMs,
    sampled: sampled.ms,
    gapShare: sampled.gapShare,
    stillRunning: tailCpu > 1,
    found: main !== null && entries.length > 0,
    waited,
    events,
    main,
    entries,
    samples: sampled.samples,
  };
}

async function heapUsage(session) {
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  await sleep(100);
  await session.send('HeapProfiler.collectGarbage');
  const h = await session.send('Runtime.getHeapUsage');
  return {
    js: h.usedSize,
    embedder: h.embedderHeapUsedSize ?? 0,
    total: h.usedSize + (h.embedderHeapUsedSize ?? 0),
  };
}

/**
 * The extension's own count of marks, as the background shows it in the
 * action title ("Ketamine Lens: N terms explained on this page"). Asking the
 * service worker adds no work to the page under test. null if unreadable.
 */
async function actionCount(b) {
  try {
    const title = await withTimeout(
      b.worker.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true });
        return tab ? chrome.action.getTitle({ tabId: tab.id }) : '';
      }),
      3000,
      'action title',
    );
    const m = /(\d+) terms?/.exec(title);
    return m ? Number(m[1]) : 0;
  } catch {
    return null;
  }
}

/** Waits at least `minMs`, then until the count is unchanged for 1.5 s (at most `maxMs`). Returns ms waited. */
async function waitForStableCount(b, minMs, maxMs) {
  const start = Date.now();
  await sleep(minMs);
  let last = await actionCount(b);
  let stableSince = Date.now();
  while (Date.now() - start < maxMs) {
    await sleep(250);
    const now = await actionCount(b);
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 1500) break;
  }
  return Date.now() - start;
}

/** Total marks the extension found (its own store, not only the registered ones), via the popup's message. */
async function extTotalMarks(b) {
  try {
    const replies = await withTimeout(
      b.worker.evaluate(async () => {
        const out = [];
        for (const t of await chrome.tabs.query({})) {
          try {
            out.push(await chrome.tabs.sendMessage(t.id, { type: 'kl:get-page-terms' }, { frameId: 0 }));
          } catch {}
        }
        return out;
      }),
      5000,
      'page terms',
    );
    const on = replies.find((r) => r && r.state === 'on');
    if (!on) return null;
    return on.terms.reduce((a, t) => a + t.count, 0);
  } catch {
    return null;
  }
}

// ---- measurements: baselines (no extension)

// Baselines run from a timer inside a script with a sourceURL, so the trace
// shows them as one FunctionCall with that URL (same instrument as the extension).
const RUNNER = 'bench-runner.js';
const RUNNER_SRC = `window.__benchWalk = () => new Promise((resolve) => setTimeout(() => {
  const t0 = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0, chars = 0;
  while (w.nextNode()) { nodes++; chars += w.currentNode.data.length; }
  resolve({ ms: performance.now() - t0, nodes, chars });
}, 0));
window.__benchMarkRegExp = (src) => new Promise((resolve) => setTimeout(() => {
  const re = new RegExp(src, 'gi');
  const t0 = performance.now();
  new window.Mark(document.body).markRegExp(re, { done: (count) => resolve({ ms: performance.now() - t0, count }) });
}, 0));
//# sourceURL=${RUNNER}`;

/** Runs `fn` (which triggers a runner) under a trace and a CPU profile. */
async function measured(b, fn) {
  const tracer = await startTrace(b.session);
  await startProfile(b.session);
  let value;
  let failure = null;
  try {
    value = await fn();
  } catch (error) {
    failure = error;
  }
  const profile = await stopProfile(b.session).catch(() => null);
  const events = await tracer.stop().catch(() => []);
  if (failure) throw failure;
  const main = rendererMain(events, RUNNER);
  const sum = sumEntries(scriptEntries(events, main, { urlPart: RUNNER }));
  return {
    value,
    cpu: main ? sum.cpuMs : Number.NaN,
    wall: main ? sum.wallMs : Number.NaN,
    sampled: profile ? scriptTime(profile, RUNNER).ms : Number.NaN,
  };
}

async function baseWalk(b) {
  await b.page.addScriptTag({ content: RUNNER_SRC });
  const m = await measured(b, () => b.page.evaluate(() => window.__benchWalk()));
  const elements = await b.page.evaluate(() => document.getElementsByTagName('*').length);
  return { ...m, now: m.value.ms, stats: { elements, textNodes: m.value.nodes, chars: m.value.chars } };
}

/**
 * What a content script cannot go below: the same cold passes run in an
 * isolated world (where a content script lives; every DOM wrapper is made
 * anew there), each in a world of its own on the loaded article, timed in the
 * page with performance.now(). `walk`: the bare TreeWalker pass; `textPass`:
 * read the text once (textContent) and look at every character once (a
 * charCodeAt loop, as cold as any scanner's first run on a page).
 */
const FLOOR_SRC = {
  walk: `(() => { const t0 = performance.now(); const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let chars = 0; while (w.nextNode()) chars += w.currentNode.data.length; return { ms: performance.now() - t0, chars }; })()`,
  textPass: `(() => { const t0 = performance.now(); const s = document.body.textContent; let x = 0;
    for (let i = 0; i < s.length; i++) x = (x + s.charCodeAt(i)) | 0; return { ms: performance.now() - t0, chars: s.length, x }; })()`,
};
let floorWorld = 0;

async function isolatedFloors(b, file) {
  await load(b, file);
  await sleep(500);
  const { frameTree } = await b.session.send('Page.getFrameTree');
  const out = {};
  for (const [name, expression] of Object.entries(FLOOR_SRC)) {
    const { executionContextId } = await b.session.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: `bench-floor-${floorWorld++}`,
    });
    const { result } = await b.session.send('Runtime.evaluate', {
      expression,
      contextId: executionContextId,
      returnByValue: true,
    });
    out[name] = result.value?.ms ?? Number.NaN;
  }
  return out;
}

async function baseMarkRegExp(b, file, source) {
  await load(b, file);
  await sleep(500); // first layout done
  await b.page.addScriptTag({ path: MARKJS });
  await b.page.addScriptTag({ content: RUNNER_SRC });
  const m = await measured(b, () => b.page.evaluate((src) => window.__benchMarkRegExp(src), source));
  return { ...m, now: m.value.ms, count: m.value.count };
}

async function baseMarkArray(b, file, aliases) {
  await load(b, file);
  await sleep(300);
  const chars = await b.page.evaluate(() => document.body.textContent.length);
  await b.page.addScriptTag({ path: MARKJS });
  const run = b.page.evaluate(
    (terms) =>
      new Promise((resolveMark) => {
        const t0 = performance.now();
        new window.Mark(document.body).mark(terms, {
          separateWordSearch: false,
          accuracy: 'exactly',
          done: (count) => resolveMark({ ms: performance.now() - t0, count }),
        });
      }),
    aliases,
  );
  try {
    return { ...(await withTimeout(run, MARK_ARRAY_REP_TIMEOUT_MS, 'mark.js array')), chars };
  } catch {
    run.catch(() => {});
    await freshPage(b); // the renderer is stuck in mark.js: drop the tab
    return { ms: Number.POSITIVE_INFINITY, count: null, chars, timedOut: true };
  }
}

// ---- shared: the page's own DOM change → next frame

async function frameCost(b, samples) {
  await load(b, 'article-1mb.html');
  await sleep(SETTLE_MS);
  return b.page.evaluate(async (n) => {
    if (window.__klMarks) window.__klMarks.stop = true;
    const art = document.querySelector('article') ?? document.body;
    const src =
      [...art.querySelectorAll('p')].find((p) => p.textContent.length > 300) ?? art.lastElementChild;
    const raf = () => new Promise((r) => requestAnimationFrame(r));
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    const next = [];
    const render = [];
    await raf();
    await raf();
    for (let i = 0; i < n; i++) {
      await raf(); // we are inside a rAF callback's microtask checkpoint: this frame renders our change
      const t0 = performance.now();
      art.appendChild(src.cloneNode(true));
      let tr = 0;
      const mc = new MessageChannel();
      mc.port1.onmessage = () => {
        tr = performance.now(); // first task after this frame's rendering
      };
      mc.port2.postMessage(0);
      await raf();
      next.push(performance.now() - t0);
      render.push(tr ? tr - t0 : Number.NaN);
      await wait(120);
    }
    return { next, render };
  }, samples);
}

// ---- formatting

const fmtMs = (x) => {
  if (x === Number.POSITIVE_INFINITY) return '∞';
  if (!Number.isFinite(x)) return 'n/a';
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(2)} ms`;
};
const fmtMB = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const medMin = (xs, f = fmtMs) => `${f(median(xs))} (min ${f(min(xs))})`;
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN);
const fmtX = (r) => (Number.isFinite(r) ? `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×` : 'n/a');
const verdict = (ok) => (ok === null ? '—' : ok ? 'pass' : '**FAIL**');

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- main

async function main() {
  log('generating pages');
  const { pages, terms } = generatePages();
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  const combinedSource = `\\b(?:${sorted.map(escapeRegExp).join('|')})\\b`;

  const ext = snapshotExtension();
  const gz6 = gzipSync(ext.content).length;
  const gz9 = gzipSync(ext.content, { level: 9 }).length;

  const server = await startStaticServer({ root: OUT_DIR });
  BASE_URL = server.url;
  log('launching Chromium with and without the extension');
  const withExt = await launch({ extensionDir: ext.dir });
  log('building the no-matching variant');
  const noMatch = buildNoMatchVariant();
  const withNoMatch = await launch({ extensionDir: noMatch.dir });
  const noExt = await launch({ extensionDir: null });
  const loadStart = loadavg()[0];

  // Each timing entry: { cpu, wall, sampled } in ms (see cdp.mjs).
  const R = {
    extArticle: [],
    extArticleStill: 0,
    extNotFound: 0,
    gapShare: [],
    marksLast: [],
    marksRegistered: [],
    loadEvent: [],
    extHeap: [],
    baseHeap: [],
    walkArticle: [],
    noMatchArticle: [],
    noMatchMarks: null,
    floorWalk: [],
    floorTextPass: [],
    markReArticle: [],
    markReArticleCount: null,
    extNeutral: [],
    extNeutralStill: 0,
    walkNeutral: [],
    markReNeutral: [],
    extArticleMarks: null,
    extNeutralMarks: null,
    ext5Marks: null,
    markArray: [],
    markArrayCount: null,
    sliceChars: null,
    articleStats: null,
    neutralStats: null,
    longestTask: [],
    longestTaskCpu: [],
    longestTaskExtMs: [],
    longestTaskParts: [],
    maxExtJsInOneTask: [],
    maxExtCpuInOneTask: [],
    window5: [],
    extTasksOver50: [],
    ext5: [],
    ext5Still: 0,
    ioExt: [],
    ioBase: [],
    base5AfterDcl: [],
    frames: null,
  };
  const take = (m) => ({ cpu: m.cpu, wall: m.wall, sampled: m.sampled, now: m.now });

  try {
    // 1–3, 7. 1 MB article: extension CPU, marks settle, heap; baselines interleaved per repetition.
    for (let r = 0; r < REPS; r++) {
      log(`1 MB article, repetition ${r + 1}/${REPS}`);
      const e = await extProfiledLoad(withExt, 'article-1mb.html', { windowMs: SETTLE_MS });
      R.extArticle.push(take(e));
      R.gapShare.push(e.gapShare);
      if (e.stillRunning) R.extArticleStill++;
      if (!e.found) R.extNotFound++;
      const marks = await withExt.page.evaluate(() => ({
        ...(window.__klMarks ?? {}),
        load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? Number.NaN,
      }));
      R.marksLast.push(marks.last || Number.NaN);
      R.marksRegistered.push(marks.size ?? Number.NaN);
      R.loadEvent.push(marks.load);
      R.extHeap.push(await heapUsage(withExt.session));
      if (r === 0) R.extArticleMarks = await extTotalMarks(withExt);

      const z = await extProfiledLoad(withNoMatch, 'article-1mb.html', { windowMs: SETTLE_MS });
      R.noMatchArticle.push(take(z));
      if (r === 0) R.noMatchMarks = await extTotalMarks(withNoMatch);

      await load(noExt, 'article-1mb.html');
      await sleep(SETTLE_MS); // same settle time as with the extension, for the heap
      R.baseHeap.push(await heapUsage(noExt.session));
      const w = await baseWalk(noExt);
      R.walkArticle.push(take(w));
      R.articleStats = w.stats;

      const m = await baseMarkRegExp(noExt, 'article-1mb.html', combinedSource);
      R.markReArticle.push(take(m));
      R.markReArticleCount = m.count;

      const f = await isolatedFloors(noExt, 'article-1mb.html');
      R.floorWalk.push(f.walk);
      R.floorTextPass.push(f.textPass);
    }

    // 4. 1 MB page without terms.
    for (let r = 0; r < REPS; r++) {
      log(`1 MB page without terms, repetition ${r + 1}/${REPS}`);
      const e = await extProfiledLoad(withExt, 'neutral-1mb.html', { windowMs: SETTLE_MS });
      R.extNeutral.push(take(e));
      if (e.stillRunning) R.extNeutralStill++;
      if (!e.found) R.extNotFound++;
      if (r === 0) R.extNeutralMarks = await extTotalMarks(withExt);

      await load(noExt, 'neutral-1mb.html');
      await sleep(500);
      const w = await baseWalk(noExt);
      R.walkNeutral.push(take(w));
      R.neutralStats = w.stats;

      const m = await baseMarkRegExp(noExt, 'neutral-1mb.html', combinedSource);
      R.markReNeutral.push(take(m));
    }

    // 3b. mark.js with the term array, on the first 100 KB of the article, scaled by text length.
    const phaseStart = Date.now();
    for (let r = 0; r < REPS; r++) {
      if (Date.now() - phaseStart > MARK_ARRAY_PHASE_BUDGET_MS) break;
      log(`mark.js term array on the 100 KB slice, repetition ${r + 1}/${REPS}`);
      const m = await baseMarkArray(noExt, 'article-100kb.html', terms);
      R.markArray.push(m.ms);
      R.markArrayCount = m.count ?? R.markArrayCount;
      R.sliceChars = m.chars;
      if (m.timedOut) break;
    }

    // 5. 5 MB page: longest main-thread task that ran the extension.
    for (let r = 0; r < REPS; r++) {
      log(`5 MB page, repetition ${r + 1}/${REPS}`);
      const e = await extProfiledLoad(withExt, 'article-5mb.html', {
        windowMs: WINDOW_5MB_MIN_MS,
        untilStable: true,
      });
      R.window5.push(e.waited);
      const a = analyzeTasks(e.events, e.main, e.entries, e.samples);
      R.longestTask.push(a?.longestExtTask?.dur ?? Number.NaN);
      R.longestTaskCpu.push(a?.longestExtTask?.cpu ?? Number.NaN);
      R.longestTaskExtMs.push(a?.longestExtTask?.extMs ?? Number.NaN);
      R.longestTaskParts.push(a?.longestExtTask?.parts ?? []);
      R.maxExtJsInOneTask.push(a?.maxExtJsInOneTask ?? Number.NaN);
      R.maxExtCpuInOneTask.push(a?.maxExtCpuInOneTask ?? Number.NaN);
      R.extTasksOver50.push(a?.extTasksOver50 ?? Number.NaN);
      R.ioExt.push(a?.longestIntersectionMs ?? Number.NaN);
      R.ext5.push(take(e));
      if (e.stillRunning) R.ext5Still++;
      if (!e.found) R.extNotFound++;
      e.events.length = 0;
      if (r === 0) R.ext5Marks = await extTotalMarks(withExt);

      await noExt.page.goto(url('blank.html'));
      const tracer = await startTrace(noExt.session);
      await startProfile(noExt.session);
      await noExt.page.goto(url('article-5mb.html'), { waitUntil: 'load' });
      await sleep(BASE_WINDOW_5MB_MS);
      await stopProfile(noExt.session);
      const events = await tracer.stop();
      const b = analyzeTasks(events, rendererMain(events, 'article-5mb.html'), [], []);
      R.ioBase.push(b?.longestIntersectionMs ?? Number.NaN);
      R.base5AfterDcl.push(b?.longestTaskAfterDcl ?? Number.NaN);
    }

    // 6. The page's own DOM change → next frame.
    log('DOM change → next frame, with and without the extension');
    // Alternating rounds, so the machine's drift over the minute this takes
    // lands on both sides instead of on the difference.
    R.frames = { ext: { next: [], render: [] }, base: { next: [], render: [] } };
    for (let round = 0; round < FRAME_ROUNDS; round++) {
      for (const [side, b] of [
        ['ext', withExt],
        ['base', noExt],
      ]) {
        const got = await frameCost(b, FRAME_SAMPLES / FRAME_ROUNDS);
        R.frames[side].next.push(...got.next);
        R.frames[side].render.push(...got.render);
      }
    }
  } finally {
    await withExt.close();
    await noExt.close();
    await withNoMatch.close();
    rmSync(noMatch.root, { recursive: true, force: true });
    await server.close();
    rmSync(ext.dir, { recursive: true, force: true });
  }
  const loadEnd = loadavg()[0];
  log('done measuring');

  // ---- table (pass/fail on medians)
  const col = (list, key = 'cpu') => list.map((x) => x[key]);
  const rows = [];
  const add = (measure, value, baseline, r, budget, ok) =>
    rows.push({ measure, value, baseline, ratio: r, budget, ok });

  const extA = median(col(R.extArticle));
  const reA = median(col(R.markReArticle));
  const walkA = median(col(R.walkArticle));
  add(
    'Scan + highlight, 1 MB article: content-script CPU (thread time)',
    medMin(col(R.extArticle)),
    `mark.js RegExp: ${medMin(col(R.markReArticle))}`,
    `ext ÷ mark.js = ${fmtX(ratio(extA, reA))}`,
    '≤ 0.4× mark.js RegExp',
    verdict(ratio(extA, reA) <= 0.4),
  );
  const scale = R.articleStats && R.sliceChars ? R.articleStats.chars / R.sliceChars : Number.NaN;
  const arrMed = median(R.markArray);
  const arrTimedOut = R.markArray.some((x) => x === Number.POSITIVE_INFINITY);
  add(
    '  same, vs mark.js with the term array (wall time)',
    `${fmtMs(median(col(R.extArticle, 'wall')))} (wall)`,
    arrTimedOut
      ? `> ${fmtMs(MARK_ARRAY_REP_TIMEOUT_MS)} on the 100 KB slice (> ${fmtMs(MARK_ARRAY_REP_TIMEOUT_MS * scale)} at 1 MB)`
      : `≈ ${fmtMs(arrMed * scale)} estimated (100 KB slice: ${medMin(R.markArray)}, n=${R.markArray.length}, scaled ×${scale.toFixed(1)})`,
    `mark.js ÷ ext = ${fmtX(ratio(arrMed * scale, median(col(R.extArticle, 'wall'))))}`,
    'anchor (first measured: 50.9 s)',
    '—',
  );
  add(
    '  same, vs bare TreeWalker pass (the floor)',
    fmtMs(extA),
    `walk: ${medMin(col(R.walkArticle))}`,
    `ext ÷ walk = ${fmtX(ratio(extA, walkA))}`,
    'anchor',
    '—',
  );
  const floorA = median(R.floorWalk) + median(R.floorTextPass);
  add(
    '  same, vs what a content script cannot go below (isolated world, cold, in-page clock)',
    fmtMs(extA),
    `walk: ${medMin(R.floorWalk)}; textContent + one charCodeAt pass: ${medMin(R.floorTextPass)}; together ${fmtMs(floorA)}`,
    `ext ÷ floors = ${fmtX(ratio(extA, floorA))}; floors are ${(100 * ratio(floorA, reA)).toFixed(0)} % of mark.js`,
    '≤ 3× the floors',
    verdict(ratio(extA, floorA) <= 3),
  );
  const noMatchA = median(col(R.noMatchArticle));
  add(
    '  same, built to find nothing (start-up, precheck and walk only; no matching, no marks)',
    medMin(col(R.noMatchArticle)),
    `marks: ${R.noMatchMarks ?? 'n/a'}`,
    `${(100 * ratio(noMatchA, extA)).toFixed(0)} % of the extension; ${(100 * ratio(noMatchA, 0.4 * reA)).toFixed(0)} % of the budget (${fmtMs(0.4 * reA)})`,
    'anchor',
    '—',
  );
  add(
    '  cross-check: marks stop changing (CSS.highlights size), from navigation start',
    medMin(R.marksLast),
    `load event: ${medMin(R.loadEvent)}`,
    `load + ${fmtMs(median(R.marksLast) - median(R.loadEvent))}`,
    '—',
    '—',
  );
  const extN = median(col(R.extNeutral));
  const walkN = median(col(R.walkNeutral));
  add(
    'Scan, 1 MB page without terms: content-script CPU incl. start-up',
    medMin(col(R.extNeutral)),
    `walk: ${medMin(col(R.walkNeutral))}; mark.js RegExp: ${medMin(col(R.markReNeutral))}`,
    `ext ÷ walk = ${fmtX(ratio(extN, walkN))}`,
    '≤ 3× the walk',
    verdict(ratio(extN, walkN) <= 3),
  );
  add(
    'Longest main-thread task in which the extension ran, 5 MB page (wall)',
    medMin(R.longestTask),
    `no extension, longest task after DOMContentLoaded: ${medMin(R.base5AfterDcl)}`,
    '—',
    '< 50 ms',
    verdict(median(R.longestTask) < 50),
  );
  add('  that task: its thread CPU time', medMin(R.longestTaskCpu), '—', '—', '—', '—');
  add('  that task: content-script JS inside it (wall)', medMin(R.longestTaskExtMs), '—', '—', '—', '—');
  add(
    '  most content-script JS inside any one task (wall)',
    `${medMin(R.maxExtJsInOneTask)}; thread CPU ${medMin(R.maxExtCpuInOneTask)}`,
    '—',
    '—',
    '< 50 ms',
    verdict(median(R.maxExtJsInOneTask) < 50),
  );
  add(
    '  longest IntersectionObserver computation (no content-script JS in it)',
    medMin(R.ioExt),
    `no extension: ${medMin(R.ioBase)}`,
    '—',
    '—',
    '—',
  );
  add(
    `  content-script CPU over the whole 5 MB load and scan (thread time; window load + ${fmtMs(median(R.window5))})`,
    medMin(col(R.ext5)),
    '—',
    '—',
    '—',
    '—',
  );
  const fe = R.frames.ext;
  const fb = R.frames.base;
  const dFrame = median(fe.next) - median(fb.next);
  add(
    `Page's DOM change → next frame, 1 MB article (median of ${FRAME_SAMPLES})`,
    medMin(fe.next),
    `no extension: ${medMin(fb.next)}`,
    `${dFrame >= 0 ? '+' : ''}${fmtMs(dFrame)}`,
    '≤ +4 ms over no extension',
    verdict(dFrame <= 4),
  );
  const dRender = median(fe.render) - median(fb.render);
  add(
    '  rendering of that frame (change → first task after it)',
    medMin(fe.render),
    `no extension: ${medMin(fb.render)}`,
    `${dRender >= 0 ? '+' : ''}${fmtMs(dRender)}`,
    '—',
    '—',
  );
  const heapDiff = median(R.extHeap.map((h) => h.total)) - median(R.baseHeap.map((h) => h.total));
  const jsDiff = median(R.extHeap.map((h) => h.js)) - median(R.baseHeap.map((h) => h.js));
  add(
    'Extension heap per tab, 1 MB article — ESTIMATE (renderer heap with − without, after GC)',
    `${fmtMB(heapDiff)} (V8 JS ${fmtMB(jsDiff)} + Blink/Oilpan ${fmtMB(heapDiff - jsDiff)})`,
    `no extension: ${fmtMB(median(R.baseHeap.map((h) => h.total)))} (JS ${fmtMB(median(R.baseHeap.map((h) => h.js)))})`,
    '—',
    '≤ 5 MB',
    verdict(heapDiff <= 5e6),
  );
  add(
    'Content script, gzipped',
    `${(gz6 / 1000).toFixed(1)} kB (${gz6} B; gzip -9 ${gz9} B; raw ${ext.content.length} B)`,
    'anchors: vanilla 12.5 KB, Preact 20 KB',
    '—',
    '≤ 25 kB',
    verdict(gz6 <= 25_000),
  );

  const table = [
    '| measure | value: median (min) | baseline, same run | ratio | budget | pass/fail |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.budget} | ${r.ok} |`),
  ].join('\n');

  // ---- cross-checks, notes, machine
  const cross = [
    ['extension, 1 MB article', R.extArticle],
    ['mark.js RegExp, 1 MB article', R.markReArticle],
    ['bare walk, 1 MB article', R.walkArticle],
    ['extension, 1 MB without terms', R.extNeutral],
    ['mark.js RegExp, 1 MB without terms', R.markReNeutral],
    ['bare walk, 1 MB without terms', R.walkNeutral],
    ['extension, 5 MB (whole window)', R.ext5],
  ];
  const crossTable = [
    '| what | thread CPU (trace) | wall (trace) | sampled CPU profile | in-page performance.now() |',
    '|---|---|---|---|---|',
    ...cross.map(
      ([name, list]) =>
        `| ${name} | ${medMin(col(list, 'cpu'))} | ${medMin(col(list, 'wall'))} | ${medMin(col(list, 'sampled'))} | ${
          list.some((x) => Number.isFinite(x.now)) ? medMin(col(list, 'now')) : '—'
        } |`,
    ),
  ].join('\n');
  const notes = [];
  if (R.extNotFound)
    notes.push(`- ⚠ In ${R.extNotFound} extension runs no content-script event was found in the trace.`);
  if (R.extArticleStill)
    notes.push(
      `- ⚠ In ${R.extArticleStill}/${REPS} article runs the content script was still running in the last 500 ms of the window (> 1 ms CPU): its CPU is under-counted.`,
    );
  if (R.extNeutralStill)
    notes.push(
      `- ⚠ In ${R.extNeutralStill}/${REPS} no-term runs the content script was still running at the window end.`,
    );
  if (R.ext5Still)
    notes.push(
      `- ⚠ In ${R.ext5Still}/${REPS} 5 MB runs the content script was still running at the window end (load + ${R.window5.map((x) => (x / 1000).toFixed(1)).join(', ')} s): later tasks are not seen.`,
    );
  if (R.extNeutralMarks)
    notes.push(`- ⚠ The extension reported ${R.extNeutralMarks} marks on the page without terms.`);
  if (R.markArray.length < REPS)
    notes.push(
      `- ⚠ mark.js with the term array: only ${R.markArray.length} repetitions fitted the phase budget.`,
    );

  const uname = execFileSync('uname', ['-a']).toString().trim();
  const cpuModel =
    readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'))
      ?.split(':')[1]
      ?.trim() ?? cpus()[0]?.model;
  const version = withExt.version || execFileSync(EXECUTABLE, ['--version']).toString().trim();
  const st = R.articleStats ?? {};
  const ns = R.neutralStats ?? {};
  const seconds = ((Date.now() - T0) / 1000).toFixed(0);

  const md = `# Ketamine Lens — benchmark results

Generated by \`bench/run.mjs\` on ${new Date().toISOString()} (the run took ${seconds} s).

- Machine: \`${uname}\`
- CPU: ${cpuModel}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; 1-min load average ${loadStart.toFixed(2)} at start, ${loadEnd.toFixed(2)} at end (a shared, noisy machine)
- Browser: Chromium ${version} (${EXECUTABLE}), headless, \`${CHROMIUM_FLAGS.join(' ')}\`
- Extension: a snapshot of .output/chrome-mv3 taken at the start (page-lens.js built ${ext.builtAt.toISOString()})
- ${REPS} repetitions per measure, each on a fresh page load; value = median (min). Pass/fail uses the median.

${table}

## Pages (bench/out/, generated deterministically by bench/gen-pages.mjs)
| page | bytes | elements | text nodes | text chars | marks |
|---|---|---|---|---|---|
| article-1mb.html | ${pages['article-1mb.html'].bytes} | ${st.elements} | ${st.textNodes} | ${st.chars} | extension: ${R.extArticleMarks ?? 'n/a'} (registered near the viewport: ${median(R.marksRegistered)}); mark.js RegExp: ${R.markReArticleCount} |
| neutral-1mb.html | ${pages['neutral-1mb.html'].bytes} | ${ns.elements} | ${ns.textNodes} | ${ns.chars} | extension: ${R.extNeutralMarks ?? 'n/a'} |
| article-100kb.html | ${pages['article-100kb.html'].bytes} | | | ${R.sliceChars ?? ''} | mark.js term array: ${R.markArrayCount ?? 'n/a'} |
| article-5mb.html | ${pages['article-5mb.html'].bytes} | | | | extension: ${R.ext5Marks ?? 'n/a'} |

${terms.length} alias texts (tiers 1–3 of data/glossary/*.json) are both the articles' vocabulary and the mark.js patterns: one \`\\b(?:…)\\b\` RegExp with flags \`gi\`, longest first (\`markRegExp\`), or the array with \`separateWordSearch: false, accuracy: 'exactly'\` (\`mark\`).

## Same runs, other instruments (median (min))
${crossTable}

## How each number is measured
- **Content-script CPU**: a DevTools trace (\`devtools.timeline\`, \`disabled-by-default-devtools.timeline\`, \`v8.execute\`) and a V8 CPU profile (sampling interval ${SAMPLING_INTERVAL_US} µs), both started on a same-origin blank page (the renderer stays) and stopped at load + ${SETTLE_MS / 1000} s. On the page's renderer main thread, the top-level JavaScript entry events of the content script are summed: \`EvaluateScript\` / \`FunctionCall\` / \`v8.compile\` with the URL \`chrome-extension://<id>/${CONTENT_URL}\`, and \`RunMicrotasks\` checkpoints whose CPU samples are mostly in that script (the time-sliced scan resumes in microtasks, which carry no URL). **Thread CPU time** (\`tdur\`) is the headline because the machine is shared: wall time includes time the renderer was descheduled. GC inside those events counts; rendering they cause later (style, highlight painting, IntersectionObserver) does not.
- **Baselines**, same page, same instrument, second Chromium without \`--load-extension\` (same flags otherwise): mark.js (\`addScriptTag\` of node_modules/mark.js/dist/mark.min.js) and a bare \`TreeWalker(SHOW_TEXT)\` pass reading \`.data.length\`, each started from a timer in a script with \`sourceURL=${RUNNER}\`, so each run is one \`FunctionCall\` event. The page is reloaded before every run. Baselines run after load + 0.5–3 s on a quiet page; the extension runs while the page is still loading.
- **Built to find nothing**: the same sources built with \`WXT_BENCH_NO_MATCH=1\` (its matcher returns no match; everything else unchanged), in a third Chromium, loaded right after the extension in each repetition, same instrument: the part of the article's cost that no faster matcher can remove.
- **Isolated-world floors** (what any content script pays before it matches anything): on the loaded article without the extension, each pass runs once in a new isolated world made with \`Page.createIsolatedWorld\` (as a content script's world: its own DOM wrappers, cold code), timed with \`performance.now()\` inside: the bare \`TreeWalker\` pass, and \`body.textContent\` plus one \`charCodeAt\` loop over every character. The article may cost at most 3× their sum (and at most 0.4× mark.js RegExp).
- **mark.js with the term array** runs on the first ~100 KB of the same article (wall time, in-page, timeout ${MARK_ARRAY_REP_TIMEOUT_MS / 1000} s per run) and is scaled linearly by text length (×${scale.toFixed(2)}): an estimate.
- **Marks stop changing**: a main-world poller (every 10 ms) records when the total size of \`CSS.highlights\` last changed, in ms from navigation start. The extension registers only marks near the viewport, so this is "visible marks final", not "whole page scanned".
- **Longest task, 5 MB**: \`RunTask\` events on the page's renderer main thread; a task "ran the extension" if a content-script entry event or CPU sample lies inside it. Its whole wall duration counts (including GC or layout inside it, and time the thread was descheduled — hence the thread-CPU rows). Window: from load + ${WINDOW_5MB_MIN_MS / 1000} s on, until the extension's own count (the action title the background sets, read from the service worker) has not changed for 1.5 s, at most load + ${WINDOW_5MB_MAX_MS / 1000} s; this run: ${R.window5.map((x) => (x / 1000).toFixed(1)).join(', ')} s. Without the extension: load + ${BASE_WINDOW_5MB_MS / 1000} s.
- **DOM change → next frame**: inside a rAF callback the page appends a copy of a paragraph (with terms) to the article; time to the next rAF callback, and to the first task after that frame's rendering; ${FRAME_SAMPLES} samples 120 ms apart in ${FRAME_ROUNDS} rounds that alternate between the browsers with and without the extension (each round a fresh load, from load + ${SETTLE_MS / 1000} s), so drift of this shared machine falls on both sides.
- **Heap (estimate)**: \`HeapProfiler.collectGarbage\` ×2, then \`Runtime.getHeapUsage\` on the page target at load + ~${SETTLE_MS / 1000} s. It covers the whole renderer isolate, so the content script's isolated world is included: usedSize (V8) + embedderHeapUsedSize (Blink/Oilpan: DOM, StaticRanges), with minus without the extension (medians). The popover iframe runs in the extension's process and is not counted.
- **Size**: gzip level 6 (as \`gzip\`) of page-lens.js (the content script); kB = 1000 B.

## Caveats
- 2 cores shared with other jobs: read the minimum as the least-disturbed run. The sampled profile lost ticks (gaps > 1 ms covered ${(median(R.gapShare) * 100).toFixed(0)}% of the article profiles' time, median) and charges a gap to the sample before it, so it over- or under-counts short work; it is kept only as a cross-check.
- The 5 MB longest-task figure is the whole task: parts ≥ 2 ms of the longest extension task per run: ${R.longestTaskParts.map((p, i) => `run ${i + 1}: ${p.join(', ') || '—'}`).join('; ')}. Extension tasks over 50 ms per run: ${R.extTasksOver50.join(', ')}.
- mark.js marks per text node (no matches across inline elements) and wraps them in \`<mark>\` elements; the extension matches across inline elements, applies context tiers and paints StaticRanges. The work differs; the baselines are anchors.
- DOM change → next frame in headless Chromium: frames are not vsync-locked, so "next frame" ≈ this frame's rendering; the extension also rescans the appended paragraphs in idle time between samples.
${notes.join('\n')}

Raw values (ms). Extension article CPU: ${col(R.extArticle)
    .map((x) => x.toFixed(1))
    .join(', ')}. mark.js RegExp CPU: ${col(R.markReArticle)
    .map((x) => x.toFixed(1))
    .join(', ')}. Walk CPU: ${col(R.walkArticle)
    .map((x) => x.toFixed(2))
    .join(', ')}. Extension no-terms CPU: ${col(R.extNeutral)
    .map((x) => x.toFixed(1))
    .join(
      ', ',
    )}. Isolated-world walk: ${R.floorWalk.map((x) => x.toFixed(2)).join(', ')}. Isolated-world textContent + pass: ${R.floorTextPass.map((x) => x.toFixed(2)).join(', ')}. Walk no-terms CPU: ${col(
    R.walkNeutral,
  )
    .map((x) => x.toFixed(2))
    .join(
      ', ',
    )}. mark.js array, 100 KB (wall): ${R.markArray.map((x) => x.toFixed(0)).join(', ')}. Longest extension task, 5 MB: ${R.longestTask.map((x) => x.toFixed(1)).join(', ')}. Frames with extension: ${fe.next.map((x) => x.toFixed(1)).join(', ')}. Frames without: ${fb.next.map((x) => x.toFixed(1)).join(', ')}.
`;
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
  console.log(`\n${table}\n`);
  console.log(`Machine: ${uname}\nCPU: ${cpuModel}; Chromium ${version}; ${new Date().toISOString()}`);
  if (notes.length) console.log(notes.join('\n'));
  console.log(`Wrote bench/RESULTS.md (${seconds} s).`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
