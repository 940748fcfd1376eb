// The options page against the built extension in real Chromium: per-site and
// global switches apply to open tabs at once (no reload), choices survive a
// browser restart, and the page passes axe-core.
//
// Two sites from one server: http://127.0.0.1:<port>/ and
// http://localhost:<port>/ have different site keys ("127.0.0.1" and
// "localhost"), so turning one off must leave the other alone.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  launchWithExtension,
  openExtensionPage,
  readHighlights,
  startFixtureServer,
  waitForHighlights,
} from './harness';

const require = createRequire(import.meta.url);
const AXE_SOURCE: string = require('axe-core').source;

/** Changes apply to open tabs at once, without a reload. */
const LIVE_MS = 1_000;

let server: Awaited<ReturnType<typeof startFixtureServer>>;
let browser: ExtensionBrowser | undefined;
let userDataDir: string;

const ipUrl = () => `http://127.0.0.1:${server.port}/article.html`;
const localhostUrl = () => `http://localhost:${server.port}/article.html`;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension();
  userDataDir = browser.userDataDir;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function current(): ExtensionBrowser {
  if (!browser) throw new Error('no browser');
  return browser;
}

async function openArticle(url: string): Promise<Page> {
  const page = await current().context.newPage();
  await page.goto(url);
  const marks = await waitForHighlights(page, 5);
  expect(marks.length, `marks on ${url}`).toBeGreaterThanOrEqual(5);
  return page;
}

/** Polls until the page has `count` ranges (0) or at least `count` (> 0); returns the time it took. */
async function timeUntil(page: Page, want: 'none' | 'some', timeout = 5_000): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    const n = (await readHighlights(page)).length;
    if (want === 'none' ? n === 0 : n > 0) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(
    `page ${page.url()} did not get ${want === 'none' ? 'unmarked' : 'marked'} within ${timeout} ms`,
  );
}

/**
 * Tags the page's window (main world) and records its main-frame navigations:
 * `same()` is true while the tab still shows that very document, never reloaded.
 */
async function watchDocument(page: Page): Promise<{ same(): Promise<boolean> }> {
  const tag = `kl-${Math.random()}`;
  await page.evaluate((t) => {
    (window as unknown as { __klDocumentTag?: string }).__klDocumentTag = t;
  }, tag);
  let navigated = false;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigated = true;
  });
  return {
    async same() {
      const now = await page.evaluate(
        () => (window as unknown as { __klDocumentTag?: string }).__klDocumentTag,
      );
      return !navigated && now === tag;
    },
  };
}

async function openOptions(): Promise<Page> {
  const page = await openExtensionPage(current(), 'options');
  await page.getByRole('switch', { name: 'Mark terms on all sites' }).waitFor();
  return page;
}

async function addSite(options: Page, host: string): Promise<void> {
  const input = options.getByLabel('Add a site where Ketamine Lens stays off');
  await input.fill(host);
  await input.press('Enter');
}

