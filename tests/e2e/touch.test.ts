// Phones and tablets (issue #21): a tap on a term opens its popover, a tap
// elsewhere closes it, a term inside a link leaves the tap to the link
// (docs/decisions/0011-touch-and-links.md). Chromium with a touch screen and a
// 390 × 844 mobile viewport; mouse behaviour is covered by popover.test.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  armFrameProbe,
  launchTouchBrowser,
  PHONE,
  readFrameProbe,
  routeTouchPages,
  type TouchBrowser,
} from '../support/touch';
import {
  EXTENSION_DIR,
  type ExtensionBrowser,
  type FixtureServer,
  launchWithExtension,
  pageTerms,
  startFixtureServer,
  tabIdOf,
  waitForHighlights,
} from './harness';
import { dialogInfo, pointOfTerm, popoverFrame, popoverVisible, waitForPopover } from './popover-helpers';

let phone: TouchBrowser;
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
  phone = await launchTouchBrowser(EXTENSION_DIR);
  await routeTouchPages(phone.context, server.url);
});

afterAll(async () => {
  await phone?.close();
  await server?.close();
});

/**
 * The touch article with the popover runtime loaded (it loads after the first
 * mark): the page's term list, which the content script answers only through
 * the runtime, is not empty.
 */
async function openTouchPage(): Promise<Page> {
  const page = await phone.context.newPage();
  await page.goto(`${server.url}/touch.html`);
  await waitForHighlights(page, 3);
  const tabId = await tabIdOf({ worker: phone.worker } as ExtensionBrowser, page);
  const browser = { worker: phone.worker } as ExtensionBrowser;
  await expect
    .poll(async () => Object.keys(await pageTerms(browser, tabId)).length, { timeout: 10_000 })
    .toBeGreaterThan(0);
  return page;
}

/** The popover frame's box in the page, read through the DevTools view of our closed shadow root. */
async function popoverBox(page: Page) {
  const el = await popoverFrame(page)?.frameElement();
  return (await el?.boundingBox()) ?? null;
}

async function centreOf(page: Page, selector: string, word: string) {
  return page.evaluate(
    ({ selector, word }) => {
      const p = document.querySelector(selector) as HTMLElement;
      const text = p.firstChild as Text;
      const i = (text.data ?? '').indexOf(word);
      const r = document.createRange();
      r.setStart(text, i);
      r.setEnd(text, i + word.length);
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    },
    { selector, word },
  );
}

/** Taps the page's left margin just above (or below) the open popover: no text, no term there. */
async function tapBesidePopover(page: Page) {
  const box = (await popoverBox(page))!;
  const y = box.y > 60 ? box.y - 20 : box.y + box.height + 20;
  await page.touchscreen.tap(6, y);
}

