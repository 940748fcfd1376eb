// The budgets of docs/architecture.md, each judged against its same-run
// baseline: one row list per extension build (rows only for the scenarios
// that ran), and the A/B table that sets two builds side by side.
import { median } from './cdp.mjs';
import { col, fmtMB, fmtMs, fmtX, markdownTable, medMin, ratio, verdict } from './format.mjs';
import { FRAME_SAMPLES, SMALL_ARTICLES } from './scenarios.mjs';

const SIZE_NAMES = { 'article-100k': '100 KB', 'article-20k': '20 KB' };

/**
 * Rows for one build. `x`: that build's results; `B`: the baselines;
 * `noMatch`: results of the find-nothing build (or null); `size`: gzip sizes.
 * Each row: { key, measure, value, baseline, ratio, budget, ok, values } where
 * `values` are the raw numbers behind `value` (for the A/B table).
 */
export function budgetRows(x, B, { noMatch = null, size = null } = {}) {
  const rows = [];
  const add = (key, measure, values, value, baseline, r, budget, ok) =>
    rows.push({ key, measure, values, value, baseline, ratio: r, budget, ok });
  // The popup opened after the load: reading the rest of the page (and loading the popover runtime).
  const askRow = (key, size, asks) => {
    if (!asks?.length) return;
    const cpu = asks.map((a) => a.cpu);
    add(
      key,
      `  ${size} article, the popup opened afterwards: the rest of the page read + popover runtime (CPU)`,
      cpu,
      medMin(cpu),
      `answered after ${medMin(asks.map((a) => a.askMs))}; longest task ${medMin(asks.map((a) => a.longest))}`,
      '—',
      'report only',
      '—',
    );
  };

  if (x.article?.length) {
    const extA = median(col(x.article));
    const reA = median(col(B.markReArticle));
    add(
      'article-1mb',
      'Scan + highlight, 1 MB article: content-script CPU (thread time)',
      col(x.article),
      medMin(col(x.article)),
      `mark.js RegExp: ${medMin(col(B.markReArticle))}`,
      `ext ÷ mark.js = ${fmtX(ratio(extA, reA))}`,
      '≤ 0.4× mark.js RegExp',
      verdict(ratio(extA, reA) <= 0.4),
    );
    const floorA = median(B.floorWalk) + median(B.floorTextPass);
    add(
      'article-1mb-floors',
      '  same, vs what a content script cannot go below (isolated world, cold, in-page clock)',
      col(x.article),
      fmtMs(extA),
      `walk: ${medMin(B.floorWalk)}; textContent + one charCodeAt pass: ${medMin(B.floorTextPass)}; together ${fmtMs(floorA)}`,
      `ext ÷ floors = ${fmtX(ratio(extA, floorA))}; floors are ${(100 * ratio(floorA, reA)).toFixed(0)} % of mark.js`,
      '≤ 3× the floors',
      verdict(ratio(extA, floorA) <= 3),
    );
    const walkA = median(col(B.walkArticle));
    add(
      'article-1mb-walk',
      '  same, vs bare TreeWalker pass (main world)',
      col(x.article),
      fmtMs(extA),
      `walk: ${medMin(col(B.walkArticle))}`,
      `ext ÷ walk = ${fmtX(ratio(extA, walkA))}`,
      'anchor',
      '—',
    );
    askRow('article-1mb-ask', '1 MB', x.articleAsk);
    if (B.markArray?.length) {
      const scale = B.articleStats && B.sliceChars ? B.articleStats.chars / B.sliceChars : Number.NaN;
      const arrMed = median(B.markArray);
      const timedOut = B.markArray.some((v) => v === Number.POSITIVE_INFINITY);
      const wall = median(col(x.article, 'wall'));
      add(
        'article-1mb-array',
        '  same, vs mark.js with the term array (wall time)',
        col(x.article, 'wall'),
        `${fmtMs(wall)} (wall)`,
        timedOut
          ? `> ${fmtMs(B.markArrayTimeoutMs)} on the 100 KB slice (> ${fmtMs(B.markArrayTimeoutMs * scale)} at 1 MB)`
          : `≈ ${fmtMs(arrMed * scale)} estimated (100 KB slice: ${medMin(B.markArray)}, n=${B.markArray.length}, scaled ×${scale.toFixed(1)})`,
        `mark.js ÷ ext = ${fmtX(ratio(arrMed * scale, wall))}`,
        'anchor (first measured: 50.9 s)',
        '—',
      );
    }
    if (noMatch?.article?.length) {
      const z = median(col(noMatch.article));
      add(
        'article-1mb-nomatch',
        '  same, built to find nothing (start-up, precheck and walk only; no matching, no marks)',
        col(noMatch.article),
        medMin(col(noMatch.article)),
        `marks: ${noMatch.articleMarks ?? 'n/a'}`,
        `${(100 * ratio(z, extA)).toFixed(0)} % of the extension; ${(100 * ratio(z, 0.4 * reA)).toFixed(0)} % of the budget (${fmtMs(0.4 * reA)})`,
        'anchor',
        '—',
      );
    }
    add(
      'article-1mb-settle',
      '  cross-check: marks stop changing (CSS.highlights size), from navigation start',
      x.marksLast,
      medMin(x.marksLast),
      `load event: ${medMin(x.loadEvent)}`,
      `load + ${fmtMs(median(x.marksLast) - median(x.loadEvent))}`,
      '—',
      '—',
    );
    const heapDiff = median(x.heap.map((h) => h.total)) - median(B.heap.map((h) => h.total));
    const heap = x.heap.map((h) => h.total - median(B.heap.map((hb) => hb.total)));
    const jsDiff = median(x.heap.map((h) => h.js)) - median(B.heap.map((h) => h.js));
    add(
      'heap',
      'Extension heap per tab, 1 MB article — ESTIMATE (renderer heap with − without, after GC)',
      heap,
      `${fmtMB(heapDiff)} (V8 JS ${fmtMB(jsDiff)} + Blink/Oilpan ${fmtMB(heapDiff - jsDiff)})`,
      `no extension: ${fmtMB(median(B.heap.map((h) => h.total)))} (JS ${fmtMB(median(B.heap.map((h) => h.js)))})`,
      '—',
      '≤ 5 MB',
      verdict(heapDiff <= 5e6),
    );
    if (x.heapLoad?.length) {
      const atLoad = x.heapLoad.map((h) => h.total - median(B.heap.map((hb) => hb.total)));
      add(
        'heap-load',
        '  same, after load only (the reading window: text near the reader)',
        atLoad,
        fmtMB(median(atLoad)),
        '—',
        '—',
        '—',
        '—',
      );
    }
  }
  for (const id of Object.keys(SMALL_ARTICLES)) {
    if (!x[id]?.length) continue;
    const e = median(col(x[id]));
    const re = median(col(B[`markRe:${id}`]));
    const limit = id === 'article-100k' ? 0.5 : null;
    add(
      id,
      `Scan + highlight, ${SIZE_NAMES[id]} article: content-script CPU incl. start-up${id === 'article-100k' ? ' (cold: after a forced GC, both sides)' : ''}`,
      col(x[id]),
      medMin(col(x[id])),
      `mark.js RegExp: ${medMin(col(B[`markRe:${id}`]))}; walk: ${medMin(col(B[`walk:${id}`]))}`,
      `ext ÷ mark.js = ${fmtX(ratio(e, re))}`,
      limit ? `≤ ${limit}× mark.js RegExp` : 'report only',
      limit ? verdict(ratio(e, re) <= limit) : '—',
    );
    askRow(`${id}-ask`, SIZE_NAMES[id], x[`${id}Ask`]);
    const warm = x[`${id}:warm`];
    if (warm?.length) {
      const w = median(col(warm));
      const rw = median(col(B[`markRe:${id}:warm`]));
      add(
        `${id}-warm`,
        `  same page loaded again in the same renderer (compiled code cached), both sides`,
        col(warm),
        medMin(col(warm)),
        `mark.js RegExp: ${medMin(col(B[`markRe:${id}:warm`]))}`,
        `ext ÷ mark.js = ${fmtX(ratio(w, rw))}`,
        'report only',
        '—',
      );
    }
  }
  if (x.neutral?.length) {
    const n = median(col(x.neutral));
    const w = median(col(B.walkNeutral));
    add(
      'no-terms',
      'Scan, 1 MB page without terms: content-script CPU incl. start-up',
      col(x.neutral),
      medMin(col(x.neutral)),
      `walk: ${medMin(col(B.walkNeutral))}; mark.js RegExp: ${medMin(col(B.markReNeutral))}`,
      `ext ÷ walk = ${fmtX(ratio(n, w))}`,
      '≤ 3× the walk',
      verdict(ratio(n, w) <= 3),
    );
  }
  if (x.longestTask?.length) {
    add(
      '5mb-task',
      'Longest main-thread task in which the extension ran, 5 MB page (wall)',
      x.longestTask,
      medMin(x.longestTask),
      `no extension, longest task after DOMContentLoaded: ${medMin(B.base5AfterDcl)}`,
      '—',
      '< 50 ms',
      verdict(median(x.longestTask) < 50),
    );
    if (x.ask5?.length) {
      const longest = x.ask5.map((a) => a.longest);
      add(
        '5mb-ask-task',
        '  the popup opened afterwards (the rest of the 5 MB page read): longest task it ran in (wall)',
        longest,
        medMin(longest),
        `answered after ${medMin(x.ask5.map((a) => a.askMs))}`,
        '—',
        '< 50 ms',
        verdict(median(longest) < 50),
      );
    }
    add(
      '5mb-task-cpu',
      '  that task: its thread CPU time',
      x.longestTaskCpu,
      medMin(x.longestTaskCpu),
      '—',
      '—',
      '—',
      '—',
    );
    add(
      '5mb-js',
      '  most content-script JS inside any one task (wall)',
      x.maxExtJsInOneTask,
      `${medMin(x.maxExtJsInOneTask)}; thread CPU ${medMin(x.maxExtCpuInOneTask)}`,
      '—',
      '—',
      '< 50 ms',
      verdict(median(x.maxExtJsInOneTask) < 50),
    );
    add(
      '5mb-io',
      '  longest IntersectionObserver computation (no content-script JS in it)',
      x.ioExt,
      medMin(x.ioExt),
      `no extension: ${medMin(B.ioBase)}`,
      '—',
      '—',
      '—',
    );
    add(
      '5mb-cpu',
      `  content-script CPU over the whole 5 MB load and scan (thread time; window load + ${fmtMs(median(x.window5))})`,
      col(x.ext5),
      medMin(col(x.ext5)),
      '—',
      '—',
      '—',
      '—',
    );
  }
  if (x.frames?.next.length) {
    const d = median(x.frames.next) - median(B.frames.next);
    add(
      'frame',
      `Page's DOM change → next frame, 1 MB article (median of ${FRAME_SAMPLES})`,
      x.frames.next,
      medMin(x.frames.next),
      `no extension: ${medMin(B.frames.next)}`,
      `${d >= 0 ? '+' : ''}${fmtMs(d)}`,
      '≤ +4 ms over no extension',
      verdict(d <= 4),
    );
    const dr = median(x.frames.render) - median(B.frames.render);
    add(
      'frame-render',
      '  rendering of that frame (change → first task after it)',
      x.frames.render,
      medMin(x.frames.render),
      `no extension: ${medMin(B.frames.render)}`,
      `${dr >= 0 ? '+' : ''}${fmtMs(dr)}`,
      '—',
      '—',
    );
  }
  if (size) {
    add(
      'size',
      'Content script, gzipped',
      [size.gz6],
      `${(size.gz6 / 1000).toFixed(1)} kB (${size.gz6} B; gzip -9 ${size.gz9} B; raw ${size.raw} B)`,
      'anchors: vanilla 12.5 KB, Preact 20 KB',
      '—',
      '≤ 25 kB',
      verdict(size.gz6 <= 25_000),
    );
  }
  return rows;
}

