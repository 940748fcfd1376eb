// The built Firefox extension's PDF viewer and text reader in Firefox ESR: a
// PDF written by the test is opened in pdf.html and its terms are marked on
// pdf.js's text layer; pasted text is marked in scan.html.

import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf, pagesWith } from '../support/make-pdf';
import { type PdfMark, pdfMarksInPage, viewerStatusInPage } from '../support/pdf-probes';
import { type PdfServer, startPdfServer } from '../support/pdf-server';
import { openExtensionPage, setupFirefoxWithExtension, sleep, waitForHighlights } from './harness';

// Optional permissions are granted without the doorhanger (headless has no one to click it).
const firefox = setupFirefoxWithExtension({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
let server: PdfServer;

beforeAll(async () => {
  server = await startPdfServer();
});

afterAll(async () => {
  await server?.close();
});

async function waitForMarks(page: Page, min: number): Promise<PdfMark[]> {
  const deadline = Date.now() + 15_000;
  let marks = await page.evaluate(pdfMarksInPage);
  while (marks.length < min && Date.now() < deadline) {
    await sleep(100);
    marks = await page.evaluate(pdfMarksInPage);
  }
  return marks;
}

describe('Firefox: PDF viewer and text reader', () => {
  it('asks for the one site of a PDF before any request to it, then opens it', async () => {
    const { ff } = firefox();
    const url = server.put('/no-cors.pdf', {
      body: makePdf(pagesWith(1, { 1: ['Esketamine is given as a nasal spray.'] })),
      cors: false,
    });
    const page = await openExtensionPage(ff, 'pdf', `?file=${encodeURIComponent(url)}`);
    // Not even a try: Firefox would send it with Origin: moz-extension://<this install's id>.
    const allow = await page.waitForSelector('::-p-text(Allow downloads from 127.0.0.1)', {
      timeout: 10_000,
    });
    expect(await page.evaluate(viewerStatusInPage)).toMatch(
      /needs your permission to download files from 127\.0\.0\.1/,
    );
    expect(server.requests).toEqual([]);
    await allow?.click();
    const marks = await waitForMarks(page, 2);
    expect(marks.map((m) => m.text)).toEqual(expect.arrayContaining(['Esketamine', 'nasal spray']));
    const granted = await page.evaluate(() =>
      (
        globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }
      ).browser.permissions.getAll(),
    );
    expect(granted.origins).toEqual(['http://127.0.0.1/*']);
    expect(server.requests).toEqual(['/no-cors.pdf']);
    expect(server.origins).toEqual([undefined]);
    await page.close();
  });

  it('marks the terms of a generated PDF (from a site already allowed)', async () => {
    const { ff } = firefox();
    const url = server.put('/article.pdf', {
      body: makePdf(
        pagesWith(2, {
          1: ['Ketamine is an NMDA receptor antagonist.', 'Esketamine is given as a nasal spray.'],
        }),
      ),
    });
    const page = await openExtensionPage(ff, 'pdf', `?file=${encodeURIComponent(url)}`);
    const marks = await waitForMarks(page, 3);
    const texts = marks.map((m) => m.text);
    expect(texts).toEqual(expect.arrayContaining(['Ketamine', 'NMDA receptor antagonist', 'Esketamine']));
    expect(marks.every((m) => m.page === 1)).toBe(true);
    await page.close();
  });

  it('marks pasted text in the text reader', async () => {
    const { ff } = firefox();
    const page = await openExtensionPage(ff, 'scan');
    await page.type('textarea', 'Ketamine is an NMDA receptor antagonist. Some describe dissociation.');
    const ranges = await waitForHighlights(page, 3, 8000);
    expect(ranges.map((r) => r.text)).toEqual(
      expect.arrayContaining(['Ketamine', 'NMDA receptor antagonist', 'dissociation']),
    );
    await page.close();
  });
});
