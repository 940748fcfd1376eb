// Functions evaluated inside our PDF viewer page (pdf.html), shared by the
// Chromium and Firefox tests. Self-contained: the drivers serialise them.

export interface PdfMark {
  text: string;
  /** The PDF page its text layer belongs to (1-based), or null outside the pages. */
  page: number | null;
}

/** Every range in CSS.highlights (whatever the highlights are named), with its text and PDF page. */
export function pdfMarksInPage(): PdfMark[] {
  const out: PdfMark[] = [];
  for (const highlight of CSS.highlights.values()) {
    for (const r of highlight) {
      const range = document.createRange();
      try {
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
      } catch {
        continue;
      }
      const pageEl = (r.startContainer.parentElement as Element | null)?.closest('.page');
      const n = Number(pageEl?.getAttribute('data-page-number'));
      out.push({ text: range.toString(), page: Number.isInteger(n) && n > 0 ? n : null });
    }
  }
  return out;
}

/** The viewer's status or error card text ('' when it shows a PDF). */
export function viewerStatusInPage(): string {
  return document.querySelector('.kl-pdf-status')?.textContent ?? '';
}

/** The "In this PDF" list: term names as shown. */
export function listedTermsInPage(): string[] {
  return [...document.querySelectorAll('.kl-pdf-terms .kl-doc-term')].map((e) => e.textContent ?? '');
}
