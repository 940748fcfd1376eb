// The popover runtime (Floating UI, hover, the frame host) is loaded when the
// reader first points at a page with marks, not while the page is scanned:
// most page loads are read without a single hover, and the runtime's
// evaluation was ~2 ms of every marked page's start-up.
import { expect, it } from 'vitest';
import { setupExtensionBrowser, tabIdOf, waitForHighlights } from './harness';
import { pointOfTerm, waitForPopover } from './popover-helpers';

const env = setupExtensionBrowser();

it('loads the popover runtime on the first pointer move over a marked page, and the hover works', async () => {
  const page = await env.browser.context.newPage();
  // Every script V8 parses in this page, the content script's isolated world included.
  const cdp = await env.browser.context.newCDPSession(page);
  const parsed: string[] = [];
  cdp.on('Debugger.scriptParsed', (e) => parsed.push(e.url));
  await cdp.send('Debugger.enable');
  const runtimeParsed = () => parsed.some((url) => url.includes('popover-runtime'));

  await page.goto(`${env.server.url}/article.html`);
  await waitForHighlights(page, 3);
  expect(
    parsed.some((url) => url.includes('page-lens')),
    'the content script is seen',
  ).toBe(true);
  // Past the 300 ms count report, which used to load it.
  await page.waitForTimeout(900);
  expect(runtimeParsed(), 'not loaded by the scan').toBe(false);

  const at = await pointOfTerm(page, 'anesthetic');
  await page.mouse.move(at.x, at.y);
  await expect.poll(runtimeParsed, { timeout: 3000 }).toBe(true);
  await waitForPopover(page, true, 3000, '(first hover)');
  await cdp.detach();
  await page.close();
});

it('reveals a term asked for by the popup before the runtime has loaded (no pointer move, no page list yet)', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.url}/article.html`);
  await waitForHighlights(page, 3);
  const tabId = await tabIdOf(env.browser, page);
  const reply = await env.browser.worker.evaluate(async (tab) => {
    const tabsApi = (
      globalThis as unknown as {
        chrome: { tabs: { sendMessage(t: number, m: object, o: object): Promise<unknown> } };
      }
    ).chrome.tabs;
    return tabsApi.sendMessage(tab, { type: 'kl:reveal-entry', id: 'esketamine' }, { frameId: 0 });
  }, tabId);
  expect(reply).toEqual({ ok: true });
  await waitForPopover(page, true, 3000, '(revealed)');
  await page.close();
});
