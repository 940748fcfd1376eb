// A page cannot tell that Ketamine Lens is installed, in Firefox ESR
// (docs/decisions/0009-not-identifiable-by-pages.md). Firefox's extension
// UUID is random per install, but highlights, the popover host and messages
// are not: the page's own script (tests/support/identity-probe.ts) tries the
// same ways in as in Chromium, with the real moz-extension:// UUID, on two
// loads, before a hover and with the popover open.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  installIdentityProbe,
  namingUs,
  type PageView,
  readPageView,
  wordPointInPage,
} from '../support/identity-probe';
import {
  FIREFOX_EXTENSION_DIR,
  findPopoverFrame,
  openExtensionPage,
  pointOfTerm,
  setupFirefoxWithExtension,
  sleep,
  waitForHighlights,
} from './harness';

const firefox = setupFirefoxWithExtension({ fixtures: true });

const uuid = () => new URL(firefox().ff.origin).host;

/**
 * What the build lists as web-accessible. The MV2 build (what AMO gets) lists
 * nothing; the MV3 test build must list the frame and the runtime, and Firefox
 * has no dynamic URLs, so there a page that knows the per-install UUID can load them.
 */
const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
const listed: string[] = (manifest.web_accessible_resources ?? []).flatMap(
  (r: string | { resources: string[] }) => (typeof r === 'string' ? [r] : r.resources),
);
const ourUrls = () => ['popover.html', 'popover-runtime.js'].map((f) => `${firefox().ff.origin}/${f}`);

async function load(): Promise<Page> {
  const { ff, fixturesUrl } = firefox();
  const page = await ff.newPage();
  await page.evaluateOnNewDocument(installIdentityProbe, uuid());
  await page.goto(`${fixturesUrl}/article.html`);
  return page;
}

const view = (page: Page) => page.evaluate(readPageView, ourUrls());

async function popoverOpen(page: Page): Promise<boolean> {
  const frame = await findPopoverFrame(page, firefox().ff.origin);
  if (!frame) return false;
  try {
    const el = await frame.frameElement();
    if (!el) return false;
    return await el.evaluate(
      (f) =>
        f.isConnected && getComputedStyle(f).visibility === 'visible' && f.getBoundingClientRect().height > 0,
    );
  } catch {
    return false; // the frame left the page as we looked
  }
}

async function waitForPopover(page: Page, open: boolean, step: string, timeout = 4_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if ((await popoverOpen(page)) === open) return;
    await sleep(50);
  }
  throw new Error(`popover did not ${open ? 'open' : 'close'} within ${timeout} ms ${step}`);
}

function expectNothingOfOurs(v: PageView, label: string): void {
  expect(namingUs(v, uuid()), `${label}: names us`).toEqual([]);
  expect(v.events, `${label}: events`).toEqual([]);
  expect(v.attributes, `${label}: attribute changes`).toEqual([]);
  expect(v.frames, `${label}: frames the page can reach`).toBe(0);
  for (const [url, got] of Object.entries(v.fetches)) {
    if (listed.some((file) => url.endsWith(`/${file}`))) continue;
    expect(got, `${label}: fetch ${url}`).toBe('failed');
  }
}

/** Chooses a style on the options page and waits until it is in storage. */
async function setStyle(label: 'No marks' | 'Dotted underline'): Promise<void> {
  const want = label === 'No marks' ? 'hover-only' : 'underline';
  const options = await openExtensionPage(firefox().ff, 'options');
  await options.evaluate((text) => {
    const el = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
    (el as HTMLLabelElement | undefined)?.click();
  }, label);
  const stored = () =>
    options.evaluate(async () => {
      const api = (globalThis as unknown as { browser: typeof import('wxt/browser').browser }).browser;
      const { settings } = (await api.storage.sync.get('settings')) as {
        settings?: { highlightStyle?: string };
      };
      return settings?.highlightStyle ?? 'underline';
    });
  await expect.poll(stored, { timeout: 5_000 }).toBe(want);
  await options.close();
}

describe('Firefox: a page cannot tell that the extension is installed', () => {
  it('the MV2 build lists nothing as web-accessible', () => {
    if (manifest.manifest_version === 2) expect(manifest.web_accessible_resources).toBeUndefined();
    else expect(listed.sort()).toEqual(['popover-runtime.js', 'popover.html']);
  });

  it('two loads, before a hover and with the popover open: nothing names us, nothing repeats', async () => {
    const loads: { before: PageView; open: PageView; closed: PageView }[] = [];
    for (let i = 0; i < 2; i++) {
      const page = await load();
      await waitForHighlights(page, 5);
      await sleep(600); // the popover runtime loads after the first mark
      const before = await view(page);
      const p = await pointOfTerm(page, 'esketamine');
      await page.mouse.move(p.x, p.y);
      await waitForPopover(page, true, `(load ${i + 1})`);
      const open = await view(page);
      await page.mouse.move(5, 790, { steps: 4 });
      await waitForPopover(page, false, `(load ${i + 1}, pointer gone)`);
      await sleep(300); // the host leaves 100 ms after the popover closed
      const closed = await view(page);
      loads.push({ before, open, closed });
      await page.close();
    }

    for (const [i, { before, open, closed }] of loads.entries()) {
      for (const [label, v] of Object.entries({ before, open, closed }))
        expectNothingOfOurs(v, `load ${i + 1}, ${label}`);
      expect(before.highlights).toHaveLength(2);
      expect(open.highlights).toEqual(before.highlights);
      expect(before.sheets).toHaveLength(1);
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

  it('"No marks": the page sees no highlight and no stylesheet before a hover, nor after', async () => {
    await setStyle('No marks');
    try {
      const page = await load();
      await sleep(1_500); // the scan is done (the hover below shows it found the term)
      const before = await view(page);
      expectNothingOfOurs(before, 'quiet, before a hover');
      expect(before.highlights).toEqual([]);
      expect(before.sheets).toEqual([]);
      expect(before.added).toEqual([]);
      const p = await page.evaluate(wordPointInPage, 'esketamine');
      if (!p) throw new Error('no "esketamine" on the page');
      await page.mouse.move(p.x, p.y);
      await waitForPopover(page, true, '(quiet mode)');
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
