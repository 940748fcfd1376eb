// The PDF viewer (pdf.html?file=…) in Chromium: PDFs written by the test
// itself (tests/support/make-pdf.ts) are opened, their terms marked through
// CSS.highlights on pdf.js's text layer, a hover opens the popover, a long
// PDF is marked where the reader scrolls, problems get a message, and the
// viewer requests nothing but the PDF.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf, pagesWith } from '../support/make-pdf';
import { rc4Encryption } from '../support/pdf-encrypt';
import { listedTermsInPage, type PdfMark, pdfMarksInPage, viewerStatusInPage } from '../support/pdf-probes';
import { type PdfServer, startPdfServer } from '../support/pdf-server';
import { type ExtensionBrowser, launchWithExtension, tabIdOf } from './harness';
import { dialogInfo, pointOfTerm, waitForPopover } from './popover-helpers';

let server: PdfServer;
let b: ExtensionBrowser;

const ARTICLE = pagesWith(3, {
  1: [
    'Ketamine and esketamine in depression care',
    'Ketamine is an NMDA receptor antagonist first used as an anesthetic.',
    'Esketamine is given as a nasal spray in a clinic.',
  ],
  3: ['Some people describe dissociation or a K-hole at high doses.'],
});

beforeAll(async () => {
  server = await startPdfServer();
  b = await launchWithExtension();
});

afterAll(async () => {
  await b?.close();
  await server?.close();
});

function viewerUrl(file?: string): string {
  const base = `chrome-extension://${b.extensionId}/pdf.html`;
  return file ? `${base}?file=${encodeURIComponent(file)}` : base;
}

async function openViewer(file?: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(viewerUrl(file));
  return page;
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last = await read();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

const marks = (page: Page) => page.evaluate(pdfMarksInPage);
const status = (page: Page) => page.evaluate(viewerStatusInPage);
const texts = (ms: PdfMark[]) => ms.map((m) => m.text);

describe('PDF viewer: marks and popovers on a generated PDF', () => {
  it('marks the terms on the text layer and lists the whole document', async () => {
    const url = server.put('/article.pdf', { body: makePdf(ARTICLE) });
    const page = await openViewer(url);
    const found = await waitFor(
      () => marks(page),
      (m) => m.length >= 4,
    );
    // A PDF page's text layer is one block: each entry is painted once per page (docs/decisions/0012),
    // on its first line ("Ketamine and esketamine…"); the later lines' repeats stay unpainted.
    expect(texts(found)).toEqual(
      expect.arrayContaining(['Ketamine', 'NMDA receptor antagonist', 'esketamine', 'nasal spray']),
    );
    expect(texts(found).filter((t) => /^(es)?ketamine$/i.test(t))).toHaveLength(2);
    // On the PDF's first page, in its text layer (nothing in our toolbar or list).
    expect(found.filter((m) => m.page === 1).length).toBeGreaterThanOrEqual(4);
    expect(found.every((m) => m.page !== null)).toBe(true);
    // The list covers pages not rendered yet.
    const listed = await waitFor(
      () => page.evaluate(listedTermsInPage),
      (l) => l.includes('K-hole'),
    );
    expect(listed).toEqual(expect.arrayContaining(['Ketamine', 'K-hole', 'Dissociation']));
    // The toolbar badge counts the whole document's terms, as on a web page.
    const tabId = await tabIdOf(b, page);
    const badge = () =>
      b.worker.evaluate(
        (id) =>
          (
            globalThis as unknown as {
              chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } };
            }
          ).chrome.action.getBadgeText({ tabId: id }),
        tabId,
      );
    await expect.poll(badge, { timeout: 5000 }).toMatch(/^[1-9]\d*$/);
    await page.close();
  });

  it('opens the popover on hover, and the next-term button opens one with focus', async () => {
    const url = server.put('/hover.pdf', { body: makePdf(ARTICLE) });
    const page = await openViewer(url);
    await waitFor(
      () => marks(page),
      (m) => texts(m).includes('NMDA receptor antagonist'),
    );
    const point = await pointOfTerm(page, 'NMDA receptor antagonist');
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await waitForPopover(page, true, 4000, '(hover on the PDF)');
    await expect.poll(async () => (await dialogInfo(page))?.label ?? '').toMatch(/NMDA/);
    await page.mouse.move(5, 300, { steps: 3 });
    await waitForPopover(page, false, 4000, '(pointer left)');

    await page.getByRole('button', { name: 'Next term' }).click();
    await waitForPopover(page, true, 4000, '(next term)');
    const info = await waitFor(
      () => dialogInfo(page),
      (d) => d?.focused === true,
      3000,
    );
    expect(info?.focused).toBe(true);
    await page.close();
  });

  it('marks the last page of a 120-page PDF once the reader scrolls there', async () => {
    const body = makePdf(
      pagesWith(120, {
        1: ['Ketamine research notes, collected over a year.'],
        120: ['The last page discusses esketamine and dissociation.'],
      }),
    );
    const url = server.put('/long.pdf', { body });
    const page = await openViewer(url);
    await waitFor(
      () => marks(page),
      (m) => m.some((x) => x.page === 1),
    );
    expect((await marks(page)).some((m) => m.page === 120)).toBe(false);
    await page.evaluate(() => {
      const c = document.getElementById('viewerContainer') as HTMLElement;
      c.scrollTop = c.scrollHeight;
    });
    const last = await waitFor(
      () => marks(page),
      (m) => m.filter((x) => x.page === 120).length >= 2,
    );
    expect(texts(last.filter((m) => m.page === 120))).toEqual(
      expect.arrayContaining(['esketamine', 'dissociation']),
    );
    await page.close();
  });

  it('finds text in the whole PDF, zooms and goes to a page', async () => {
    const url = server.put('/tools.pdf', { body: makePdf(ARTICLE) });
    const page = await openViewer(url);
    await waitFor(
      () => marks(page),
      (m) => m.length > 0,
    );
    // Ctrl+F finds in the whole PDF, not only in the rendered pages.
    await page.locator('#viewerContainer').focus();
    await page.keyboard.press('Control+f');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Find in the PDF',
    );
    await page.getByRole('searchbox', { name: 'Find in the PDF' }).fill('K-hole');
    await expect
      .poll(() => page.locator('.kl-pdf-find-status').textContent(), { timeout: 5000 })
      .toBe('1 of 1');
    await page.getByRole('combobox', { name: 'Zoom' }).selectOption('2');
    await expect.poll(() => page.locator('.page').first().getAttribute('style')).toContain('width');
    await page.getByRole('textbox', { name: 'Page' }).fill('3');
    await page.keyboard.press('Enter');
    const onThree = await waitFor(
      () => marks(page),
      (m) => m.some((x) => x.page === 3),
    );
    expect(texts(onThree.filter((m) => m.page === 3))).toEqual(expect.arrayContaining(['K-hole']));
    await page.close();
  });
});

