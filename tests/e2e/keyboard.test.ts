// Keyboard path: the "next term" command opens the next mark's popover with
// focus inside; Tab moves through it; Esc returns focus to the page.
import { expect, it } from 'vitest';
import { setupExtensionBrowser, waitForHighlights } from './harness';
import { runCommand } from './page-checks';
import { dialogInfo, popoverFrame, waitForPopover } from './popover-helpers';

const env = setupExtensionBrowser();

it('opens the next term in reading order with focus inside, and Esc closes it', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.url}/article.html`);
  await waitForHighlights(page, 3);
  await page.bringToFront();
  await page.waitForTimeout(400);

  await runCommand(env.browser, 'next-term');
  await waitForPopover(page, true, 3000, '(first command)');
  await expect.poll(async () => (await dialogInfo(page))?.label).toBe('Ketamine');
  await expect.poll(async () => (await dialogInfo(page))?.focused).toBe(true);

  // Tab reaches a link or button inside the popover, with a visible focus ring.
  const frame = popoverFrame(page)!;
  await page.keyboard.press('Tab');
  const focused = await frame.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return null;
    const style = getComputedStyle(el);
    return { tag: el.tagName, outline: style.outlineStyle, shadow: style.boxShadow };
  });
  expect(['A', 'BUTTON', 'SUMMARY']).toContain(focused?.tag);
  expect(focused?.outline !== 'none' || focused?.shadow !== 'none').toBe(true);

  // The heading and the first paragraph both say "ketamine"; the third mark is "anesthetic".
  await runCommand(env.browser, 'next-term');
  await runCommand(env.browser, 'next-term');
  await expect.poll(async () => (await dialogInfo(page))?.label.toLowerCase()).toMatch(/an(a)?esthe/);

  await frame.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.focus());
  await page.keyboard.press('Escape');
  await waitForPopover(page, false, 2000, '(Esc)');
  await page.close();
});
