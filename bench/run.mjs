// Ketamine Lens benchmark (budgets: docs/architecture.md): drives the built
// extension in real Chromium and measures it side by side, in ONE run, against
// baselines on the same pages in a second Chromium without the extension:
// mark.js (combined RegExp; term array), a bare TreeWalker pass, the
// isolated-world floors. With --base, a second build is measured in the same
// rounds (A/B). Flags: bench/README.md, or `node bench/run.mjs --help`.
//
//   npm run bench                                  (builds, then the full run; writes RESULTS.md)
//   node bench/run.mjs --only article-100k,no-terms --rounds 5
//   node bench/run.mjs --ext .tmp/bench-head/chrome-mv3 --base .tmp/bench-base/chrome-mv3 --only no-terms,article-1mb
//
// Every loop and wait is bounded; a watchdog ends the run.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startStaticServer } from '../scripts/static-server.mjs';
import { buildVariant, contentScriptOf, launch, ROOT, setBaseUrl, snapshotExtension } from './browsers.mjs';
import { parseCli } from './cli.mjs';
import { escapeRegExp } from './format.mjs';
import { generatePages, OUT_DIR } from './gen-pages.mjs';
import { measurePhases, phaseTable } from './phases.mjs';
import { abTable, budgetRows, budgetTable } from './report.mjs';
import { resultsMarkdown } from './results-md.mjs';
import {
  articleRound,
  fiveMbRound,
  frameRounds,
  markArrayRounds,
  noTermsRound,
  smallArticleRound,
} from './scenarios.mjs';

const T0 = Date.now();
const log = (...a) => console.error(`[${((Date.now() - T0) / 1000).toFixed(0).padStart(3)} s]`, ...a);

