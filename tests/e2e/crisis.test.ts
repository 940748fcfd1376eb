// Crisis numbers in the built extension, real Chromium: the crisis box of a
// crisis entry (the popup's entry card, popup.html?entry=…) follows the
// region setting. An unlisted region must never see a number; Australia and
// New Zealand must see their own emergency numbers, not 112.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openExtensionPage, setupExtensionBrowser } from './harness';
import { seriousAxeViolations } from './page-checks';

const env = setupExtensionBrowser();
const ENTRY = 'suicidal-ideation';

/** Writes the region setting straight into storage, as another device's sync would. */
async function storeRegion(code: string): Promise<void> {
  await env.browser.worker.evaluate(async (crisisRegion) => {
    const sync = (
      globalThis as unknown as {
        chrome: {
          storage: {
            sync: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
          };
        };
      }
    ).chrome.storage.sync;
    const current = ((await sync.get('settings')).settings ?? {}) as object;
    // Layout of lib/settings/store.ts: the value plus `settings$` metadata.
    await sync.set({ settings: { ...current, crisisRegion }, settings$: { v: 2, savedAt: Date.now() } });
  }, code);
}

/** Chooses a region with the options page's picker. */
async function pickRegion(label: string): Promise<void> {
  const options = await openExtensionPage(env.browser, 'options');
  const picker = options.getByLabel('Country for crisis and support numbers');
  await picker.selectOption({ label });
  // The About section's crisis box follows the stored setting.
  await expect
    .poll(() => options.locator('.kl-about .kl-crisis').getAttribute('data-showing'))
    .not.toBe(null);
  await options.close();
}

async function openCrisisEntry(): Promise<{ popup: Page; box: Locator }> {
  const popup = await openExtensionPage(env.browser, 'popup', `?entry=${ENTRY}`);
  const box = popup.locator(`article.kl-card[data-entry-id="${ENTRY}"] .kl-crisis`);
  await box.waitFor();
  return { popup, box };
}

describe('crisis box in the real browser', () => {
  it('an unlisted region (BR in settings) sees no number: only "your local emergency number" and the directory', async () => {
    await storeRegion('BR');
    const { popup, box } = await openCrisisEntry();
    await expect.poll(() => box.getAttribute('data-showing')).toBe('fallback');
    const text = await box.textContent();
    expect(text).toContain('call your local emergency number');
    expect(text).not.toMatch(/\d/);
    expect(await box.locator('a[href^="tel:"], a[href^="sms:"]').count()).toBe(0);
    const directory = box.locator('a[href="https://findahelpline.com"]');
    expect(await directory.isVisible()).toBe(true);
    expect(await directory.getAttribute('target')).toBe('_blank');
    expect(await seriousAxeViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('"My country is not listed" on the options page also gives no number', async () => {
    await pickRegion('My country is not listed');
    const { popup, box } = await openCrisisEntry();
    await expect.poll(() => box.getAttribute('data-showing')).toBe('fallback');
    expect(await box.textContent()).not.toMatch(/\d/);
    await popup.close();
  });

  it('Australia shows 000 (and 112 only for mobiles); New Zealand shows 111 and no 112', async () => {
    await pickRegion('Australia');
    let { popup, box } = await openCrisisEntry();
    await expect.poll(() => box.getAttribute('data-showing')).toBe('AU');
    const au = box.locator('.kl-emergency');
    expect(await au.textContent()).toBe(
      'In an emergency, call 000 (from any phone) or 112 (from mobile phones).',
    );
    const zeros = box.locator('a[href="tel:000"]');
    expect(await zeros.textContent()).toBe('000');
    expect(await zeros.isVisible()).toBe(true);
    await popup.close();

    await pickRegion('New Zealand');
    ({ popup, box } = await openCrisisEntry());
    await expect.poll(() => box.getAttribute('data-showing')).toBe('NZ');
    const nz = box.locator('.kl-emergency a[href^="tel:"]');
    expect(await nz.allTextContents()).toEqual(['111']);
    expect(await box.locator('a[href="tel:112"]').count()).toBe(0);
    expect(await box.textContent()).toContain('the country chosen in settings');
    await popup.close();
  });
});
