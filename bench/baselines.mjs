// Measurements of a browser WITHOUT the extension (the same-run baselines):
// mark.js (combined RegExp; term array), a bare TreeWalker pass, the
// isolated-world floors, and the page's own DOM change → next frame (run in
// both kinds of browser).
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freshPage, load, ROOT } from './browsers.mjs';
import {
  rendererMain,
  scriptEntries,
  scriptTime,
  startProfile,
  startTrace,
  stopProfile,
  sumEntries,
  withTimeout,
} from './cdp.mjs';

export const SETTLE_MS = 3000; // profile window after the load event (load + 3 s)
export const MARK_ARRAY_REP_TIMEOUT_MS = 40_000;
const MARKJS = join(ROOT, 'node_modules/mark.js/dist/mark.min.js');

// Baselines run from a timer inside a script with a sourceURL, so the trace
// shows them as one FunctionCall with that URL (same instrument as the extension).
export const RUNNER = 'bench-runner.js';
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

export async function baseWalk(b) {
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

export async function isolatedFloors(b, file) {
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

export async function baseMarkRegExp(b, file, source) {
  await load(b, file);
  await sleep(500); // first layout done
  await b.page.addScriptTag({ path: MARKJS });
  await b.page.addScriptTag({ content: RUNNER_SRC });
  const m = await measured(b, () => b.page.evaluate((src) => window.__benchMarkRegExp(src), source));
  return { ...m, now: m.value.ms, count: m.value.count };
}

export async function baseMarkArray(b, file, aliases) {
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

export async function frameCost(b, samples) {
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
