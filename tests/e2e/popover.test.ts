// Hover popover in real Chromium with the built extension.
import AxeBuilderSource from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { markPointInPage } from '../support/page-probes';
import { setupExtensionBrowser, waitForHighlights } from './harness';
import { dialogInfo, pointOfTerm, popoverFrame, waitForPopover } from './popover-helpers';

const env = setupExtensionBrowser();

async function openArticle(path = 'article.html') {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.url}/${path}`);
  await waitForHighlights(page, 3);
  await page.waitForTimeout(500); // the popover runtime loads after the first mark
  return page;
}

describe('hover popover', () => {
  it('opens a dialog named for the term, with its short definition and an https source', async () => {
    const page = await openArticle();
    const p = await pointOfTerm(page, 'esketamine');
    await page.mouse.move(p.x, p.y);
    await waitForPopover(page, true);
    // The frame shows before its page has rendered the card (a cold first load): wait for the dialog.
    await expect
      .poll(async () => (await dialogInfo(page))?.label.toLowerCase() ?? '')
      .toContain('esketamine');
    const info = await dialogInfo(page);
    expect(info?.links.some((l) => l.href.startsWith('https://') && l.target === '_blank')).toBe(true);
    expect(info?.text.length).toBeGreaterThan(80);
    await page.close();
  });

  it('stays open while the pointer moves onto it, closes after leaving, and Esc closes it', async () => {
    const page = await openArticle();
    const p = await pointOfTerm(page, 'Ketamine');
    await page.mouse.move(p.x, p.y);
    await waitForPopover(page, true, 3000, '(first hover)');
    const frameEl = await popoverFrame(page)!.frameElement();
    const box = (await frameEl.boundingBox())!;
    // Travel onto the popover in small steps and rest there longer than the hide delay.
    await page.mouse.move(box.x + 40, box.y + 30, { steps: 8 });
    await page.waitForTimeout(600);
    await waitForPopover(page, true, 100, '(pointer on the popover)');
    // Leave both: it closes, and stays closed with the pointer at rest.
    await page.mouse.move(5, 790, { steps: 4 });
    await waitForPopover(page, false, 2000);
    await page.waitForTimeout(500);
    await waitForPopover(page, false, 100, '(pointer at rest in the corner)');
    // Reopen, then Esc.
    await page.mouse.move(p.x, p.y);
    await waitForPopover(page, true, 3000, '(reopen)');
    await page.keyboard.press('Escape');
    await waitForPopover(page, false, 1000);
    await page.close();
  });

  // The popover frame runs in another process: its "pointer entered" report can reach the
  // page after a page pointer move that happened later (a busy machine). Delay its reports.
  async function delayFrameReports(page: Page, ms: number): Promise<void> {
    await popoverFrame(page)!.evaluate((delay) => {
      const port = MessagePort.prototype as unknown as { postMessage(...args: unknown[]): void };
      const post = port.postMessage;
      port.postMessage = function (this: MessagePort, ...args: unknown[]) {
        if ((args[0] as { type?: string } | null)?.type === 'hover')
          setTimeout(() => post.apply(this, args), delay);
        else post.apply(this, args);
      };
    }, ms);
  }

  it('closes when the pointer crosses the popover and leaves before the frame reports it entered', async () => {
    const page = await openArticle();
    const p = await pointOfTerm(page, 'Ketamine');
    await page.mouse.move(p.x, p.y);
    await waitForPopover(page, true, 3000, '(hover)');
    const box = (await (await popoverFrame(page)!.frameElement()).boundingBox())!;
    await delayFrameReports(page, 150);
    await page.mouse.move(box.x + 40, box.y + 30);
    await page.mouse.move(5, 790);
    await waitForPopover(page, false, 2000, '(a stale "entered" report kept it open)');
    await page.waitForTimeout(500);
    await waitForPopover(page, false, 100, '(pointer at rest in the corner)');
    await page.close();
  });

  it('opens from either line of a term wrapped across two lines, and not from the gap between paragraphs', async () => {
    const page = await openArticle();
    for (const line of [0, 1]) {
      const p = await pointOfTerm(page, 'treatment-resistant depression', line);
      await page.mouse.move(p.x, p.y);
      await waitForPopover(page, true);
      await page.mouse.move(1000, 5);
      await waitForPopover(page, false, 2000);
    }
    const gap = await page.evaluate(() => {
      const a = document.getElementById('p1')!.getBoundingClientRect();
      const b = document.getElementById('p2')!.getBoundingClientRect();
      return { x: a.left + 20, y: (a.bottom + b.top) / 2 };
    });
    await page.mouse.move(gap.x, gap.y);
    await page.waitForTimeout(600);
    await waitForPopover(page, false, 100);
    await page.close();
  });

  it('navigates to a related term inside the popover and back', async () => {
    const page = await openArticle();
    const p = await pointOfTerm(page, 'esketamine');
    await page.mouse.move(p.x, p.y);
    await waitForPopover(page, true);
    const frame = popoverFrame(page)!;
    const before = (await dialogInfo(page))!.label;
    const related = frame.locator('.kl-related button').first();
    const relatedName = (await related.textContent())?.trim() ?? '';
    await related.click();
    await expect.poll(async () => (await dialogInfo(page))?.label).toBe(relatedName);
    await frame.getByRole('button', { name: /back/i }).click();
    await expect.poll(async () => (await dialogInfo(page))?.label).toBe(before);
    await page.close();
  });

  it('renders on a strict-CSP page and inside an iframe', async () => {
    const page = await openArticle('csp.html');
    const p = await pointOfTerm(page, 'esketamine');
    await page.mouse.move(p.x, p.y);
    await waitForPopover(page, true);
    expect((await dialogInfo(page))?.label.toLowerCase()).toContain('esketamine');
    await page.close();

    const framed = await env.browser.context.newPage();
    await framed.goto(`${env.server.url}/shadow.html`);
    const child = framed.frames().find((f) => f.url().endsWith('frame-child.html'))!;
    await waitForHighlights(child, 1);
    await framed.waitForTimeout(500);
    const local = await child.evaluate(markPointInPage, {});
    const frameBox = (await (await child.frameElement()).boundingBox())!;
    await framed.mouse.move(frameBox.x + local!.x, frameBox.y + local!.y);
    await expect
      .poll(() => child.childFrames().some((f) => f.url().includes('/popover.html')), { timeout: 3000 })
      .toBe(true);
    await framed.close();
  });

  it('has no serious or critical axe-core violations', async () => {
    const page = await openArticle();
    const p = await pointOfTerm(page, 'esketamine');
    await page.mouse.move(p.x, p.y);
    await waitForPopover(page, true);
    const frame = popoverFrame(page)!;
    await frame.evaluate(AxeBuilderSource.source);
    const violations = await frame.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string }[] }> };
        }
      ).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.close();
  });
});
