// One round of each benchmark scenario: every extension build under test
// (HEAD, and with --base the other build; order alternating per round so the
// drift of a shared machine falls on both), then the baselines in the browser
// without the extension, on the same page in the same round.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  baseMarkArray,
  baseMarkRegExp,
  baseWalk,
  frameCost,
  isolatedFloors,
  MARK_ARRAY_REP_TIMEOUT_MS,
  SETTLE_MS,
} from './baselines.mjs';
import { load, url } from './browsers.mjs';
import { analyzeTasks, rendererMain, startProfile, startTrace, stopProfile } from './cdp.mjs';
import { extProfiledAsk, extProfiledLoad, extTotalMarks, heapUsage } from './ext-measure.mjs';

export const FRAME_SAMPLES = 40;
/** Rounds the frame samples are taken in, alternating with and without the extension. */
export const FRAME_ROUNDS = 4;
export const WINDOW_5MB_MIN_MS = 2000; // 5 MB: at least load + 2 s, then until the extension's count is stable for 1.5 s
export const BASE_WINDOW_5MB_MS = 2000;
export const MARK_ARRAY_PHASE_BUDGET_MS = 60_000;

/** The pages of the small-article scenarios. */
export const SMALL_ARTICLES = { 'article-100k': 'article-100kb.html', 'article-20k': 'article-20kb.html' };

const take = (m) => ({ cpu: m.cpu, wall: m.wall, sampled: m.sampled, now: m.now });
const push = (o, k, v) => {
  o[k] ??= [];
  o[k].push(v);
};
const count = (o, k) => {
  o[k] = (o[k] ?? 0) + 1;
};

/** The extension browsers in this round's order (alternating). */
const inOrder = (exts, r) => (r % 2 ? [...exts].reverse() : exts);

/** Content-script CPU on `file` for each build; records under `key` in each build's results. */
async function extLoads(ctx, r, file, key, { afterEach, cold = false } = {}) {
  for (const x of inOrder(ctx.exts, r)) {
    if (cold) await forgetCompiledCode(x.browser);
    const e = await extProfiledLoad(x.browser, file, { windowMs: SETTLE_MS });
    push(x.R, key, take(e));
    if (e.stillRunning) count(x.R, `${key}Still`);
    if (!e.found) count(x.R, 'notFound');
    if (afterEach) await afterEach(x, e);
    // The popup opened on this page: the rest of the page is read to answer it.
    const ask = await extProfiledAsk(x.browser);
    push(x.R, `${key}Ask`, ask);
    if (r === 0) x.R[`${key}Marks`] = ask.total;
  }
}

export async function articleRound(ctx, r) {
  const B = ctx.none.R;
  await extLoads(ctx, r, 'article-1mb.html', 'article', {
    afterEach: async (x, e) => {
      push(x.R, 'gapShare', e.gapShare);
      const marks = await x.browser.page.evaluate(() => ({
        ...(window.__klMarks ?? {}),
        load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? Number.NaN,
      }));
      push(x.R, 'marksLast', marks.last || Number.NaN);
      push(x.R, 'marksRegistered', marks.size ?? Number.NaN);
      push(x.R, 'loadEvent', marks.load);
      // After load: only the text near the reader is read (the reading window).
      push(x.R, 'heapLoad', await heapUsage(x.browser.session));
    },
  });
  // After the whole page is read (the popup's question above): the budget's case.
  for (const x of ctx.exts) push(x.R, 'heap', await heapUsage(x.browser.session));
  if (ctx.noMatch) {
    const z = await extProfiledLoad(ctx.noMatch.browser, 'article-1mb.html', { windowMs: SETTLE_MS });
    push(ctx.noMatch.R, 'article', take(z));
    if (r === 0) ctx.noMatch.R.articleMarks = await extTotalMarks(ctx.noMatch.browser);
  }
  const none = ctx.none.browser;
  await load(none, 'article-1mb.html');
  await sleep(SETTLE_MS); // same settle time as with the extension, for the heap
  push(B, 'heap', await heapUsage(none.session));
  const w = await baseWalk(none);
  push(B, 'walkArticle', take(w));
  B.articleStats = w.stats;
  const m = await baseMarkRegExp(none, 'article-1mb.html', ctx.combinedSource);
  push(B, 'markReArticle', take(m));
  B.markReArticleCount = m.count;
  const f = await isolatedFloors(none, 'article-1mb.html');
  push(B, 'floorWalk', f.walk);
  push(B, 'floorTextPass', f.textPass);
}

export async function noTermsRound(ctx, r) {
  const B = ctx.none.R;
  await extLoads(ctx, r, 'neutral-1mb.html', 'neutral');
  const none = ctx.none.browser;
  await load(none, 'neutral-1mb.html');
  await sleep(500);
  const w = await baseWalk(none);
  push(B, 'walkNeutral', take(w));
  B.neutralStats = w.stats;
  push(B, 'markReNeutral', take(await baseMarkRegExp(none, 'neutral-1mb.html', ctx.combinedSource)));
}

