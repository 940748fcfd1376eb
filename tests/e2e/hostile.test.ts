// Hostile pages: the built extension in real Chromium against pages that make
// a content script's life hard (tests/fixtures/hostile/). For each page:
//   - the page's own self-test still passes (window.__pageOk),
//   - the extension raises no errors (page errors, console errors from its
//     isolated world, browser log entries naming chrome-extension://),
//   - marks appear where the design says they should,
//   - page integrity: the serialised DOM (minus our single host element) and
//     the select-all text are identical with and without the extension.
// Reads of CSS.highlights and DOM snapshots of top documents run in a fresh
// isolated world (CDP), so a page that patches Range or CSS.highlights in its
// main world cannot skew what the test sees.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeCpu, startCpuTrace } from '../support/cpu-probe';
import { setupHostileCases } from '../support/hostile-cases';
import {
  flag,
  hasAll,
  hoverShowsPopover,
  isolated,
  type MarkInfo,
  readMarks,
  sleep,
  texts,
  waitFlag,
  waitForMarks,
} from '../support/hostile-pages';
import { watchErrors } from '../support/page-errors';
import { FIXTURES_DIR } from './harness';

const HOSTILE = join(FIXTURES_DIR, 'hostile');

// Servers, the no-extension baseline and the browser (tests/support/hostile-cases.ts).
const { env, openCase, finishCase } = setupHostileCases();

