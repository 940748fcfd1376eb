// What a reader meets on a harm-reduction sheet: first aid that always says
// to call, street names marked in their list, and words that mean something
// else here (a doctor called "PCP", "hemodynamic depression") left alone.
import { expect, it } from 'vitest';
import {
  highlightTexts,
  pageTerms,
  readHighlights,
  setupExtensionBrowser,
  tabIdOf,
  waitForHighlights,
} from './harness';
import { dialogInfo, pointOfTerm, waitForPopover } from './popover-helpers';

const env = setupExtensionBrowser();

it('the K-hole popover says to call the emergency number, with the recovery position and CPR', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.url}/harm-reduction.html`);
  await waitForHighlights(page, 5);
  await page.waitForTimeout(500);
  const p = await pointOfTerm(page, 'K-hole');
  await page.mouse.move(p.x, p.y);
  await waitForPopover(page, true);
  await expect.poll(async () => (await dialogInfo(page))?.label ?? '').toBe('K-hole');
  const text = (await dialogInfo(page))?.text ?? '';
  expect(text).toMatch(/cannot be woken, call the emergency number/);
  expect(text).toMatch(/recovery position and stay with them/);
  expect(text).toMatch(/CPR/);
  await page.close();
});

it('marks street names in their list and bladder symptoms, never the doctor or hemodynamic depression', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.url}/harm-reduction.html`);
  await waitForHighlights(page, 5);
  const texts = highlightTexts(await readHighlights(page));
  expect(texts).toEqual(expect.arrayContaining(['Special K', 'Kit Kat', 'K-hole']));
  // Kit Kat, Super K and Vitamin K are one entry: their paragraph paints its first (docs/decisions/0012)…
  expect(texts).not.toContain('Super K');
  expect(texts).not.toContain('Vitamin K');
  // …and every occurrence is still found and counted.
  const tabId = await tabIdOf(env.browser, page);
  await expect
    .poll(() => pageTerms(env.browser, tabId))
    .toMatchObject({ 'ket-street-names': 3, 'special-k': 1 });
  expect(texts).toEqual(expect.arrayContaining(['urinary frequency', 'dysuria']));
  expect(texts).not.toContain('PCP');
  expect(texts).not.toContain('depression');
  await page.close();
});

it('a phrase naming ketamine with another substance opens the combination, with its level at the top', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.url}/harm-reduction.html`);
  await waitForHighlights(page, 5);
  await page.waitForTimeout(500);
  const p = await pointOfTerm(page, 'ketamine and alcohol');
  await page.mouse.move(p.x, p.y);
  await waitForPopover(page, true);
  await expect.poll(async () => (await dialogInfo(page))?.label ?? '').toMatch(/alcohol/i);
  const text = (await dialogInfo(page))?.text ?? '';
  expect(text).toMatch(/Mixing level/);
  expect(text).toMatch(/Dangerous/);
  await page.close();
});
