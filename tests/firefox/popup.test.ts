// The toolbar popup's search in Firefox ESR, opened as a tab at
// moz-extension://<uuid>/popup.html (the UUID is fixed by a profile pref).
// Contract: the search box is a role=combobox input; results are role=option.
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { openExtensionPage, setupFirefoxWithExtension, sleep } from './harness';

const firefox = setupFirefoxWithExtension();

async function optionTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[role="option"]')].map((o) =>
      (o.textContent ?? '').replace(/\s+/g, ' ').trim(),
    ),
  );
}

describe('Firefox: popup search', () => {
  it('finds Esketamine when typing "spravto" (a misspelt brand name)', async () => {
    const page = await openExtensionPage(firefox().ff, 'popup');
    const box = await page.waitForSelector('[role="combobox"]', { timeout: 5_000 });
    expect(box, 'a role=combobox search box in popup.html').toBeTruthy();
    await box!.click();
    await box!.type('spravto');
    let texts: string[] = [];
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      texts = await optionTexts(page);
      if (texts.some((t) => t.includes('Esketamine'))) break;
      await sleep(50);
    }
    expect(await page.$eval('[role="combobox"]', (el) => (el as HTMLInputElement).value)).toBe('spravto');
    expect(
      texts.some((t) => t.includes('Esketamine')),
      `options were: ${JSON.stringify(texts)}`,
    ).toBe(true);
    await page.close();
  });
});
