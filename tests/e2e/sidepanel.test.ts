// The side panel, opened as a page of the built extension and pointed at a
// fixture tab (sidepanel.html?tab=<id>, since a test cannot open the browser's
// panel): this page's terms as a reading guide, following the tab as it navigates,
// with the popup's search and combination checker beside them.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  openExtensionPage,
  setupExtensionBrowser,
  tabIdOf as tabIdOfPage,
  waitForHighlights,
} from './harness';
import { seriousAxeViolations } from './page-checks';
import { dialogInfo, waitForPopover } from './popover-helpers';

const env = setupExtensionBrowser();

const tabIdOf = (page: Page) => tabIdOfPage(env.browser, page);

describe('side panel', () => {
  it('lists the page’s terms in reading order with short lines, follows navigation, reveals without closing', async () => {
    const page = await env.browser.context.newPage();
    await page.setViewportSize({ width: 900, height: 400 });
    await page.goto(`${env.server.url}/long-article.html`);
    await waitForHighlights(page, 3);
    const panel = await openExtensionPage(env.browser, 'sidepanel', `?tab=${await tabIdOf(page)}`);

    const names = panel.locator('.kl-page-term-name');
    await expect.poll(() => names.count(), { timeout: 5000 }).toBeGreaterThan(2);
    const first = await names.allTextContents();
    // Reading order: ketamine (top), then Esketamine, then treatment-resistant depression far down.
    expect(first[0]).toMatch(/^Ketamine/);
    const esk = first.findIndex((n) => /^Esketamine/.test(n));
    const trd = first.findIndex((n) => /treatment-resistant/i.test(n));
    expect(esk).toBeGreaterThan(0);
    expect(trd).toBeGreaterThan(esk);
    // Each term with its short line.
    const shorts = await panel.locator('.kl-page-term-short').allTextContents();
    expect(shorts.length).toBe(first.length);
    for (const s of shorts) expect(s.trim().length).toBeGreaterThan(10);
    expect(await seriousAxeViolations(panel)).toEqual([]);

    // Choosing a term scrolls the page to it and opens its popover; the panel stays.
    const before = await page.evaluate(() => scrollY);
    await panel.locator('.kl-page-term', { hasText: 'treatment-resistant' }).first().click();
    await page.bringToFront();
    await waitForPopover(page, true, 3000, '(revealed from the side panel)');
    expect((await dialogInfo(page))?.label.toLowerCase()).toContain('treatment-resistant');
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(before);
    expect(panel.isClosed()).toBe(false);

    // The tab navigates: the panel shows the new page's terms.
    await page.goto(`${env.server.url}/harm-reduction.html`);
    await waitForHighlights(page, 3);
    await expect
      .poll(async () => (await names.allTextContents()).some((n) => /K-hole/i.test(n)), { timeout: 6000 })
      .toBe(true);
    expect((await names.allTextContents()).some((n) => /^Esketamine/.test(n))).toBe(false);
    // A safety term is flagged.
    expect(await panel.locator('.kl-page-term-safety').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(panel)).toEqual([]);
    await page.close();
    await panel.close();
  });

  it('searches the glossary and checks a combination', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/article.html`);
    const panel = await openExtensionPage(env.browser, 'sidepanel', `?tab=${await tabIdOf(page)}`);
    const search = panel.getByRole('combobox', { name: /search the ketamine glossary/i });
    await search.fill('spravto');
    await expect
      .poll(async () => (await panel.getByRole('option').first().textContent()) ?? '')
      .toMatch(/Esketamine/);
    await search.press('Enter');
    await expect
      .poll(() => panel.locator('article.kl-card').getAttribute('data-entry-id'))
      .toBe('esketamine');
    await search.press('Escape');
    await search.fill('');

    const label = 'Mix ketamine with…';
    await panel.getByRole('button', { name: label }).click();
    const box = panel.getByRole('combobox', { name: label });
    await box.fill('booze');
    await box.press('Enter');
    await expect
      .poll(() => panel.locator('.kl-mix-results article.kl-combo').first().getAttribute('data-record-id'))
      .toBe('alcohol');
    expect(await seriousAxeViolations(panel)).toEqual([]);
    await page.close();
    await panel.close();
  });
});
