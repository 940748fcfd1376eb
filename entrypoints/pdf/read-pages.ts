// Reads every page's text (pdf.js extracts it in its worker) into the
// document's term index, one page at a time: the main thread only matches a
// page's few kilobytes between two worker replies, so a 300-page PDF never
// makes a long task. Pages the reader is looking at go first.
import { pageLines, type TermIndex } from '../../lib/pdf/term-index';
import type { PDFDocumentProxy } from './pdf-view';

export interface ReadOptions {
  /** The page the reader is on now: read from there. */
  current(): number;
  onProgress(pagesRead: number): void;
  signal: AbortSignal;
}

export async function readAllPages(
  doc: PDFDocumentProxy,
  index: TermIndex,
  options: ReadOptions,
): Promise<void> {
  const total = doc.numPages;
  while (index.pagesRead < total && !options.signal.aborted) {
    // From the current page on (then wrapping around): the list fills in where the reader is.
    const from = Math.min(Math.max(1, options.current()), total);
    let page = 0;
    for (let i = 0; i < total && !page; i++) {
      const p = ((from - 1 + i) % total) + 1;
      if (!index.hasPage(p)) page = p;
    }
    try {
      const proxy = await doc.getPage(page);
      const content = await proxy.getTextContent({ disableNormalization: true });
      if (options.signal.aborted) return;
      index.addPage(page, pageLines(content.items as { str?: string; hasEOL?: boolean }[]));
    } catch {
      if (options.signal.aborted) return;
      index.addPage(page, []); // an unreadable page: nothing to list, go on
    }
    options.onProgress(index.pagesRead);
  }
}
