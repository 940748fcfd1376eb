// Functions evaluated inside test pages, shared by the Chromium (playwright)
// and Firefox (puppeteer) harnesses. They must be self-contained: both
// drivers serialise them into the page.

export interface HighlightedRange {
  highlight: string;
  text: string;
}

/**
 * Every range registered in the page's CSS.highlights, with its text. Our
 * highlight names are random per load (ADR 0009), so all are read: the fixture
 * pages these probes run on register none of their own.
 */
export function highlightsInPage(): HighlightedRange[] {
  const out: HighlightedRange[] = [];
  for (const [name, highlight] of CSS.highlights) {
    for (const r of highlight) {
      const range = document.createRange();
      try {
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
      } catch {
        // A StaticRange over text the page has just shortened (until the
        // extension's next rescan): out of bounds, so the browser paints nothing.
        continue;
      }
      out.push({ highlight: name, text: range.toString() });
    }
  }
  return out;
}

export interface MarkPointQuery {
  /** Only a mark with exactly this text (any mark when absent). */
  text?: string | null;
  /** Which line box of a wrapped mark (0 = first). */
  line?: number;
  /** Only a mark whose line box lies inside the viewport. */
  visible?: boolean;
}

/** Centre of a line box of the first registered mark matching the query, or null. */
export function markPointInPage(query: MarkPointQuery): { x: number; y: number } | null {
  for (const h of CSS.highlights.values()) {
    for (const r of h) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      if (query.text != null && range.toString() !== query.text) continue;
      const rects = [...range.getClientRects()].filter((c) => c.width > 0);
      const rect = rects[query.line ?? 0] ?? rects[0];
      if (!rect) continue;
      if (query.visible && (rect.top <= 0 || rect.bottom >= innerHeight)) continue;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
  }
  return null;
}

/** Ids of the elements (nearest with an id) that hold a highlighted range, sorted, each once. */
export function markedIdsInPage(): string[] {
  const ids = new Set<string>();
  for (const h of CSS.highlights.values()) {
    for (const r of h) {
      const id = r.startContainer.parentElement?.closest('[id]')?.id;
      if (id) ids.add(id);
    }
  }
  return [...ids].sort();
}

/** Does every element with one of these ids hold a highlighted range? (Self-contained: runs in the page.) */
export function allMarked(ids: string[]): boolean {
  return ids.every((id) => {
    const el = document.getElementById(id);
    for (const h of CSS.highlights.values())
      for (const r of h) if (el?.contains(r.startContainer)) return true;
    return false;
  });
}
