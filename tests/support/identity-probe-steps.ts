// The steps of the not-identifiable check (docs/decisions/0009), shared by the
// Chromium (tests/e2e) and Firefox (tests/firefox) tests. Each browser's test
// says how to load a page, run code in it and wait; what the page's own script
// does and what must hold of what it sees are the same in both.
import { expect } from 'vitest';
import { namingUs, type PageView, readPageView, wordPointInPage } from './identity-probe';

export interface Point {
  x: number;
  y: number;
}

/** What the steps use of a playwright or puppeteer page directly. */
interface ProbePage {
  mouse: { move(x: number, y: number, options?: { steps?: number }): Promise<void> };
  close(): Promise<void>;
}

export type StyleLabel = 'No marks' | 'Dotted underline';

/** One browser's way of doing each step. */
export interface ProbeDriver<P extends ProbePage> {
  /** Our origin as a page would write it: chrome-extension://<id> or moz-extension://<uuid>. */
  origin(): string;
  /** A new tab on tests/fixtures/article.html, installIdentityProbe(id) run before its markup. */
  load(): Promise<P>;
  /** Runs a self-contained function in the page's main world. */
  run<A, R>(page: P, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  waitForHighlights(page: P, min: number): Promise<unknown>;
  /** In "No marks" mode: waits until the page has been read (nothing on the page shows it). */
  waitForQuietScan(page: P): Promise<void>;
  pointOfTerm(page: P, text: string): Promise<Point>;
  waitForPopover(page: P, open: boolean, step: string): Promise<void>;
  /** Chooses a highlight style on the options page and waits until it is stored. */
  setStyle(label: StyleLabel): Promise<void>;
  /** Files of ours a page may load (Firefox has no dynamic URLs for web-accessible files). */
  mayLoad?(file: string): boolean;
}

/** The files a page would try: the only two that are web-accessible. */
const OUR_FILES = ['popover.html', 'popover-runtime.js'];

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const idOf = (origin: string) => new URL(origin).host;

function view<P extends ProbePage>(d: ProbeDriver<P>, page: P): Promise<PageView> {
  return d.run(
    page,
    readPageView,
    OUR_FILES.map((f) => `${d.origin()}/${f}`),
  );
}

/** What must hold of every view: nothing names us, no event or attribute of ours, nothing loadable. */
function expectNothingOfOurs<P extends ProbePage>(d: ProbeDriver<P>, v: PageView, label: string): void {
  expect(namingUs(v, idOf(d.origin())), `${label}: names us`).toEqual([]);
  expect(v.events, `${label}: events`).toEqual([]);
  expect(v.attributes, `${label}: attribute changes`).toEqual([]);
  expect(v.frames, `${label}: frames the page can reach`).toBe(0);
  for (const [url, got] of Object.entries(v.fetches)) {
    if (OUR_FILES.some((f) => url.endsWith(`/${f}`) && d.mayLoad?.(f))) continue;
    expect(got, `${label}: fetch ${url}`).toBe('failed');
  }
}

/**
 * Two loads, each looked at before a hover, with the popover open and after it
 * closed: nothing names us, and nothing (highlight names, sheet text) repeats.
 */
export async function expectTwoLoadsShowNothing<P extends ProbePage>(d: ProbeDriver<P>): Promise<void> {
  const loads: { before: PageView; open: PageView; closed: PageView }[] = [];
  for (let i = 0; i < 2; i++) {
    const page = await d.load();
    await d.waitForHighlights(page, 5);
    await sleep(600); // the popover runtime loads after the first mark
    const before = await view(d, page);
    const p = await d.pointOfTerm(page, 'esketamine');
    await page.mouse.move(p.x, p.y);
    await d.waitForPopover(page, true, `(load ${i + 1})`);
    const open = await view(d, page);
    await page.mouse.move(5, 790, { steps: 4 });
    await d.waitForPopover(page, false, `(load ${i + 1}, pointer gone)`);
    await sleep(300); // the host leaves 100 ms after the popover closed
    const closed = await view(d, page);
    loads.push({ before, open, closed });
    await page.close();
  }

  for (const [i, { before, open, closed }] of loads.entries()) {
    for (const [label, v] of Object.entries({ before, open, closed }))
      expectNothingOfOurs(d, v, `load ${i + 1}, ${label}`);
    // Marks are there (two highlights, one sheet), under names that stay for the load.
    expect(before.highlights).toHaveLength(2);
    expect(open.highlights).toEqual(before.highlights);
    expect(before.sheets).toHaveLength(1);
    // No element of ours until a popover opens; then one bare <div>; gone when it closes.
    expect(before.added, `load ${i + 1}: elements before a hover`).toEqual([]);
    expect(open.added, `load ${i + 1}: elements with the popover open`).toEqual(['<div></div>']);
    expect(closed.added, `load ${i + 1}: elements after it closed`).toEqual([]);
  }
  const [a, b] = loads as [(typeof loads)[0], (typeof loads)[0]];
  expect(
    a.before.highlights.filter((n) => b.before.highlights.includes(n)),
    'names shared by two loads',
  ).toEqual([]);
  expect(a.before.sheets[0]).not.toBe(b.before.sheets[0]);
}

/** "No marks": no highlight, sheet or element before a hover; hovering still explains, through one bare <div>. */
export async function expectQuietModeShowsNothing<P extends ProbePage>(d: ProbeDriver<P>): Promise<void> {
  await d.setStyle('No marks');
  try {
    const page = await d.load();
    await d.waitForQuietScan(page);
    const before = await view(d, page);
    expectNothingOfOurs(d, before, 'quiet, before a hover');
    expect(before.highlights).toEqual([]);
    expect(before.sheets).toEqual([]);
    expect(before.added).toEqual([]);
    // Hovering still explains (hit-testing reads our own index).
    const p = await d.run(page, wordPointInPage, 'esketamine');
    if (!p) throw new Error('no "esketamine" on the page');
    await page.mouse.move(p.x, p.y);
    await d.waitForPopover(page, true, '(quiet mode)');
    const open = await view(d, page);
    expectNothingOfOurs(d, open, 'quiet, popover open');
    expect(open.highlights).toEqual([]);
    expect(open.sheets).toEqual([]);
    expect(open.added).toEqual(['<div></div>']);
    await page.close();
  } finally {
    await d.setStyle('Dotted underline');
  }
}

/** In an extension page: the stored highlight style (the default when none is stored). */
export async function storedHighlightStyleInPage(): Promise<string> {
  type Api = typeof import('wxt/browser').browser;
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (g.browser ?? g.chrome) as Api;
  const { settings } = (await api.storage.sync.get('settings')) as { settings?: { highlightStyle?: string } };
  return settings?.highlightStyle ?? 'underline';
}

/** The stored value each style label stands for. */
export const STYLE_VALUE: Record<StyleLabel, string> = {
  'No marks': 'hover-only',
  'Dotted underline': 'underline',
};
