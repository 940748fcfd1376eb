// The page engine and the popover on one of our own extension pages (the PDF
// viewer, the text reader): the same Lens, painter and popover UI as on a
// web page, built directly instead of through the content script, which asks
// the background whether its site is on. These pages are the reader's own
// request to see marks, so they mark whatever the site switches say; the
// style and the hidden categories still come from the settings.
import entryIds from 'virtual:ketamine-lens/entry-ids';
import matcherIndex from 'virtual:ketamine-lens/matcher-index';
import { type ContentMatcher, createContentMatcher } from '../content/page-matcher';
import type { HighlightStyle } from '../contracts';
import { Lens } from '../dom/lens';
import type { Mark } from '../dom/mark-store';
import { Painter } from '../dom/painter';
import { PopoverUi } from '../popover/popover-ui';

/** How marks look: from the settings (see lookOf). */
export interface ReaderLook {
  style: HighlightStyle;
  /** Categories the reader chose not to mark. */
  hidden: readonly string[];
}

export interface ReaderLensOptions {
  /** One of our own extension pages: the popover page is loaded from its origin. */
  doc: Document;
  /** Chromium inherits highlight styles from the root; Firefox does not (see PainterOptions.rootOnly). */
  rootOnly: boolean;
  onMarksChanged?: () => void;
}

/** Where a mark is on screen: its first line box. */
function topOf(doc: Document, m: Mark): number {
  const r = doc.createRange();
  r.setStart(m.startNode, m.startOffset);
  r.setEnd(m.endNode, m.endOffset);
  return r.getBoundingClientRect().top;
}

export class ReaderLens {
  readonly matcher: ContentMatcher = createContentMatcher(matcherIndex);
  #lens: Lens | null = null;
  #ui: PopoverUi | null = null;
  #look: ReaderLook | null = null;
  #lastOpened: Mark | null = null;

  #options: ReaderLensOptions;

  constructor(options: ReaderLensOptions) {
    this.#options = options;
  }

  /** False in a browser without the CSS Custom Highlight API. */
  static supported(win: Window & typeof globalThis): boolean {
    return Painter.supported(win);
  }

  /** Starts marking with this look, or applies a new look (a category change scans again). */
  setLook(look: ReaderLook): void {
    const before = this.#look;
    this.#look = look;
    if (this.#lens && before && before.hidden.join() === look.hidden.join()) {
      if (before.style !== look.style) this.#lens.setStyle(look.style);
      return;
    }
    this.#stopLens();
    this.matcher.setHidden(look.hidden);
    const { doc, rootOnly, onMarksChanged } = this.#options;
    this.#lens = new Lens({ doc, matcher: this.matcher, style: look.style, rootOnly, onMarksChanged });
    void this.#lens.start();
    this.#ui ??= this.#createUi();
  }

  #createUi(): PopoverUi {
    const { doc } = this.#options;
    const ui = new PopoverUi({
      doc,
      // Our own origin, not runtime.getURL(): Chromium gives the dynamic URL of
      // a web-accessible resource there, which pages need and we do not.
      popoverUrl: new URL('/popover.html', doc.location.href).href,
      frameOrigin: doc.location.origin,
      // No site here: the popover offers no "turn off on this site".
      siteKey: null,
      marksIn: (c) => this.#lens?.store.marksIn(c) ?? [],
      shadowRoots: () => this.#lens?.shadowRoots() ?? [],
      entryId: (entry) => entryId(entry) ?? '',
    });
    ui.start(null);
    return ui;
  }

  #stopLens(): void {
    this.#lens?.stop();
    this.#lens = null;
    this.#lastOpened = null;
  }

  stop(): void {
    this.#ui?.stop();
    this.#ui = null;
    this.#stopLens();
    this.#look = null;
  }

  /** Marks found so far in the body (counted, not sorted: this is asked often). */
  get size(): number {
    let n = 0;
    for (const count of this.#countsInBody().values()) n += count;
    return n;
  }

  #countsInBody(): Map<number, number> {
    const body = this.#options.doc.body;
    return this.#lens?.store.countsByEntry((m) => body?.contains(m.startNode) === true) ?? new Map();
  }

  /**
   * Marks in reading order inside `within` (default: the body). The engine
   * also rescans text the page changes outside the body, such as the
   * document's <title>, which is never shown as page text. Sorted after
   * filtering: a PDF page's few marks, not the whole store.
   */
  marks(within: Node | null = this.#options.doc.body): Mark[] {
    if (!within) return [];
    const list = (this.#lens?.store.all() ?? []).filter((m) => within.contains(m.startNode));
    return list.sort((a, b) => {
      if (a.startNode === b.startNode) return a.startOffset - b.startOffset;
      // DOCUMENT_POSITION_FOLLOWING = 4
      return a.startNode.compareDocumentPosition(b.startNode) & 4 ? -1 : 1;
    });
  }

  /** Marks in the body, by glossary id. */
  counts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [entry, n] of this.#countsInBody()) {
      const id = entryId(entry);
      if (id) out.set(id, (out.get(id) ?? 0) + n);
    }
    return out;
  }

  /** Opens a mark's popover, focused (keyboard and list use). */
  open(mark: Mark): void {
    this.#lastOpened = mark;
    this.#ui?.openMark(mark, true);
  }

  /** Opens the first mark of an entry (inside `within` when given); false if there is none yet. */
  reveal(id: string, within?: Node): boolean {
    const entry = entryIndex(id);
    const mark = entry === undefined ? undefined : this.marks(within).find((m) => m.entry === entry);
    if (mark) this.open(mark);
    return mark !== undefined;
  }

  /**
   * Opens the mark after the last one opened, or the first one below the top
   * of the viewport; false when no mark found so far comes later.
   */
  next(): boolean {
    const marks = this.marks();
    const last = this.#lastOpened;
    let next: Mark | undefined;
    if (last?.startNode.isConnected) {
      const i = marks.indexOf(last);
      next = i >= 0 ? marks[i + 1] : undefined;
    } else {
      next = marks.find((m) => topOf(this.#options.doc, m) >= 0);
    }
    if (next) this.open(next);
    return next !== undefined;
  }
}

/** Glossary id of a matcher entry number. */
export function entryId(entry: number): string | undefined {
  return entryIds[entry];
}

/** Matcher entry number of a glossary id. */
export function entryIndex(id: string): number | undefined {
  const i = entryIds.indexOf(id);
  return i < 0 ? undefined : i;
}