export function budgetTable(rows) {
  return markdownTable(
    ['measure', 'value: median (min)', 'baseline, same run', 'ratio', 'budget', 'PASS/FAIL'],
    rows.map((r) => [r.measure, r.value, r.baseline, r.ratio, r.budget, r.ok]),
  );
}

/** Rows that measure the build itself (not a copy of another row's numbers). */
const AB_KEYS = new Set([
  'article-1mb',
  'article-1mb-settle',
  'heap',
  'heap-load',
  'article-1mb-ask',
  'article-100k',
  'article-100k-ask',
  'article-100k-warm',
  'article-20k',
  'no-terms',
  '5mb-task',
  '5mb-ask-task',
  '5mb-js',
  '5mb-cpu',
  'frame',
  'size',
]);

/**
 * Two builds side by side, row by row: medians, their ratio, and the median of
 * the per-round ratios (each round measured both builds back to back, in
 * alternating order), with each build's verdict.
 */
export function abTable(rowsA, rowsB, labels) {
  const byKey = new Map(rowsB.map((r) => [r.key, r]));
  const out = [];
  for (const a of rowsA) {
    const b = byKey.get(a.key);
    if (!b || !AB_KEYS.has(a.key)) continue;
    const fmt = a.key.startsWith('heap') ? fmtMB : fmtMs;
    const paired = a.values.map((v, i) => ratio(v, b.values[i]));
    out.push([
      a.measure.trim(),
      a.key === 'size' ? a.value : medMin(a.values, fmt),
      a.key === 'size' ? b.value : medMin(b.values, fmt),
      fmtX(ratio(median(a.values), median(b.values))),
      a.values.length > 1 ? `${fmtX(median(paired))} (${paired.map((p) => p.toFixed(2)).join(', ')})` : '—',
      `${labels[0]}: ${a.ratio} ${a.ok}; ${labels[1]}: ${b.ratio} ${b.ok}`,
    ]);
  }
  return markdownTable(
    [
      'row',
      `${labels[0]}: median (min)`,
      `${labels[1]}: median (min)`,
      `${labels[0]} ÷ ${labels[1]}`,
      'per-round ratios: median (each)',
      'budget ratio and verdict, each build',
    ],
    out,
  );
}
