// The terms of a whole PDF, page by page, for the viewer's "In this PDF"
// list: the page engine only sees pages whose text layer is rendered, this
// reads every page's text as pdf.js extracts it. The same matcher and the
// same context tiers as on a web page: a tier-2/3 term counts once something
// anywhere in the document gives ketamine context. Pure: no browser APIs.
import type { PageMatcher, RunMatch } from '../dom/lens';

/** A text item as pdf.js's getTextContent() gives it (marked-content items have no `str`). */
export interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/**
 * A page's text as lines, split where pdf.js ends a line (hasEOL): the text
 * layer puts a <br> there, which ends a run for the page engine too, so both
 * see the same pieces of text.
 */
export function pageLines(items: readonly TextItemLike[]): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (typeof item.str === 'string') line += item.str;
    if (item.hasEOL) {
      if (line) lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface DocTerm {
  entry: number;
  count: number;
  /** Pages it appears on, ascending (1-based). */
  pages: number[];
}

interface Pending {
  page: number;
  text: string;
  candidates: RunMatch[];
  kept: RunMatch[];
}

export class TermIndex {
  #context = false;
  /** Lines held back for lack of context (their tier-2/3 candidates are counted once context arrives). */
  #pending: Pending[] = [];
  /** entry → page → count */
  #counts = new Map<number, Map<number, number>>();
  #pagesRead = new Set<number>();

  #matcher: PageMatcher;

  constructor(matcher: PageMatcher) {
    this.#matcher = matcher;
  }

  get pagesRead(): number {
    return this.#pagesRead.size;
  }

  hasPage(page: number): boolean {
    return this.#pagesRead.has(page);
  }

  /** Adds one page's lines (once per page; a page added again is ignored). */
  addPage(page: number, lines: readonly string[]): void {
    if (this.#pagesRead.has(page)) return;
    this.#pagesRead.add(page);
    for (const text of lines) this.#addLine(page, text);
  }

  #addLine(page: number, text: string): void {
    const m = this.#matcher;
    const candidates = m.find(text);
    if (candidates.length === 0) return;
    if (!this.#context && m.givesContext(candidates)) {
      this.#context = true;
      for (const p of this.#pending) {
        this.#count(p.page, p.kept, -1);
        this.#count(p.page, m.filter(p.candidates, p.text, true), 1);
      }
      this.#pending = [];
    }
    const kept = m.filter(candidates, text, this.#context);
    this.#count(page, kept, 1);
    if (!this.#context && m.needsContext(candidates)) this.#pending.push({ page, text, candidates, kept });
  }

  #count(page: number, matches: readonly RunMatch[], by: 1 | -1): void {
    for (const { entry } of matches) {
      let pages = this.#counts.get(entry);
      if (!pages) {
        pages = new Map();
        this.#counts.set(entry, pages);
      }
      const n = (pages.get(page) ?? 0) + by;
      if (n > 0) pages.set(page, n);
      else pages.delete(page);
    }
  }

  /** Terms found so far that the reader wants marked, most frequent first (ties: first page first). */
  terms(): DocTerm[] {
    const out: DocTerm[] = [];
    for (const [entry, pages] of this.#counts) {
      if (pages.size === 0 || !this.#matcher.isEnabled(entry)) continue;
      let count = 0;
      for (const n of pages.values()) count += n;
      out.push({ entry, count, pages: [...pages.keys()].sort((a, b) => a - b) });
    }
    return out.sort(
      (a, b) => b.count - a.count || (a.pages[0] ?? 0) - (b.pages[0] ?? 0) || a.entry - b.entry,
    );
  }
}
