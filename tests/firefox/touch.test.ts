// A tap in Firefox ESR (the engine of Firefox for Android): a touch tap on a
// marked term opens the popover without hover, a tap on the page's margin
// closes it (docs/decisions/0011-touch-and-links.md). Touch input through
// WebDriver BiDi's touch pointer actions.
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  pointOfTerm,
  setupFirefoxWithExtension,
  sleep,
  waitForHighlights,
  waitForPopover as waitForPopoverIn,
} from './harness';

const firefox = setupFirefoxWithExtension({ fixtures: true });

async function openArticle(): Promise<Page> {
  const { ff, fixturesUrl } = firefox();
  const page = await ff.newPage();
  await page.goto(`${fixturesUrl}/article.html`);
  await waitForHighlights(page, 4);
  await sleep(500); // the popover runtime loads after the first mark
  return page;
}

describe('Firefox: tap to read a term', () => {
  it('a tap on a term opens its popover, a tap on the margin closes it', async () => {
    const page = await openArticle();
    const p = await pointOfTerm(page, 'esketamine');
    await page.evaluate(() => {
      const w = window as unknown as { kinds: string[] };
      w.kinds = [];
      for (const type of ['pointerdown', 'pointermove', 'pointerup'])
        addEventListener(type, (e) => w.kinds.push(`${e.type}:${(e as PointerEvent).pointerType}`), true);
    });
    await page.touchscreen.tap(p.x, p.y);
    const frame = await waitForPopoverIn(page, firefox().ff.origin, true, 4_000);
    expect(frame, 'a visible popover after the tap').toBeTruthy();
    // A real touch tap: no mouse pointer moved (hover cannot have opened it).
    const kinds = await page.evaluate(() => (window as unknown as { kinds: string[] }).kinds);
    expect(kinds).toContain('pointerup:touch');
    expect(kinds.filter((k) => k.endsWith(':mouse'))).toEqual([]);
    // No hover to leave: still open a moment later.
    await sleep(700);
    expect(await waitForPopoverIn(page, firefox().ff.origin, true, 500)).toBeTruthy();
    await page.touchscreen.tap(4, 4);
    await waitForPopoverIn(page, firefox().ff.origin, false, 4_000);
    await page.close();
  });
});