async function main() {
  const cli = parseCli();
  const watchdogMin = (cli.base ? 2 : 1) * Math.max(10, 2 * cli.rounds) + (cli.only.has('phases') ? 5 : 0);
  setTimeout(() => {
    console.error(`bench: watchdog — the run took over ${watchdogMin} minutes, giving up`);
    process.exit(2);
  }, watchdogMin * 60_000).unref();

  log('generating pages');
  const { pages, terms } = generatePages();
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  const combinedSource = `\\b(?:${sorted.map(escapeRegExp).join('|')})\\b`;

  const snaps = [{ key: 'ext', label: cli.base ? 'HEAD' : 'extension', snap: snapshotExtension(cli.ext) }];
  if (cli.base) snaps.push({ key: 'base', label: 'base', snap: snapshotExtension(cli.base) });
  for (const s of snaps)
    log(`${s.label}: ${relative(ROOT, s.snap.src)} (content script ${s.snap.contentUrl})`);

  const server = await startStaticServer({ root: OUT_DIR });
  setBaseUrl(server.url);
  const loadStart = loadavg();
  const opened = [];
  const temp = [];
  const ctx = { terms, combinedSource, exts: [], none: null, noMatch: null };
  let phases = null;
  // Phases and size alone need no page-load browsers.
  const pageLoads = [...cli.only].some((id) => id !== 'phases' && id !== 'size');
  try {
    if (pageLoads) log('launching Chromium with each build and without the extension');
    for (const s of pageLoads ? snaps : []) {
      const browser = await launch({
        extensionDir: s.snap.dir,
        contentUrl: s.snap.contentUrl,
        label: s.label,
      });
      opened.push(browser);
      ctx.exts.push({ ...s, browser, R: {} });
    }
    const none = pageLoads ? await launch({ extensionDir: null }) : null;
    if (none) opened.push(none);
    ctx.none = { key: 'none', label: 'no extension', browser: none, R: {} };
    if (cli.only.has('no-match') && cli.only.has('article-1mb')) {
      log('building the find-nothing variant of the current sources');
      const v = buildVariant({ WXT_BENCH_NO_MATCH: '1' }, 'the find-nothing variant');
      temp.push(v.root);
      const browser = await launch({ extensionDir: v.dir, contentUrl: contentScriptOf(v.dir) });
      opened.push(browser);
      ctx.noMatch = { key: 'noMatch', browser, R: {} };
    }

    const perRound = [
      ['article-1mb', articleRound],
      ['article-100k', (c, r) => smallArticleRound(c, r, 'article-100k')],
      ['article-20k', (c, r) => smallArticleRound(c, r, 'article-20k')],
      ['no-terms', noTermsRound],
    ].filter(([id]) => cli.only.has(id));
    for (let r = 0; r < cli.rounds && perRound.length; r++) {
      for (const [id, fn] of perRound) {
        log(`${id}, round ${r + 1}/${cli.rounds}`);
        await fn(ctx, r);
      }
    }
    if (cli.only.has('mark-array')) await markArrayRounds(ctx, cli.rounds, log);
    if (cli.only.has('5mb')) {
      for (let r = 0; r < cli.rounds; r++) {
        log(`5 MB page, round ${r + 1}/${cli.rounds}`);
        await fiveMbRound(ctx, r);
      }
    }
    if (cli.only.has('frame')) {
      log('DOM change → next frame');
      await frameRounds(ctx);
    }
    if (cli.only.has('phases')) {
      // The shipped build is minified: attribute time to functions in an unminified build of the same sources.
      let dir = cli.phaseExt;
      if (!dir) {
        log('building an unminified variant for the start-up phases');
        const v = buildVariant({ KL_NO_MINIFY: '1' }, 'the unminified variant');
        temp.push(v.root);
        dir = v.dir;
      }
      log(`start-up phases: ${cli.phaseLoads} loads of the 100 KB article`);
      phases = await measurePhases(dir, 'article-100kb.html', cli.phaseLoads);
    }
  } finally {
    for (const b of opened) await b.close();
    for (const t of temp) rmSync(t, { recursive: true, force: true });
    for (const s of snaps) rmSync(s.snap.dir, { recursive: true, force: true });
    await server.close();
  }
  const loadEnd = loadavg();
  log('done measuring');

  const sizeOf = (snap) => ({
    raw: snap.content.length,
    gz6: gzipSync(snap.content).length,
    gz9: gzipSync(snap.content, { level: 9 }).length,
  });
  const B = ctx.none.R;
  if (!pageLoads) for (const s of snaps) ctx.exts.push({ ...s, browser: null, R: {} });
  const rowsBy = ctx.exts.map((x) =>
    budgetRows(x.R, B, {
      noMatch: x.key === 'ext' ? ctx.noMatch?.R : null,
      size: cli.only.has('size') ? sizeOf(x.snap) : null,
    }),
  );
  const load = (l) => l.map((v) => v.toFixed(2)).join(' ');
  const head = `Load average (1, 5, 15 min): ${load(loadStart)} at start, ${load(loadEnd)} at end; ${cli.rounds} rounds; ${((Date.now() - T0) / 1000).toFixed(0)} s.`;
  const parts = [];
  for (const [i, x] of ctx.exts.entries()) {
    if (rowsBy[i].length)
      parts.push(`### ${x.label}: ${relative(ROOT, x.snap.src)}\n\n${budgetTable(rowsBy[i])}`);
  }
  if (rowsBy.length === 2) {
    parts.push(
      `### A/B: ${ctx.exts[0].label} (${relative(ROOT, ctx.exts[0].snap.src)}) vs ${ctx.exts[1].label} (${relative(ROOT, ctx.exts[1].snap.src)})\n\n${abTable(rowsBy[0], rowsBy[1], [ctx.exts[0].label, ctx.exts[1].label])}`,
    );
  }
  if (phases) parts.push(`### Content-script start-up phases, 100 KB article\n\n${phaseTable(phases)}`);
  const text = `${head}\n\n${parts.join('\n\n')}\n`;
  console.log(`\n${text}`);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'last-run.md'), text);
  if (cli.writeResults) {
    const md = resultsMarkdown({
      ctx,
      rows: rowsBy[0],
      pages,
      terms,
      phases,
      loadStart,
      loadEnd,
      T0,
      rounds: cli.rounds,
    });
    writeFileSync(resolve(ROOT, cli.resultsPath), md);
    console.log(`Wrote ${cli.resultsPath}.`);
  } else console.log('Wrote bench/out/last-run.md (RESULTS.md is written only by a full run of one build).');
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
