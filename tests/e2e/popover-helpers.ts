import type { Frame, Page } from 'playwright-core';
import { markPointInPage } from '../support/page-probes';

/** Centre of the first client rect of the first mark whose text is `text`. */
export async function pointOfTerm(page: Page, text: string, line = 0): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(markPointInPage, { text, line });
  if (!point) throw new Error(`No mark with text "${text}"`);
  return point;
}

/**
 * The popover's frame (an extension page inside our closed shadow root). There
 * is one only while a popover is open or about to open (docs/decisions/0009).
 */
export function popoverFrame(page: Page): Frame | undefined {
  return page.frames().find((f) => !f.isDetached() && f.url().includes('/popover.html'));
}

/**
 * A read of the popover frame that gives `fallback` if the frame goes first:
 * it leaves the page when the popover closes, and a read of a frame that is
 * being removed can fail or never settle.
 */
function whileThere<T>(read: Promise<T>, fallback: T, ms = 1500): Promise<T> {
  return Promise.race([
    read.catch(() => fallback),
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms)),
  ]);
}

/** Whether our popover iframe is visible, read through the DevTools view of the closed shadow root. */
export async function popoverVisible(page: Page): Promise<boolean> {
  const frame = popoverFrame(page);
  if (!frame) return false;
  const read = frame
    .frameElement()
    .then((el) =>
      el.evaluate(
        (iframe) =>
          (iframe as Element).isConnected &&
          getComputedStyle(iframe as Element).visibility === 'visible' &&
          (iframe as Element).getBoundingClientRect().height > 0,
      ),
    );
  return whileThere(read, false);
}

export async function waitForPopover(page: Page, visible: boolean, timeout = 3000, step = ''): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if ((await popoverVisible(page)) === visible) return;
    await page.waitForTimeout(30);
  }
  throw new Error(`popover did not become ${visible ? 'visible' : 'hidden'} within ${timeout} ms ${step}`);
}

export async function dialogInfo(page: Page) {
  const frame = popoverFrame(page);
  if (!frame) return null;
  const read = frame.evaluate(() => {
    const dialog = document.querySelector('[role="dialog"]');
    if (!dialog) return null;
    const labelId = dialog.getAttribute('aria-labelledby');
    const label = labelId
      ? (document.getElementById(labelId)?.textContent ?? '')
      : (dialog.getAttribute('aria-label') ?? '');
    const links = [...dialog.querySelectorAll('a[href]')].map((a) => ({
      href: (a as HTMLAnchorElement).href,
      target: (a as HTMLAnchorElement).target,
    }));
    return {
      label: label.trim(),
      text: dialog.textContent ?? '',
      links,
      focused: dialog.contains(document.activeElement) || document.activeElement === dialog,
    };
  });
  return whileThere(read, null);
}
