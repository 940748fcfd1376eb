// The popup's combination checker in real Chromium: the built popup opened as
// a page (a test cannot click the toolbar), names across every level typed
// the way a reader would, an unknown name, the keyboard path, and axe-core in
// the light and dark themes with results on screen.
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  launchWithExtension,
  openExtensionPage,
  setupExtensionBrowser,
} from './harness';

const env = setupExtensionBrowser();
const LABEL = 'Mix ketamine with…';

async function axeViolations(page: Page) {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (c: unknown) => Promise<{ violations: { id: string; impact: string }[] }> };
    };
    const r = await w.axe.run(document);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

async function openChecker(browser: ExtensionBrowser): Promise<Page> {
  const popup = await openExtensionPage(browser, 'popup');
  await popup.getByRole('button', { name: LABEL }).click();
  const box = popup.getByRole('combobox', { name: LABEL });
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
  return popup;
}

async function check(popup: Page, text: string) {
  const box = popup.getByRole('combobox', { name: LABEL });
  await box.fill(text);
  await box.press('Enter');
}

/** The result cards on screen: record id, level attribute and the level as it is written. */
async function cards(popup: Page) {
  return popup.locator('.kl-mix-results article.kl-combo').evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-record-id'),
      level: el.getAttribute('data-level'),
      word: el.querySelector('.kl-level')?.textContent ?? '',
      signs: el.querySelector('.kl-combo-signs') !== null,
    })),
  );
}

describe('combination checker in the popup', () => {
  it.each([
    // typed, record, level, the level in words, emergency signs shown
    ['booze', 'alcohol', 'dangerous', 'Dangerous', true],
    ['fent', 'fentanyl', 'dangerous', 'Dangerous', true],
    ['G', 'ghb', 'dangerous', 'Dangerous', true],
    ['aminophylline', 'theophylline', 'unsafe', 'Unsafe', true],
    ['xanx', 'benzodiazepines', 'caution', 'Caution', true],
    ['molly', 'mdma', 'caution', 'Caution', true],
    ['tusi', 'tusi', 'unknown', 'Unknown', false],
    ['weed', 'cannabis', 'low-synergy', 'Low risk & synergy', false],
    ['coffee', 'caffeine', 'low-no-synergy', 'Low risk & no synergy', false],
    ['Lexapro', 'ssri-snri', 'low-no-synergy', 'Low risk & no synergy', false],
    ["St John's wort", 'st-johns-wort', 'low-decrease', 'Low risk & decrease', false],
    ['Lamictal', 'lamotrigine', 'low-decrease', 'Low risk & decrease', false],
  ])('"%s" shows %s as %s, in words', async (typed, id, level, word, signs) => {
    const popup = await openChecker(env.browser);
    await check(popup, typed);
    await expect.poll(() => cards(popup)).toEqual([{ id, level, word: `Risk level: ${word}`, signs }]);
    // The reader's crisis box comes with a Dangerous or Unsafe result only.
    const crisis = await popup.locator('.kl-mix-results .kl-crisis').count();
    expect(crisis).toBe(level === 'dangerous' || level === 'unsafe' ? 1 : 0);
    await popup.close();
  });

  it('an unknown name is Unknown, not known to be safe, never low risk', async () => {
    const popup = await openChecker(env.browser);
    await check(popup, 'frobnicol');
    await expect
      .poll(() => cards(popup))
      .toEqual([{ id: 'unknown', level: 'unknown', word: 'Risk level: Unknown', signs: false }]);
    await expect
      .poll(() => popup.locator('.kl-mix-results').textContent())
      .toMatch(/not known to be safe[\s\S]*call the emergency number/);
    await popup.close();
  });

  it('several at once: worst first, the pair between the others, one crisis box; axe-clean', async () => {
    const popup = await openChecker(env.browser);
    await check(popup, 'weed, xanax and alcohol');
    await expect
      .poll(async () => (await cards(popup)).map((c) => c.id))
      .toEqual(['alcohol', 'benzodiazepines', 'cannabis']);
    expect(await popup.locator('.kl-combo-pairs li').first().getAttribute('data-pair')).toBe(
      'benzodiazepines+alcohol',
    );
    expect(await popup.locator('.kl-mix-results .kl-crisis').count()).toBe(1);
    await popup.locator('.kl-mix-results details.kl-level-legend summary').first().click();
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('works from the keyboard alone: Tab to the button, Enter, type, choose a suggestion, Enter', async () => {
    const popup = await openExtensionPage(env.browser, 'popup');
    const search = popup.getByRole('combobox', { name: /search the ketamine glossary/i });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    const toggle = popup.getByRole('button', { name: LABEL });
    for (let i = 0; i < 6 && !(await toggle.evaluate((el) => el === document.activeElement)); i++)
      await popup.keyboard.press('Tab');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.keyboard.press('Enter');
    const box = popup.getByRole('combobox', { name: LABEL });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.keyboard.type('trama');
    await expect.poll(() => popup.getByRole('option').first().textContent()).toMatch(/^tramadol/i);
    await popup.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBeTruthy();
    await popup.keyboard.press('Enter');
    await expect.poll(async () => (await cards(popup)).map((c) => c.id)).toEqual(['tramadol']);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('is axe-clean in the dark theme with a Dangerous result and the legend open', async () => {
    const dark = await launchWithExtension({ colorScheme: 'dark' });
    try {
      const popup = await openChecker(dark);
      await check(popup, 'alcohol, lithium and acid');
      await expect.poll(async () => (await cards(popup)).length).toBe(3);
      await popup.locator('.kl-mix-results details.kl-level-legend summary').first().click();
      expect(await axeViolations(popup)).toEqual([]);
    } finally {
      await dark.close();
    }
  });
});