describe('PDF viewer: never a blank page', () => {
  it('says so when the file is not a PDF, is damaged, or is missing', async () => {
    const notPdf = server.put('/broken.pdf', { body: new TextEncoder().encode('<html>not a pdf</html>') });
    const page = await openViewer(notPdf);
    await expect.poll(() => status(page), { timeout: 10_000 }).toMatch(/not a PDF Ketamine Lens can read/);
    expect(await page.getByRole('alert').count()).toBe(1);

    const truncated = server.put('/truncated.pdf', { body: makePdf(ARTICLE).slice(0, 120) });
    await page.goto(viewerUrl(truncated));
    await expect.poll(() => status(page), { timeout: 10_000 }).toMatch(/not a PDF|could not be shown/);

    await page.goto(viewerUrl(`${server.url}/missing.pdf`));
    await expect.poll(() => status(page), { timeout: 10_000 }).toMatch(/not found/);
    await page.close();
  });

  it('asks for the password of a protected PDF, and says when it is wrong', async () => {
    const url = server.put('/locked.pdf', { body: makePdf(ARTICLE, { encrypt: rc4Encryption('s3cret') }) });
    const page = await openViewer(url);
    const field = page.getByLabel('Password', { exact: true });
    await field.waitFor({ timeout: 10_000 });
    await field.fill('wrong');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => status(page), { timeout: 5000 }).toMatch(/not right/);
    await field.fill('s3cret');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const found = await waitFor(
      () => marks(page),
      (m) => texts(m).includes('Ketamine'),
    );
    expect(texts(found)).toContain('NMDA receptor antagonist');
    await page.close();
  });

  it("reads a PDF from a site without CORS: the content script's host access covers it in Chromium", async () => {
    // (Firefox does not count it, and asks for the one site: tests/firefox/pdf.test.ts.)
    const url = server.put('/no-cors.pdf', { body: makePdf(ARTICLE), cors: false });
    const page = await openViewer(url);
    await waitFor(
      () => marks(page),
      (m) => texts(m).includes('Ketamine'),
    );
    expect(await status(page)).toBe('');
    await page.close();
  });

  it('opens a local file from the picker and from a drop', async () => {
    const page = await openViewer();
    await expect.poll(() => status(page)).toMatch(/Choose a PDF/);
    await page.locator('input[type=file]').setInputFiles({
      name: 'notes.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(makePdf(ARTICLE)),
    });
    await waitFor(
      () => marks(page),
      (m) => texts(m).includes('Ketamine'),
    );
    expect(await page.title()).toContain('notes.pdf');

    const dropped = Array.from(makePdf(pagesWith(1, { 1: ['Esketamine was dropped here.'] })));
    await page.evaluate((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'dropped.pdf', { type: 'application/pdf' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, dropped);
    await expect.poll(() => page.title(), { timeout: 10_000 }).toContain('dropped.pdf');
    await waitFor(
      () => marks(page),
      (m) => texts(m).includes('Esketamine'),
    );
    await page.close();
  });
});

describe('PDF viewer: privacy', () => {
  it('requests nothing but the PDF (worker, fonts and maps come from the extension)', async () => {
    const url = server.put('/private-check.pdf', { body: makePdf(ARTICLE) });
    const before = server.requests.length;
    const seen: string[] = [];
    const onRequest = (req: Request) => seen.push(req.url());
    b.context.on('request', onRequest);
    const page = await openViewer(url);
    await waitFor(
      () => marks(page),
      (m) => texts(m).includes('NMDA receptor antagonist'),
    );
    const point = await pointOfTerm(page, 'NMDA receptor antagonist');
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await waitForPopover(page, true, 4000);
    await page.waitForTimeout(500);
    b.context.off('request', onRequest);
    const outside = seen.filter((u) => !u.startsWith(`chrome-extension://${b.extensionId}/`));
    expect(outside).toEqual([url]);
    expect(server.requests.slice(before)).toEqual(['/private-check.pdf']);
    // Nothing names the extension to the site (no Origin: chrome-extension://<id>).
    expect(server.origins.slice(before)).toEqual([undefined]);
    await page.close();
  });
});
