// Functions evaluated inside test pages, shared by the Chromium (playwright)
// and Firefox (puppeteer) harnesses. They must be self-contained: both
// drivers serialise them into the page.

export interface HighlightedRange {
  highlight: string;
  text: string;
}

/** Every range registered in the page's CSS.highlights, with its text. */
export function highlightsInPage(): HighlightedRange[] {
  const out: HighlightedRange[] = [];
  for (const [name, highlight] of CSS.highlights) {
    for (const r of highlight) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      out.push({ highlight: name, text: range.toString() });
    }
  }
  return out;
}
