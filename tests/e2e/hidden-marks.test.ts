// Parts of a page hidden by its own stylesheet (a closed accordion, a
// visibility: hidden note) keep their marks for when they open, but the
// "on this page" list and next-term offer only what the reader can see.
import { expect, it } from 'vitest';
import { pageTerms, setupExtensionBrowser, tabIdOf, waitForHighlights } from './harness';
import { runCommand } from './page-checks';
import { dialogInfo, waitForPopover } from './popover-helpers';

const env = setupExtensionBrowser();

it('lists and steps through visible marks only, and offers the rest once the page shows them', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.url}/css-hidden.html`);
  await waitForHighlights(page, 2);
  await page.bringToFront();
  const tab = await tabIdOf(env.browser, page);

  await expect.poll(() => pageTerms(env.browser, tab)).toEqual({ ketamine: 2 });

  // Next-term cycles through the two visible "ketamine" marks and never lands in the hidden parts.
  const labels: string[] = [];
  for (let i = 0; i < 3; i++) {
    await runCommand(env.browser, 'next-term');
    await waitForPopover(page, true, 3000, `(command ${i + 1})`);
    labels.push((await dialogInfo(page))?.label ?? '');
  }
  expect(labels).toEqual(['Ketamine', 'Ketamine', 'Ketamine']);

  // The reader opens the accordion and the note: their terms are offered now.
  await page.keyboard.press('Escape');
  await page.evaluate(() => {
    document.getElementById('answer')?.classList.remove('collapsed');
    document.getElementById('ghost')?.classList.remove('invisible');
  });
  await expect
    .poll(async () => Object.keys(await pageTerms(env.browser, tab)).sort())
    .toEqual(['blood-pressure-heart-rate', 'dissociation', 'esketamine', 'ketamine']);
  await page.close();
});
