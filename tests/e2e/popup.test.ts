// The toolbar popup, opened as a page of the built extension and pointed at
// a fixture tab (popup.html?tab=<id>, since a test cannot click the toolbar).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  openExtensionPage,
  readHighlights,
  setupExtensionBrowser,
  tabIdOf as tabIdOfPage,
  waitForHighlights,
} from './harness';
import { seriousAxeViolations } from './page-checks';
import { dialogInfo, waitForPopover } from './popover-helpers';

const env = setupExtensionBrowser();

const tabIdOf = (page: Page) => tabIdOfPage(env.browser, page);

describe('toolbar popup', () => {
  it('searches and opens an entry by keyboard alone, then returns to the list', async () => {
    const popup = await openExtensionPage(env.browser, 'popup');
    const box = popup.getByRole('combobox');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.keyboard.type('spravto');
    const first = popup.getByRole('option').first();
    await expect.poll(async () => (await first.textContent()) ?? '').toMatch(/Esketamine/);
    // ↓ then ↑ moves the active option (announced through aria-activedescendant) back to the first.
    await popup.keyboard.press('ArrowDown');
    const second = await box.getAttribute('aria-activedescendant');
    await popup.keyboard.press('ArrowUp');
    const firstId = await box.getAttribute('aria-activedescendant');
    expect(firstId).toBeTruthy();
    expect(firstId).not.toBe(second);
    expect(await popup.locator(`[id="${firstId}"]`).textContent()).toMatch(/Esketamine/);
    await popup.keyboard.press('Enter');
    await expect
      .poll(() => popup.locator('article.kl-card').getAttribute('data-entry-id'))
      .toBe('esketamine');
    await popup.keyboard.press('Escape');
    await expect.poll(() => popup.getByRole('option').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('lists the terms of a page open in another tab; choosing one scrolls it and opens the popover', async () => {
    const page = await env.browser.context.newPage();
    await page.setViewportSize({ width: 900, height: 400 });
    await page.goto(`${env.server.url}/long-article.html`);
    await waitForHighlights(page, 3);
    const tabId = await tabIdOf(page);

    const popup = await openExtensionPage(env.browser, 'popup', `?tab=${tabId}`);
    const terms = popup.locator('.kl-page-term');
    await expect.poll(() => terms.count(), { timeout: 5000 }).toBeGreaterThan(3);
    const names = await popup.locator('.kl-page-term-name').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Esketamine (Spravato)']));
    // Most frequent first: "ketamine" appears three times on the page.
    expect(names[0]).toMatch(/^Ketamine/);
    expect(await seriousAxeViolations(popup)).toEqual([]);

    const before = await page.evaluate(() => scrollY);
    await popup.locator('.kl-page-term', { hasText: 'treatment-resistant' }).first().click();
    await page.bringToFront();
    await waitForPopover(page, true, 3000, '(revealed from the popup)');
    expect((await dialogInfo(page))?.label.toLowerCase()).toContain('treatment-resistant');
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(before);
    await page.close();
  });

  it('turns this site off and on from its switch, live, while another site keeps its marks', async () => {
    // Two sites from one server: 127.0.0.1 and localhost have different site keys.
    const other = await env.browser.context.newPage();
    await other.goto(`http://localhost:${env.server.port}/article.html`);
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/article.html`);
    await waitForHighlights(page, 3);
    const otherCount = (await waitForHighlights(other, 3)).length;
    const popup = await openExtensionPage(env.browser, 'popup', `?tab=${await tabIdOf(page)}`);
    const siteSwitch = popup.getByRole('switch', { name: 'On this site' });
    await expect.poll(() => siteSwitch.isEnabled()).toBe(true);
    await siteSwitch.click();
    await expect.poll(async () => (await readHighlights(page)).length, { timeout: 1000 }).toBe(0);
    await expect.poll(() => popup.getByText(/off for this site/i).count()).toBeGreaterThan(0);
    expect((await readHighlights(other)).length).toBe(otherCount);
    await siteSwitch.click();
    await expect.poll(async () => (await readHighlights(page)).length, { timeout: 1000 }).toBeGreaterThan(3);
    await page.close();
    await other.close();
    await popup.close();
  });

  it('says when it cannot run on a page', async () => {
    const page = await env.browser.context.newPage();
    await page.goto('about:blank');
    const popup = await openExtensionPage(env.browser, 'popup', `?tab=${await tabIdOf(page)}`);
    await expect
      .poll(() => popup.locator('.kl-page').textContent(), { timeout: 5000 })
      .toMatch(/can(’|')t|cannot|not available/i);
    await page.close();
    await popup.close();
  });
});