const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('touch: tap to read a term', () => {
  it('a tap on a term shows the popover in the first frame after the tap, fitted to the phone, and a tap elsewhere closes it', async () => {
    const page = await openTouchPage();
    const term = await pointOfTerm(page, 'esketamine');
    // Below the term (where it opens when there is room), at three heights of a short box.
    await page.evaluate(
      armFrameProbe,
      [40, 80, 120].map((dy) => ({ x: PHONE.width / 2, y: term.y + dy })),
    );
    await page.touchscreen.tap(term.x, term.y);
    await waitForPopover(page, true, 3000, '(after a tap on the term)');
    const probe = await readFrameProbe(page);
    expect(probe.frames, `popover box first hit ${probe.frames} frames, ${probe.ms} ms after the tap`).toBe(
      1,
    );

    await expect
      .poll(async () => (await dialogInfo(page))?.label.toLowerCase() ?? '')
      .toContain('esketamine');
    const box = (await popoverBox(page))!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    // Full width less a margin on each side.
    expect(box.width).toBeGreaterThanOrEqual(PHONE.width - 2 * 16);
    expect(await noHorizontalScroll(page)).toBe(true);
    // Inside the popover: nothing wider than it, a close button of 44 × 44 px.
    const inside = await popoverFrame(page)!.evaluate(() => {
      const dialog = document.querySelector('.kl-popover') as HTMLElement;
      const close = document.querySelector('.kl-close') as HTMLElement | null;
      const targets = [...dialog.querySelectorAll('button, a[href]')].map((el) => el.getBoundingClientRect());
      return {
        fits: dialog.scrollWidth <= dialog.clientWidth,
        close: close ? close.getBoundingClientRect().toJSON() : null,
        smallest: Math.min(...targets.map((r) => Math.min(r.height, r.width))),
      };
    });
    expect(inside.fits).toBe(true);
    expect(inside.close?.width).toBeGreaterThanOrEqual(44);
    expect(inside.close?.height).toBeGreaterThanOrEqual(44);
    expect(inside.smallest).toBeGreaterThanOrEqual(44);

    // A tap elsewhere on the page closes it.
    await tapBesidePopover(page);
    await waitForPopover(page, false, 2000, '(after a tap elsewhere)');
    await page.close();
  });

  it('a tap on plain text opens nothing, and the close button closes an open popover', async () => {
    const page = await openTouchPage();
    const plain = await centreOf(page, '#plain', 'morning');
    await page.touchscreen.tap(plain.x, plain.y);
    await page.waitForTimeout(600);
    expect(await popoverVisible(page)).toBe(false);
    expect(popoverFrame(page)).toBeUndefined();

    const term = await pointOfTerm(page, 'dissociation');
    await page.touchscreen.tap(term.x, term.y);
    await waitForPopover(page, true, 3000, '(after a tap on the term)');
    await expect
      .poll(async () => (await dialogInfo(page))?.label.toLowerCase() ?? '')
      .toContain('dissociation');
    // No hover to leave: it stays open with the finger gone.
    await page.waitForTimeout(700);
    expect(await popoverVisible(page)).toBe(true);
    await popoverFrame(page)!.locator('.kl-close').tap();
    await waitForPopover(page, false, 2000, '(after the close button)');
    await page.close();
  });

  it('pinch-zoomed in, the popover opens inside the part of the page the reader sees', async () => {
    const page = await openTouchPage();
    const cdp = await phone.context.newCDPSession(page);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 });
    const view = () =>
      page.evaluate(() => {
        const v = visualViewport!;
        return { x: v.offsetLeft, y: v.offsetTop, width: v.width, height: v.height, scale: v.scale };
      });
    await expect.poll(async () => (await view()).scale).toBe(2);
    const vv = await view();
    const term = await pointOfTerm(page, 'esketamine');
    // CDP touch points are in CSS px from the visual viewport's corner (here the page's top left).
    await page.touchscreen.tap(term.x - vv.x, term.y - vv.y);
    await waitForPopover(page, true, 3000, '(a tap while zoomed in)');
    const box = await (await popoverFrame(page)!.frameElement()).evaluate((f) =>
      (f as Element).getBoundingClientRect().toJSON(),
    );
    const now = await view();
    expect(box.left).toBeGreaterThanOrEqual(now.x);
    expect(box.top).toBeGreaterThanOrEqual(now.y);
    expect(box.right).toBeLessThanOrEqual(now.x + now.width);
    expect(box.bottom).toBeLessThanOrEqual(now.y + now.height);
    await page.close();
  });

  it('a tap on a term inside a link follows the link', async () => {
    const page = await openTouchPage();
    const term = await pointOfTerm(page, 'K-hole');
    await Promise.all([
      page.waitForURL('**/touch-next.html', { timeout: 5000 }),
      page.touchscreen.tap(term.x, term.y),
    ]);
    expect(await page.locator('#next').count()).toBe(1);
    await page.close();
  });

  it('a tap on a term inside a link within the page follows it and opens nothing', async () => {
    const page = await openTouchPage();
    const term = await pointOfTerm(page, 'ketamine bladder');
    await page.touchscreen.tap(term.x, term.y);
    await expect.poll(() => page.url()).toMatch(/#p1$/);
    await page.waitForTimeout(600);
    expect(await popoverVisible(page)).toBe(false);
    expect(popoverFrame(page)).toBeUndefined();
    await page.close();
  });

  it('the popup\'s "on this page" list opens the term that sits inside a link, and the page stays', async () => {
    const page = await openTouchPage();
    const tabId = await tabIdOf({ worker: phone.worker } as ExtensionBrowser, page);
    const extensionId = new URL(phone.worker.url()).host;
    // At phone width, as Firefox for Android shows the popup: a page of its own.
    const popup = await phone.context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    const term = popup.locator('.kl-page-term', { hasText: 'K-hole' }).first();
    await expect.poll(() => term.count(), { timeout: 5000 }).toBe(1);
    expect(await noHorizontalScroll(popup)).toBe(true);
    await term.tap();
    await page.bringToFront();
    await waitForPopover(page, true, 3000, '(revealed from the popup)');
    expect((await dialogInfo(page))?.label).toMatch(/K-hole/);
    const box = (await popoverBox(page))!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(page.url()).toMatch(/\/touch\.html$/);
    // Opened after a touch press: a tap elsewhere closes it.
    await tapBesidePopover(page);
    await waitForPopover(page, false, 2000, '(after a tap elsewhere)');
    await popup.close();
    await page.close();
  });

  it('a tap made before the popover runtime has loaded still opens its term', async () => {
    const page = await phone.context.newPage();
    await page.goto(`${server.url}/touch.html`);
    await waitForHighlights(page, 1, 5000);
    const term = await pointOfTerm(page, 'esketamine');
    await page.touchscreen.tap(term.x, term.y);
    await waitForPopover(page, true, 4000, '(a tap before the runtime loaded)');
    await page.close();
  });

  it('the options page fits the phone width', async () => {
    const extensionId = new URL(phone.worker.url()).host;
    const options = await phone.context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.waitForSelector('h1');
    expect(await noHorizontalScroll(options)).toBe(true);
    await options.close();
  });
});

