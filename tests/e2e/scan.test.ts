// The text reader (scan.html) in Chromium: pasted text is shown as text with
// the same marks and popovers as a web page, the terms found are listed, and
// nothing is requested from anywhere.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, waitForHighlights } from './harness';
import { dialogInfo, pointOfTerm, waitForPopover } from './popover-helpers';

let b: ExtensionBrowser;

beforeAll(async () => {
  b = await launchWithExtension();
});

afterAll(async () => {
  await b?.close();
});

const TEXT = `Ketamine is an NMDA receptor antagonist.

Esketamine is given as a nasal spray; some people describe dissociation.`;

async function openScan(): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/scan.html`);
  return page;
}

describe('text reader', () => {
  it('marks pasted text and lists the terms found', async () => {
    const page = await openScan();
    const box = page.getByLabel('Text to explain');
    await box.focus();
    // As a paste inserts it: one input event with the whole text.
    await page.keyboard.insertText(TEXT);
    const ranges = await waitForHighlights(page, 4, 8000);
    const texts = ranges.map((r) => r.text);
    expect(texts).toEqual(
      expect.arrayContaining(['Ketamine', 'NMDA receptor antagonist', 'Esketamine', 'dissociation']),
    );
    // Only the marked copy of the text, never our own labels or the list.
    const where = await page.evaluate(() => {
      const out: string[] = [];
      for (const h of CSS.highlights.values())
        for (const r of h) out.push((r.startContainer.parentElement as Element).closest('[id]')?.id ?? '');
      return [...new Set(out)];
    });
    expect(where).toEqual(['kl-scan-text']);
    await expect
      .poll(() => page.locator('.kl-scan-terms .kl-doc-term').allTextContents(), { timeout: 5000 })
      .toEqual(expect.arrayContaining(['Ketamine', 'Dissociation']));
    await page.close();
  });

  it('opens the popover on hover and from the list', async () => {
    const page = await openScan();
    await page.getByLabel('Text to explain').fill(TEXT);
    await waitForHighlights(page, 4, 8000);
    const point = await pointOfTerm(page, 'NMDA receptor antagonist');
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await waitForPopover(page, true, 4000, '(hover)');
    await expect.poll(async () => (await dialogInfo(page))?.label ?? '').toMatch(/NMDA/);
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
    await waitForPopover(page, false, 4000, '(escape)');
    await page.locator('.kl-scan-terms button', { hasText: 'Dissociation' }).click();
    await waitForPopover(page, true, 4000, '(from the list)');
    await expect.poll(async () => (await dialogInfo(page))?.label ?? '').toMatch(/Dissociation/);
    await page.close();
  });

  it('shows markup as text: nothing pasted becomes an element', async () => {
    const page = await openScan();
    const hostile =
      '<img src=x onerror="document.title=\'pwned\'"> Ketamine <b>bold</b> <script>alert(1)</script>';
    await page.getByLabel('Text to explain').fill(hostile);
    await waitForHighlights(page, 1, 8000);
    const out = await page.evaluate(() => {
      const el = document.getElementById('kl-scan-text') as HTMLElement;
      return { elements: [...el.querySelectorAll('*')].map((e) => e.localName), text: el.textContent };
    });
    expect(out.elements).toEqual(['p']);
    expect(out.text).toBe(hostile);
    expect(await page.title()).not.toBe('pwned');
    await page.close();
  });

  it('requests nothing outside the extension', async () => {
    const seen: string[] = [];
    const onRequest = (req: Request) => seen.push(req.url());
    b.context.on('request', onRequest);
    const page = await openScan();
    await page.getByLabel('Text to explain').fill(TEXT);
    await waitForHighlights(page, 4, 8000);
    const point = await pointOfTerm(page, 'Ketamine');
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await waitForPopover(page, true, 4000);
    await page.waitForTimeout(500);
    b.context.off('request', onRequest);
    expect(seen.filter((u) => !u.startsWith(`chrome-extension://${b.extensionId}/`))).toEqual([]);
    await page.close();
  });
});