describe('hostile pages', () => {
  it('strict CSP (default-src none + script hash): marks, styled underline, popover, no violations from us', async () => {
    // The sidecar's hash must be the hash of the page's one inline script.
    const html = readFileSync(join(HOSTILE, 'csp-strict.html'), 'utf8');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    const headers = JSON.parse(readFileSync(join(HOSTILE, 'csp-strict.html.headers.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(headers['content-security-policy']).toContain(`default-src 'none'`);
    expect(headers['content-security-policy']).toContain(`'sha256-${hash}'`);

    const { page, errors } = await openCase('csp-strict');
    expect(await flag(page, '__cspActive'), 'the policy is enforced (eval is blocked)').toBe(true);
    const marks = await waitForMarks(
      page,
      hasAll('Esketamine', 'Ketamine', 'NMDA receptor antagonist', 'K-hole'),
    );
    expect(texts(marks)).toEqual(
      expect.arrayContaining(['Esketamine', 'Ketamine', 'NMDA receptor antagonist', 'K-hole']),
    );
    // Through each registered highlight: our names are random per load.
    const underline = await isolated<string>(
      page,
      `[...CSS.highlights.keys()].map((n) => getComputedStyle(document.getElementById('p'), '::highlight(' + n + ')').textDecorationLine).join(' ')`,
    );
    expect.soft(underline, 'the ::highlight rule reaches the page under CSP').toContain('underline');
    expect
      .soft(await hoverShowsPopover(page, 'NMDA receptor antagonist'), 'popover under strict CSP')
      .toBe(true);
    const violations =
      (await flag<{ blocked: string; source: string; directive: string }[]>(page, '__violations')) ?? [];
    expect
      .soft(
        violations.filter((v) => v.blocked !== 'eval'),
        "CSP violations other than the page's own eval probe",
      )
      .toEqual([]);
    await finishCase('csp-strict', page, errors);
  });

  it('100,000-node DOM: marks the first screen, then the end of the page after scrolling; scan is time-sliced', async () => {
    const page = await env.browser.context.newPage();
    const errors = await watchErrors(page);
    const profiler = await startCpuTrace(page, env.browser.extensionId);
    await page.goto(`${env.server.url}/hostile/huge-dom.html`, { waitUntil: 'load' });
    expect(await flag<number>(page, '__nodeCount')).toBeGreaterThanOrEqual(100_000);
    const first = await waitForMarks(page, (m) => m.some((x) => x.near === 'p0'), 15_000);
    expect(first.find((x) => x.near === 'p0')?.text, 'first paragraph marked').toBe('ketamine');
    await sleep(1500);
    const cpu = await profiler.stop();
    console.log(`[hostile] huge-dom: ${describeCpu(cpu)}`);
    expect.soft(cpu.contentSamples, 'the profile saw the content script').toBeGreaterThan(0);
    expect
      .soft(cpu.longestMs, 'most content-script time in one task (budget: no task over 50 ms)')
      .toBeLessThan(50);
    await page.evaluate(() => document.getElementById('p9075')?.scrollIntoView());
    const late = await waitForMarks(
      page,
      (m) => m.some((x) => x.near === 'p9075' || x.near === 'p9050'),
      10_000,
    );
    expect
      .soft(
        late.some((x) => x.near === 'p9075' || x.near === 'p9050'),
        'marks near the end after scrolling',
      )
      .toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await finishCase('huge-dom', page, errors);
  });

  it('text mutated every animation frame for 10 s: the extension throttles itself and catches up afterwards', async () => {
    const page = await env.browser.context.newPage();
    const errors = await watchErrors(page);
    const profiler = await startCpuTrace(page, env.browser.extensionId);
    await page.goto(`${env.server.url}/hostile/raf-mutate.html`, { waitUntil: 'commit' });
    await waitFlag(page, '__settled', 20_000);
    const cpu = await profiler.stop();
    const frames = await flag<number>(page, '__frames');
    console.log(`[hostile] raf-mutate: ${frames} frames; ${describeCpu(cpu)}`);
    expect(cpu.contentSamples, 'the profile saw the content script').toBeGreaterThan(0);
    expect(cpu.wallMs, 'the profile covers the 10 s of mutations').toBeGreaterThan(9_000);
    expect.soft(cpu.share, 'content-script CPU share of wall time').toBeLessThan(0.15);
    expect.soft(cpu.longestMs, 'most content-script time in one task').toBeLessThan(50);
    // After the storm, the settled text is marked.
    const marks = await waitForMarks(page, (m) => m.filter((x) => x.near === 'ticker').length >= 2, 3_000);
    expect
      .soft(
        marks
          .filter((x) => x.near === 'ticker')
          .map((x) => x.text)
          .sort(),
      )
      .toEqual(['esketamine', 'ketamine']);
    await finishCase('raf-mutate', page, errors, { selfTest: 'auto', integrity: false });
    // Integrity on the short (1 s) form of the same page.
    const short = await openCase('raf-mutate');
    await waitForMarks(short.page, (m) => m.some((x) => x.near === 'ticker'), 5_000);
    await finishCase('raf-mutate', short.page, short.errors, { selfTest: 'auto' });
  });

  describe('shadow roots', () => {
    it('marks open, nested and declarative roots; closed roots stay untouched; page intact', async () => {
      const { page, errors } = await openCase('shadow-roots');
      const marks = await waitForMarks(
        page,
        hasAll('Esketamine', 'Norketamine', 'NMDA receptor antagonist', 'K-hole'),
      );
      expect(texts(marks)).toEqual(
        expect.arrayContaining(['Esketamine', 'Norketamine', 'NMDA receptor antagonist', 'K-hole']),
      );
      // "Esketamine (Spravato)": one entry, painted once in its paragraph (docs/decisions/0012).
      expect(texts(marks)).not.toContain('Spravato');
      expect(marks.filter((m) => m.shadow).length).toBeGreaterThanOrEqual(5);
      // A closed root is the page's business: nothing of ours inside it.
      expect(texts(marks)).not.toContain('Ketamine');
      await finishCase('shadow-roots', page, errors);
    });

    it('marks text that is a direct child of an open shadow root', async () => {
      // blockOf() (lib/dom/text-runs.ts) used to return null for a text node
      // whose parent is a ShadowRoot, so walkTextRuns skipped it.
      const { page, errors } = await openCase('shadow-roots');
      const marks = await waitForMarks(page, hasAll('Arketamine'), 5_000);
      expect(texts(marks)).toContain('Arketamine');
      await errors.detach();
      await page.close();
    });

    it('does not duplicate shadow-root marks when a neighbouring light-DOM block is rescanned', async () => {
      // The page ticks a clock in the block that holds the card's host for 3 s;
      // each tick rescans that block, and the card's root must not gain copies.
      // Known failure: Lens.flush() drops the marks of containers inside the
      // rescanned block (store.removeWithin, which uses Node.contains and so
      // stops at shadow boundaries), then walkTextRuns reports the card's
      // shadow root again and addShadowRoot() queues it for a full rescan
      // without dropping its old marks: one more copy per tick.
      const { page, errors } = await openCase('shadow-roots');
      const before = await waitForMarks(page, hasAll('K-hole'), 5_000);
      const count = (m: MarkInfo[]) => m.filter((x) => x.text === 'K-hole').length;
      expect(count(before)).toBe(1);
      await waitFlag(page, '__settled');
      await sleep(1000);
      const after = await readMarks(page);
      expect(count(after), 'registered K-hole ranges after 12 rescans of the neighbouring block').toBe(1);
      await errors.detach();
      await page.close();
    });

    it('shows the popover for a mark inside an open shadow root', async () => {
      // content-main.ts used to pass an always-empty shadowRoots list to
      // caretPositionFromPoint, so the hit test never reached shadow text.
      const { page, errors } = await openCase('shadow-roots');
      await waitForMarks(page, hasAll('Esketamine'));
      expect(await hoverShowsPopover(page, 'Esketamine')).toBe(true);
      await errors.detach();
      await page.close();
    });
  });

  describe('iframes', () => {
    it('marks srcdoc, about:blank and cross-origin (second port, other host) frames; parent intact', async () => {
      const { page, errors } = await openCase('iframes');
      await waitFlag(page, '__settled');
      const frame = (name: string) => page.frames().find((f) => f.name() === name);
      expect(texts(await waitForMarks(page, hasAll('ketamine')))).toContain('ketamine');
      const srcdoc = frame('srcdoc');
      const cross = frame('cross');
      const blank = frame('blank');
      expect(srcdoc && cross && blank).toBeTruthy();
      expect
        .soft(texts(await waitForMarks(srcdoc as Frame, hasAll('Esketamine'))), 'srcdoc frame')
        .toContain('Esketamine');
      expect
        .soft(new URL((cross as Frame).url()).port, 'cross-origin frame is on the second server')
        .toBe(String(env.crossServer.port));
      expect
        .soft(texts(await waitForMarks(cross as Frame, hasAll('ketamine clinic'))), 'cross-origin frame')
        .toContain('ketamine clinic');
      expect
        .soft(
          texts(await waitForMarks(blank as Frame, hasAll('Spravato'))),
          'about:blank frame filled by its parent',
        )
        .toContain('Spravato');
      await finishCase('iframes', page, errors);
    });

    it('marks data: and blob: frames', async () => {
      // Known failure: the content script is declared without
      // match_origin_as_fallback, so Chromium never injects it into data: or
      // blob: documents (match_about_blank covers about:blank/srcdoc only).
      const { page, errors } = await openCase('iframes');
      await waitFlag(page, '__settled');
      const frame = (name: string) => page.frames().find((f) => f.name() === name) as Frame;
      expect
        .soft(texts(await waitForMarks(frame('data'), hasAll('Norketamine'), 4_000)), 'data: frame')
        .toContain('Norketamine');
      expect
        .soft(texts(await waitForMarks(frame('blob'), hasAll('Arketamine'), 2_000)), 'blob: frame')
        .toContain('Arketamine');
      expect(errors.extension()).toEqual([]);
      await errors.detach();
      await page.close();
    });
  });

  it('SVG text: <text>, a term split by <tspan>, linked text and foreignObject', async () => {
    const { page, errors } = await openCase('svg-text');
    const want = ['Ketamine', 'NMDA receptor antagonist', 'Esketamine', 'K-hole', 'Norketamine'];
    const marks = await waitForMarks(page, hasAll(...want));
    expect(texts(marks)).toEqual(expect.arrayContaining(want));
    await finishCase('svg-text', page, errors);
  });

  it('a page that rewrites Node/Range/MutationObserver/CSS.highlights in its main world', async () => {
    const { page, errors } = await openCase('overrides');
    const marks = await waitForMarks(page, hasAll('Ketamine', 'NMDA receptor antagonist', 'esketamine'));
    expect(texts(marks)).toEqual(
      expect.arrayContaining(['Ketamine', 'NMDA receptor antagonist', 'esketamine']),
    );
    // "esketamine is sold as Spravato": one entry, painted once in its paragraph (docs/decisions/0012).
    expect(texts(marks)).not.toContain('Spravato');
    expect
      .soft(await hoverShowsPopover(page, 'esketamine'), 'popover despite the patched platform')
      .toBe(true);
    await finishCase('overrides', page, errors);
    // (The self-test fails if the extension called any of the page's wrappers.)
  });

  describe('a page that removes the extension host element', () => {
    it('once (a hydration pass): marks stay, the popover recovers on the next hover', async () => {
      const { page, errors } = await openCase('host-removal');
      await waitForMarks(page, hasAll('Ketamine', 'Esketamine', 'K-hole'));
      // The host enters the page only when a popover is about to open: the page
      // removes the first one, and the popover still opens.
      expect(await hoverShowsPopover(page, 'K-hole', 3_000), 'popover after the host was removed').toBe(true);
      expect(await flag(page, '__removed'), 'the page removed our first host').toBe(1);
      expect(texts(await readMarks(page))).toEqual(
        expect.arrayContaining(['Ketamine', 'Esketamine', 'K-hole']),
      );
      await finishCase('host-removal', page, errors);
    });

    it('always: no errors and no fight over the element', async () => {
      const { page, errors } = await openCase('host-removal', '/hostile/host-removal.html?mode=always');
      await waitForMarks(page, hasAll('Ketamine', 'Esketamine', 'K-hole'));
      for (const term of ['Ketamine', 'K-hole', 'Esketamine']) await hoverShowsPopover(page, term, 800);
      await sleep(2500);
      const removed = await flag<number>(page, '__removed');
      expect
        .soft(removed, 'host re-inserted a bounded number of times (three, then we stay away)')
        .toBeLessThanOrEqual(4);
      expect(texts(await readMarks(page))).toEqual(
        expect.arrayContaining(['Ketamine', 'Esketamine', 'K-hole']),
      );
      await finishCase('host-removal', page, errors, { integrity: false });
    });
  });

  it('a page that calls CSS.highlights.clear() after load: marks come back within ~3 s, the page keeps its own highlight', async () => {
    const { page, errors } = await openCase('highlights-clear');
    await waitForMarks(page, hasAll('Ketamine', 'esketamine'));
    await waitFlag(page, '__settled', 5_000);
    const clearedAt = Date.now();
    expect((await readMarks(page)).length, 'the page really cleared the registry').toBe(0);
    const back = await waitForMarks(
      page,
      hasAll('Ketamine', 'esketamine', 'NMDA receptor antagonist'),
      4_000,
    );
    const took = Date.now() - clearedAt;
    console.log(`[hostile] highlights-clear: marks re-registered after ${took} ms`);
    expect(texts(back)).toEqual(
      expect.arrayContaining(['Ketamine', 'esketamine', 'NMDA receptor antagonist']),
    );
    expect(took).toBeLessThanOrEqual(3_000);
    await finishCase('highlights-clear', page, errors);
  });

  it('a frameset page: each frame marks itself, the frameset document is left alone', async () => {
    const { page, errors } = await openCase('frameset');
    await waitFlag(page, '__settled');
    const left = page.frames().find((f) => f.name() === 'left') as Frame;
    const right = page.frames().find((f) => f.name() === 'right') as Frame;
    expect(texts(await waitForMarks(left, hasAll('Ketamine')))).toContain('Ketamine');
    expect(texts(await waitForMarks(right, hasAll('Esketamine')))).toContain('Esketamine');
    expect(await readMarks(page)).toEqual([]);
    await finishCase('frameset', page, errors, { selfTest: 'auto' });
  });

  it('one 5 MB text node: marks appear, the page keeps working', async () => {
    const page = await env.browser.context.newPage();
    const errors = await watchErrors(page);
    const profiler = await startCpuTrace(page, env.browser.extensionId);
    await page.goto(`${env.server.url}/hostile/long-text.html`, { waitUntil: 'load', timeout: 30_000 });
    const marks = await waitForMarks(page, hasAll('ketamine', 'esketamine'), 15_000);
    expect(texts(marks)).toEqual(expect.arrayContaining(['ketamine', 'esketamine']));
    await sleep(1000);
    const cpu = await profiler.stop();
    const count = (await readMarks(page)).length;
    console.log(`[hostile] long-text: ${count} registered marks; ${describeCpu(cpu)}`);
    // The budgets (docs/architecture.md) cap the longest extension task on a 5 MB page at 50 ms;
    // one 5 MB text node is one run, matched in 64K-character pieces with
    // pauses between them (it used to be one ~300 ms call, which this measure
    // only caught when it did not run in the first slice's microtask).
    expect.soft(cpu.longestMs, 'most content-script time in one task, one 5 MB text node').toBeLessThan(50);
    await finishCase('long-text', page, errors);
  });
});