describe('pen: pointerType decides, not the device', () => {
  let desktop: ExtensionBrowser;
  beforeAll(async () => {
    desktop = await launchWithExtension();
  });
  afterAll(async () => {
    await desktop?.close();
  });

  it('a pen tap on a desktop-sized window opens at once and stays open when the pen hovers away', async () => {
    const page = await desktop.context.newPage();
    await page.goto(`${server.url}/article.html`);
    await waitForHighlights(page, 3);
    await page.waitForTimeout(600);
    const p = await pointOfTerm(page, 'esketamine');
    const cdp = await desktop.context.newCDPSession(page);
    const pen = (type: 'mousePressed' | 'mouseReleased' | 'mouseMoved', x: number, y: number, buttons = 0) =>
      cdp.send('Input.dispatchMouseEvent', {
        type,
        x,
        y,
        button: type === 'mouseMoved' ? 'none' : 'left',
        buttons,
        clickCount: type === 'mouseMoved' ? 0 : 1,
        pointerType: 'pen',
      });
    await pen('mousePressed', p.x, p.y, 1);
    await pen('mouseReleased', p.x, p.y);
    // Open well before the 200 ms hover delay could have run out.
    await waitForPopover(page, true, 3000, '(after a pen tap)');
    // Hovering away with the pen does not close a tapped popover; a pen tap on plain text does.
    await pen('mouseMoved', 1000, 780);
    await page.waitForTimeout(700);
    expect(await popoverVisible(page)).toBe(true);
    await pen('mousePressed', 1000, 780, 1);
    await pen('mouseReleased', 1000, 780);
    await waitForPopover(page, false, 2000, '(after a pen tap elsewhere)');
    await page.close();
  });
});