describe('options page drives open tabs live', () => {
  let ip: Page;
  let local: Page;
  let options: Page;

  beforeAll(async () => {
    ip = await openArticle(ipUrl());
    local = await openArticle(localhostUrl());
    options = await openOptions();
  });

  afterAll(async () => {
    for (const p of [ip, local, options]) await p?.close().catch(() => undefined);
  });

  it('typing "127.0.0.1" + Enter unmarks that site within ~1 s, in the same document; localhost keeps its marks', async () => {
    const ipDoc = await watchDocument(ip);
    const localDoc = await watchDocument(local);
    await addSite(options, '127.0.0.1');
    const took = await timeUntil(ip, 'none');
    expect(took).toBeLessThanOrEqual(LIVE_MS);
    expect(await options.getByRole('button', { name: 'Remove 127.0.0.1', exact: true }).count()).toBe(1);
    // The other site is untouched, and stays marked.
    await new Promise((r) => setTimeout(r, 300));
    expect((await readHighlights(local)).length).toBeGreaterThanOrEqual(5);
    // No reload: the marks went from the document that was open (a reload would have dropped its tag).
    expect(await ipDoc.same(), 'the 127.0.0.1 tab was reloaded').toBe(true);
    expect(await localDoc.same(), 'the localhost tab was reloaded').toBe(true);
  });

  it('"Remove 127.0.0.1" restores its marks within ~1 s, in the same document', async () => {
    const ipDoc = await watchDocument(ip);
    await options.getByRole('button', { name: 'Remove 127.0.0.1', exact: true }).click();
    const took = await timeUntil(ip, 'some');
    expect(took).toBeLessThanOrEqual(LIVE_MS);
    expect(await ipDoc.same(), 'the 127.0.0.1 tab was reloaded').toBe(true);
    expect((await waitForHighlights(ip, 5)).length).toBeGreaterThanOrEqual(5);
    expect(await options.getByRole('button', { name: 'Remove 127.0.0.1', exact: true }).count()).toBe(0);
  });

  it('an invalid host shows an inline alert and changes nothing', async () => {
    await addSite(options, 'not a host!');
    await expect(options.getByRole('alert').first().textContent()).resolves.toContain(
      'is not a site address',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await readHighlights(ip)).length).toBeGreaterThan(0);
    await options.getByLabel('Add a site where Ketamine Lens stays off').fill('');
  });

  it('the global switch turns every tab off and back on, without reloading them', async () => {
    const docs = await Promise.all([watchDocument(ip), watchDocument(local)]);
    const sw = options.getByRole('switch', { name: 'Mark terms on all sites' });
    await sw.click();
    expect(await sw.getAttribute('aria-checked')).toBe('false');
    const [offIp, offLocal] = await Promise.all([timeUntil(ip, 'none'), timeUntil(local, 'none')]);
    expect(Math.max(offIp, offLocal)).toBeLessThanOrEqual(LIVE_MS);
    await sw.click();
    expect(await sw.getAttribute('aria-checked')).toBe('true');
    const [onIp, onLocal] = await Promise.all([timeUntil(ip, 'some'), timeUntil(local, 'some')]);
    expect(Math.max(onIp, onLocal)).toBeLessThanOrEqual(LIVE_MS);
    for (const doc of docs) expect(await doc.same(), 'a tab was reloaded').toBe(true);
  });

  it('the preview marks its sample text with the chosen style', async () => {
    const preview = (await readHighlights(options)).map((h) => h.text);
    expect(preview).toEqual(expect.arrayContaining(['Esketamine', 'K-hole', 'NMDA receptor antagonist']));
    await options.getByLabel('Soft background').check();
    const css = await options.evaluate(() =>
      [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n'),
    );
    expect(css).toMatch(/::highlight\([a-z][0-9a-z]+\) \{ background-color/);
    // Unticking a category unmarks its terms in the preview.
    await options.getByLabel('Slang and street terms').uncheck();
    await options.getByLabel('Effects and experiences').uncheck();
    const after = (await readHighlights(options)).map((h) => h.text);
    expect(after).not.toContain('K-hole');
    expect(after).toContain('Esketamine');
    await options.getByLabel('Effects and experiences').check();
    await options.getByLabel('Slang and street terms').check();
    await options.getByLabel('Dotted underline').check();
  });

  it('lists the keyboard shortcuts from browser.commands', async () => {
    const table = options.locator('.kl-table');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Explain the next marked term on the page');
    expect(text).toMatch(/Alt\+Shift\+K|not set/);
    expect(await options.getByRole('button', { name: 'Change shortcuts' }).count()).toBe(1);
  });
});

describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`axe-core finds no serious or critical violation on the options page (${scheme})`, async () => {
      const page = await openOptions();
      await page.emulateMedia({ colorScheme: scheme });
      // Show the states that are hidden at first: an inline error and the import report.
      await addSite(page, 'not a host!');
      await page.getByRole('alert').first().waitFor();
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                ctx: Document,
                opts: object,
              ) => Promise<{
                violations: Array<{
                  id: string;
                  impact: string | null;
                  help: string;
                  nodes: Array<{ target: unknown }>;
                }>;
              }>;
            };
          }
        ).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target) }));
      });
      expect(violations).toEqual([]);
      await page.close();
    });
  }
});

describe('persistence', () => {
  it('a site turned off on the options page stays off after a browser restart', async () => {
    const options = await openOptions();
    await addSite(options, '127.0.0.1');
    await options.getByRole('button', { name: 'Remove 127.0.0.1', exact: true }).waitFor();
    // Let the write land before the browser goes away.
    await new Promise((r) => setTimeout(r, 300));
    await current().close({ keepProfile: true });
    browser = undefined;

    browser = await launchWithExtension({ userDataDir });
    const local = await openArticle(localhostUrl()); // the content script runs…
    const ip = await current().context.newPage();
    await ip.goto(ipUrl());
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await readHighlights(ip)).toEqual([]); // …but not on the site turned off.

    const again = await openOptions();
    await again.getByRole('button', { name: 'Remove 127.0.0.1', exact: true }).waitFor();
    await again.getByRole('button', { name: 'Remove 127.0.0.1', exact: true }).click();
    await timeUntil(ip, 'some');
    for (const p of [local, ip, again]) await p.close();
  });
});
