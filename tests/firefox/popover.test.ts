// The hover popover in Firefox ESR: moving the mouse onto a marked term shows
// our moz-extension://<uuid>/popover.html iframe with a dialog named for the
// term. The iframe sits in a closed shadow root and is cross-origin to the
// page; BiDi still reaches it as a child frame (see harness.ts for why its
// Frame.url() reads about:blank).
import type { Frame, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  insecureUrl,
  pointOfTerm,
  popoverFrameState,
  setupFirefoxWithExtension,
  sleep,
  waitForHighlights,
  waitForPopover as waitForPopoverIn,
} from './harness';

const firefox = setupFirefoxWithExtension({ fixtures: true });

async function openArticle(origin?: string): Promise<Page> {
  const { ff, fixturesUrl } = firefox();
  const page = await ff.newPage();
  await page.goto(`${origin ?? fixturesUrl}/article.html`);
  await waitForHighlights(page, 4);
  return page;
}

async function dialogInfo(frame: Frame) {
  return frame.evaluate(() => {
    const dialog = document.querySelector('[role="dialog"]');
    if (!dialog) return null;
    const labelledBy = dialog.getAttribute('aria-labelledby');
    const label = labelledBy
      ? labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
      : (dialog.getAttribute('aria-label') ?? '');
    return { label: label.trim(), text: dialog.textContent ?? '' };
  });
}

/** Polls until the popover frame exists and is (in)visible; returns it. */
function waitForPopover(page: Page, visible: boolean, timeout = 4_000): Promise<Frame | undefined> {
  return waitForPopoverIn(page, firefox().ff.origin, visible, timeout);
}

describe('Firefox: hover popover', () => {
  it('opens our moz-extension popover with a dialog named for the hovered term', async () => {
    const page = await openArticle();
    const p = await pointOfTerm(page, 'esketamine');
    await page.mouse.move(p.x, p.y);
    const frame = await waitForPopover(page, true);
    expect(frame, 'a moz-extension popover.html frame among page.frames()').toBeTruthy();
    const state = await popoverFrameState(frame!);
    expect(state?.src.startsWith(`${firefox().ff.origin}/popover.html#`)).toBe(true);
    let info: Awaited<ReturnType<typeof dialogInfo>> = null;
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      info = await dialogInfo(frame!);
      if (info?.label.toLowerCase().includes('esketamine')) break;
      await sleep(50);
    }
    expect(info, 'a role=dialog element in the popover').not.toBeNull();
    expect(info!.label.toLowerCase()).toContain('esketamine');
    expect(info!.text.length).toBeGreaterThan(80);
    await page.close();
  });

  it('closes again when the pointer leaves the term', async () => {
    const page = await openArticle();
    const p = await pointOfTerm(page, 'anesthetic');
    await page.mouse.move(p.x, p.y);
    await waitForPopover(page, true);
    await page.mouse.move(5, 790, { steps: 4 });
    await waitForPopover(page, false, 3_000);
    await page.close();
  });

  // A plain http:// site is not a secure context (crypto.randomUUID is missing
  // there): the popover must open all the same.
  it('opens the popover on a plain-http page (not a secure context)', async () => {
    const page = await openArticle(insecureUrl(firefox().fixturesUrl));
    expect(
      await page.evaluate(() => isSecureContext),
      'precondition: plain.test is not a secure context',
    ).toBe(false);
    const p = await pointOfTerm(page, 'esketamine');
    await page.mouse.move(p.x, p.y);
    const frame = await waitForPopover(page, true);
    expect(frame, 'a popover frame on the insecure page').toBeTruthy();
    await page.close();
  });
});
