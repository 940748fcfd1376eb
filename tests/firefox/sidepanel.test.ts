// The sidebar page (sidebar_action) in Firefox ESR, opened as a tab at
// moz-extension://<uuid>/sidepanel.html?tab=<id> (a test cannot open the sidebar)
// and pointed at a fixture tab: it lists that page's terms.
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { openExtensionPage, setupFirefoxWithExtension, sleep, waitForHighlights } from './harness';

const firefox = setupFirefoxWithExtension({ fixtures: true });

/** Every tab id, read from an extension page (no `tabs` permission needed for ids). */
async function tabIds(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const api = (
      globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }
    ).browser.tabs;
    return (await api.query({})).flatMap((t) => (t.id === undefined ? [] : [t.id]));
  });
}

describe('Firefox: side panel', () => {
  it('loads and lists a fixture page’s terms with their short lines', async () => {
    const { ff, fixturesUrl } = firefox();
    const probe = await openExtensionPage(ff, 'sidepanel');
    const before = new Set(await tabIds(probe));
    const page = await ff.newPage();
    await page.goto(`${fixturesUrl}/article.html`);
    await waitForHighlights(page, 3);
    const tabId = (await tabIds(probe)).find((id) => !before.has(id));
    expect(tabId, 'the fixture tab’s id').toBeDefined();
    await probe.close();

    const panel = await openExtensionPage(ff, 'sidepanel', `?tab=${tabId}`);
    let names: string[] = [];
    const deadline = Date.now() + 6_000;
    while (Date.now() < deadline) {
      names = await panel.$$eval('.kl-page-term-name', (els) => els.map((e) => e.textContent ?? ''));
      if (names.length > 1) break;
      await sleep(100);
    }
    expect(
      names.some((n) => /^Ketamine/.test(n)),
      `terms were: ${JSON.stringify(names)}`,
    ).toBe(true);
    const shorts = await panel.$$eval('.kl-page-term-short', (els) => els.map((e) => e.textContent ?? ''));
    expect(shorts.length).toBe(names.length);
    await panel.close();
    await page.close();
  });
});