/**
 * A forced full GC: afterwards the renderer's V8 compiles again the code it
 * had compiled for earlier pages (the 100 KB article's content script: ~21 ms
 * on the next load, ~11 ms without it, 6 loads each, Dec 2026; mark.js's
 * RegExp likewise). Both sides of a budget get the same.
 */
const forgetCompiledCode = (b) => b.session.send('HeapProfiler.collectGarbage');

/**
 * 100 KB / 20 KB articles: the extension incl. start-up vs mark.js RegExp on
 * the same page. The 100 KB budget row is cold (see forgetCompiledCode) on
 * both sides; a warm row (the next load, same renderer) is reported beside it.
 */
export async function smallArticleRound(ctx, r, id) {
  const file = SMALL_ARTICLES[id];
  const B = ctx.none.R;
  const cold = id === 'article-100k';
  await extLoads(ctx, r, file, id, { cold });
  if (cold) await extLoads(ctx, r, file, `${id}:warm`);
  const none = ctx.none.browser;
  if (cold) await forgetCompiledCode(none);
  const m = await baseMarkRegExp(none, file, ctx.combinedSource);
  push(B, `markRe:${id}`, take(m));
  B[`markReCount:${id}`] = m.count;
  if (cold) push(B, `markRe:${id}:warm`, take(await baseMarkRegExp(none, file, ctx.combinedSource)));
  await load(none, file);
  await sleep(500);
  const w = await baseWalk(none);
  push(B, `walk:${id}`, take(w));
  B[`stats:${id}`] = w.stats;
}

/** mark.js with the term array on the 100 KB slice of the 1 MB article (scaled by text length). */
export async function markArrayRounds(ctx, rounds, log) {
  const B = ctx.none.R;
  B.markArray = [];
  const start = Date.now();
  for (let r = 0; r < rounds; r++) {
    if (Date.now() - start > MARK_ARRAY_PHASE_BUDGET_MS) break;
    log(`mark.js term array on the 100 KB slice, round ${r + 1}/${rounds}`);
    const m = await baseMarkArray(ctx.none.browser, 'slice-100kb.html', ctx.terms);
    B.markArray.push(m.ms);
    B.markArrayCount = m.count ?? B.markArrayCount;
    B.sliceChars = m.chars;
    if (m.timedOut) break;
  }
  B.markArrayTimeoutMs = MARK_ARRAY_REP_TIMEOUT_MS;
}

export async function fiveMbRound(ctx, r) {
  for (const x of inOrder(ctx.exts, r)) {
    const e = await extProfiledLoad(x.browser, 'article-5mb.html', {
      windowMs: WINDOW_5MB_MIN_MS,
      untilStable: true,
    });
    push(x.R, 'window5', e.waited);
    const a = analyzeTasks(e.events, e.main, e.entries, e.samples);
    push(x.R, 'longestTask', a?.longestExtTask?.dur ?? Number.NaN);
    push(x.R, 'longestTaskCpu', a?.longestExtTask?.cpu ?? Number.NaN);
    push(x.R, 'longestTaskExtMs', a?.longestExtTask?.extMs ?? Number.NaN);
    push(x.R, 'longestTaskParts', a?.longestExtTask?.parts ?? []);
    push(x.R, 'maxExtJsInOneTask', a?.maxExtJsInOneTask ?? Number.NaN);
    push(x.R, 'maxExtCpuInOneTask', a?.maxExtCpuInOneTask ?? Number.NaN);
    push(x.R, 'extTasksOver50', a?.extTasksOver50 ?? Number.NaN);
    push(x.R, 'ioExt', a?.longestIntersectionMs ?? Number.NaN);
    push(x.R, 'ext5', take(e));
    if (e.stillRunning) count(x.R, 'ext5Still');
    if (!e.found) count(x.R, 'notFound');
    e.events.length = 0;
    const ask = await extProfiledAsk(x.browser);
    push(x.R, 'ask5', ask);
    if (r === 0) x.R.ext5Marks = ask.total;
  }
  const none = ctx.none.browser;
  await none.page.goto(url('blank.html'));
  const tracer = await startTrace(none.session);
  await startProfile(none.session);
  await none.page.goto(url('article-5mb.html'), { waitUntil: 'load' });
  await sleep(BASE_WINDOW_5MB_MS);
  await stopProfile(none.session);
  const events = await tracer.stop();
  const b = analyzeTasks(events, rendererMain(events, 'article-5mb.html'), [], []);
  push(ctx.none.R, 'ioBase', b?.longestIntersectionMs ?? Number.NaN);
  push(ctx.none.R, 'base5AfterDcl', b?.longestTaskAfterDcl ?? Number.NaN);
}

/** DOM change → next frame: alternating rounds over every browser (drift lands on all sides). */
export async function frameRounds(ctx) {
  const sides = [...ctx.exts, ctx.none];
  for (const s of sides) s.R.frames = { next: [], render: [] };
  for (let round = 0; round < FRAME_ROUNDS; round++) {
    for (const s of round % 2 ? [...sides].reverse() : sides) {
      const got = await frameCost(s.browser, FRAME_SAMPLES / FRAME_ROUNDS);
      s.R.frames.next.push(...got.next);
      s.R.frames.render.push(...got.render);
    }
  }
}
