// The reading window (ADR 0014): a web page's text is read near the reader
// first, the rest as the reader comes near it or asks for the page's terms.
// Each page names "ketamine" once per paragraph, 150 paragraphs in all.

import { describe, expect, it } from 'vitest';
import { allMarked, markedIdsInPage } from '../support/page-probes';
import { actionTitle, pageTerms, setupExtensionBrowser, tabIdOf } from './harness';

const env = setupExtensionBrowser();

/** The count in the toolbar title once it says `pattern` (polled). */
async function titleCount(tabId: number, pattern: RegExp): Promise<number> {
  let title = '';
  await expect
    .poll(
      async () => {
        title = await actionTitle(env.browser, tabId);
        return pattern.test(title);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return Number(/(\d+) terms/.exec(title)?.[1]);
}

describe('reading window', () => {
  it('reads the first screens of a page opened at the top, the end once the reader scrolls there, and all of it when asked', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/reading-window.html`);
    const tabId = await tabIdOf(env.browser, page);
    await page.waitForFunction(allMarked, ['p0'], { polling: 'raf' });
    // The count so far is what lies near the reader: not the whole page.
    const sofar = await titleCount(tabId, /terms explained so far on this page/);
    expect(sofar).toBeGreaterThan(5);
    expect(sofar).toBeLessThan(100);
    expect(await page.evaluate(markedIdsInPage)).not.toContain('p149');
    // Scrolling to the end: the text there is read and marked.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(allMarked, ['p148', 'p149'], { timeout: 5_000 });
    // The popup's list reads every paragraph: 150, and the title no longer says "so far".
    expect(await pageTerms(env.browser, tabId)).toEqual({ ketamine: 150 });
    expect(await titleCount(tabId, /^Ketamine Lens: \d+ terms explained on this page$/)).toBe(150);
    await page.close();
  });

  it('opened far down: marks the screen and the one above it, leaves the top for later, and reads it on the way back up', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/reading-window.html#p100`);
    const tabId = await tabIdOf(env.browser, page);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    // The paragraph at the top of the window and the one just above it.
    await page.waitForFunction(allMarked, ['p99', 'p100'], { polling: 'raf', timeout: 5_000 });
    const sofar = await titleCount(tabId, /terms explained so far on this page/);
    expect(sofar).toBeLessThan(100);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(allMarked, ['p0'], { timeout: 5_000 });
    expect(await pageTerms(env.browser, tabId)).toEqual({ ketamine: 150 });
    await page.close();
  });

  it('keeps reading while a word needs page context that only the end of the page gives', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/reading-window-context.html`);
    // "dissociation" (shown only on a page about ketamine) at the top is marked
    // without scrolling: the walk does not stop at the window while it waits.
    await page.waitForFunction(allMarked, ['top'], { timeout: 5_000 });
    await page.close();
  });
});
