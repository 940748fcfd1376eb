// A page cannot tell that Ketamine Lens is installed
// (docs/decisions/0009-not-identifiable-by-pages.md). The page's own script
// (tests/support/identity-probe.ts, installed before its markup is parsed)
// tries every way in we know of: the names in CSS.highlights, the text of
// adopted and document stylesheets, elements its markup did not create,
// attribute changes, window and document events, performance entries, and
// fetch() of our web-accessible resources under the real extension id. It
// looks on two loads, before a hover and with the popover open, and finds
// nothing that names us and nothing that repeats across loads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  installIdentityProbe,
  namingUs,
  type PageView,
  readPageView,
  wordPointInPage,
} from '../support/identity-probe';
import {
  EXTENSION_DIR,
  openExtensionPage,
  pageTerms,
  setupExtensionBrowser,
  tabIdOf,
  waitForHighlights,
} from './harness';
import { pointOfTerm, waitForPopover } from './popover-helpers';

const env = setupExtensionBrowser();

const ourUrls = () =>
  ['popover.html', 'popover-runtime.js'].map((f) => `chrome-extension://${env.browser.extensionId}/${f}`);

async function load(): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.addInitScript(installIdentityProbe, env.browser.extensionId);
  await page.goto(`${env.server.url}/article.html`);
  return page;
}

const view = (page: Page) => page.evaluate(readPageView, ourUrls());

/** What must hold of every view: nothing names us, no event or attribute of ours, nothing loadable. */
function expectNothingOfOurs(v: PageView, label: string): void {
  expect(namingUs(v, env.browser.extensionId), `${label}: names us`).toEqual([]);
  expect(v.events, `${label}: events`).toEqual([]);
  expect(v.attributes, `${label}: attribute changes`).toEqual([]);
  expect(v.frames, `${label}: frames the page can reach`).toBe(0);
  for (const [url, got] of Object.entries(v.fetches)) expect(got, `${label}: fetch ${url}`).toBe('failed');
}

/** Chooses a style on the options page and waits until it is in storage. */
async function setStyle(label: 'No marks' | 'Dotted underline'): Promise<void> {
  const want = label === 'No marks' ? 'hover-only' : 'underline';
  const options = await openExtensionPage(env.browser, 'options');
  await options.getByLabel(label, { exact: true }).check();
  await expect
    .poll(
      () =>
        options.evaluate(async () => {
          const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
          const { settings } = (await api.storage.sync.get('settings')) as {
            settings?: { highlightStyle?: string };
          };
          return settings?.highlightStyle ?? 'underline';
        }),
      { timeout: 5_000 },
    )
    .toBe(want);
  await options.close();
}

describe('a page cannot tell that the extension is installed', () => {
  it('two loads, before a hover and with the popover open: nothing names us, nothing repeats', async () => {
    const loads: { before: PageView; open: PageView; closed: PageView }[] = [];
    for (let i = 0; i < 2; i++) {
      const page = await load();
      await waitForHighlights(page, 5);
      await page.waitForTimeout(600); // the popover runtime loads after the first mark
      const before = await view(page);
      const p = await pointOfTerm(page, 'esketamine');
      await page.mouse.move(p.x, p.y);
      await waitForPopover(page, true, 3000, `(load ${i + 1})`);
      const open = await view(page);
      await page.mouse.move(5, 790);
      await waitForPopover(page, false, 2000, `(load ${i + 1}, pointer gone)`);
      await page.waitForTimeout(300); // the host leaves 100 ms after the popover closed
      const closed = await view(page);
      loads.push({ before, open, closed });
      await page.close();
    }

    for (const [i, { before, open, closed }] of loads.entries()) {
      for (const [label, v] of Object.entries({ before, open, closed }))
        expectNothingOfOurs(v, `load ${i + 1}, ${label}`);
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
  });

  it('the page-side bundles neither post to the page nor dispatch events on its nodes', () => {
    const read = (file: string) => readFileSync(join(EXTENSION_DIR, file), 'utf8');
    const content = read('page-lens.js');
    const runtime = read('popover-runtime.js');
    for (const code of [content, runtime]) expect(code).not.toMatch(/dispatchEvent|CustomEvent/);
    expect(content).not.toContain('postMessage');
    // The runtime posts to its private MessagePort and, once, to the popover frame's own window.
    const posts = runtime.match(/[\w$.?]+\.postMessage\(/g) ?? [];
    for (const post of posts)
      expect(post).toMatch(/\.port\??\.postMessage\(|\.contentWindow\?\.postMessage\(/);
  });

  it('only the popover frame and its runtime are web-accessible, through dynamic URLs', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.web_accessible_resources).toEqual([
      { resources: ['popover.html', 'popover-runtime.js'], matches: ['<all_urls>'], use_dynamic_url: true },
    ]);
  });

  it('"No marks": the page sees no highlight and no stylesheet before a hover, nor after', async () => {
    await setStyle('No marks');
    try {
      const page = await load();
      const tabId = await tabIdOf(env.browser, page);
      // Our index has the terms (the popup could list them) ...
      await expect
        .poll(async () => Object.keys(await pageTerms(env.browser, tabId)).length, { timeout: 5_000 })
        .toBeGreaterThan(3);
      await page.waitForTimeout(600);
      // ... but the page sees none of it.
      const before = await view(page);
      expectNothingOfOurs(before, 'quiet, before a hover');
      expect(before.highlights).toEqual([]);
      expect(before.sheets).toEqual([]);
      expect(before.added).toEqual([]);
      // Hovering still explains (hit-testing reads our own index).
      const p = await page.evaluate(wordPointInPage, 'esketamine');
      if (!p) throw new Error('no "esketamine" on the page');
      await page.mouse.move(p.x, p.y);
      await waitForPopover(page, true, 3000, '(quiet mode)');
      const open = await view(page);
      expectNothingOfOurs(open, 'quiet, popover open');
      expect(open.highlights).toEqual([]);
      expect(open.sheets).toEqual([]);
      expect(open.added).toEqual(['<div></div>']);
      await page.close();
    } finally {
      await setStyle('Dotted underline');
    }
  });
});
