// Paints marks through the CSS Custom Highlight API: no element of the page is
// created or changed. Only marks whose block is near the viewport are
// registered, because Chromium revalidates every registered highlight range
// on each DOM/style change (DESIGN.md §2: 14.6k ranges made every frame 64 ms).

import { AfterFrame } from './after-frame';
import type { Mark } from './mark-store';
import { VisibleWindow } from './visible-window';

export const HIGHLIGHT_NAMES = { term: 'ketamine-lens', safety: 'ketamine-lens-safety' } as const;

import type { HighlightStyle } from '../contracts';

export type { HighlightStyle };

/**
 * The stylesheet for our highlights. With `rootOnly` the rules sit on the
 * root element and reach every text through highlight inheritance
 * (Chromium): a universal `::highlight()` rule makes Chromium keep highlight
 * styles for every element of the page (+2.9 MB on the 1 MB benchmark
 * article). Firefox 153 does not inherit highlight styles, so it gets the
 * universal rule.
 */
export function highlightCss(style: HighlightStyle, rootOnly = false): string {
  const { term, safety } = HIGHLIGHT_NAMES;
  const on = rootOnly ? ':root' : '';
  if (style === 'hover-only') return `${on}::highlight(${term}), ${on}::highlight(${safety}) { }`;
  if (style === 'background') {
    return `${on}::highlight(${term}) { background-color: rgb(255 214 102 / 0.35); }
${on}::highlight(${safety}) { background-color: rgb(255 170 120 / 0.35); }`;
  }
  return `${on}::highlight(${term}) { text-decoration: underline dotted rgb(46 125 166 / 0.9) 1.5px; text-underline-offset: 3px; }
${on}::highlight(${safety}) { text-decoration: underline dotted rgb(196 98 16 / 0.95) 1.5px; text-underline-offset: 3px; }`;
}

export interface PainterOptions {
  /** Whether an entry gets the "safety" highlight (it carries a danger note). */
  isSafety: (entry: number) => boolean;
  style: HighlightStyle;
  /** Style the root element only and rely on highlight inheritance (see highlightCss). */
  rootOnly?: boolean;
}

export class Painter {
  #sheet: CSSStyleSheet | null = null;
  #roots = new Set<Document | ShadowRoot>();
  #highlights: Record<'term' | 'safety', Highlight> | null = null;
  #window: VisibleWindow | null = null;
  #afterFrame: AfterFrame | null = null;
  #marksOf: (container: Element) => readonly Mark[];

  #doc: Document;
  #options: PainterOptions;

  constructor(doc: Document, options: PainterOptions, marksOf: (container: Element) => readonly Mark[]) {
    this.#doc = doc;
    this.#options = options;
    this.#marksOf = marksOf;
  }

  /** False when the browser has no Custom Highlight API: we stand down quietly. */
  static supported(win: Window & typeof globalThis): boolean {
    return typeof win.Highlight === 'function' && !!win.CSS?.highlights;
  }

  start(): void {
    const win = this.#doc.defaultView as (Window & typeof globalThis) | null;
    if (!win) return;
    this.#sheet = new win.CSSStyleSheet();
    this.#sheet.replaceSync(highlightCss(this.#options.style, this.#options.rootOnly));
    this.adopt(this.#doc);
    this.#highlights = { term: new win.Highlight(), safety: new win.Highlight() };
    this.ensureRegistered();
    this.#window = new VisibleWindow(
      win,
      (c) => {
        for (const m of this.#marksOf(c)) this.#add(m);
      },
      (c) => {
        for (const m of this.#marksOf(c)) this.#remove(m);
      },
    );
    this.#afterFrame = new AfterFrame(win, () => this.#window?.update());
    // Capture: scrolling inside any scroll container moves marks too.
    win.addEventListener('scroll', this.#schedule, { capture: true, passive: true });
    win.addEventListener('resize', this.#schedule, { passive: true });
  }

  /**
   * Recompute which marks are near the viewport, just after the next frame
   * (see after-frame.ts): layout is clean then, so measuring costs nothing extra.
   */
  readonly #schedule = (): void => {
    this.#afterFrame?.request();
  };

  setStyle(style: HighlightStyle): void {
    this.#options.style = style;
    this.#sheet?.replaceSync(highlightCss(style, this.#options.rootOnly));
  }

  /** Adopts our stylesheet into a document or open shadow root (once). */
  adopt(root: Document | ShadowRoot): void {
    if (!this.#sheet || this.#roots.has(root)) return;
    try {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
      this.#roots.add(root);
    } catch {
      // A page that froze adoptedStyleSheets: marks stay unstyled, the page keeps working.
    }
  }

  /** Re-registers our highlights if the page cleared the registry. */
  ensureRegistered(): void {
    const h = this.#highlights;
    if (!h) return;
    const registry = this.#doc.defaultView?.CSS.highlights;
    if (!registry) return;
    if (registry.get(HIGHLIGHT_NAMES.term) !== h.term) registry.set(HIGHLIGHT_NAMES.term, h.term);
    if (registry.get(HIGHLIGHT_NAMES.safety) !== h.safety) registry.set(HIGHLIGHT_NAMES.safety, h.safety);
  }

  observe(container: Element): void {
    this.#window?.add(container);
    this.#schedule();
  }

  /** More marks for a container already observed: painted now if it is visible (only these). */
  added(container: Element, marks: readonly Mark[]): void {
    if (this.#window?.isVisible(container)) for (const m of marks) this.#add(m);
  }

  /** Marks that left the store: off the screen, and their containers out of the window (until marked again). */
  forget(marks: readonly Mark[]): void {
    for (const m of marks) {
      this.#remove(m);
      this.#window?.remove(m.container);
    }
  }

  stop(): void {
    const win = this.#doc.defaultView;
    if (win) {
      win.removeEventListener('scroll', this.#schedule, { capture: true });
      win.removeEventListener('resize', this.#schedule);
    }
    this.#afterFrame?.cancel();
    this.#afterFrame = null;
    this.#window?.clear();
    this.#window = null;
    const registry = this.#doc.defaultView?.CSS.highlights;
    if (registry && this.#highlights) {
      if (registry.get(HIGHLIGHT_NAMES.term) === this.#highlights.term) registry.delete(HIGHLIGHT_NAMES.term);
      if (registry.get(HIGHLIGHT_NAMES.safety) === this.#highlights.safety)
        registry.delete(HIGHLIGHT_NAMES.safety);
    }
    this.#highlights = null;
    for (const root of this.#roots) {
      try {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.#sheet);
      } catch {}
    }
    this.#roots.clear();
    this.#sheet = null;
  }

  #add(mark: Mark): void {
    const target = this.#target(mark);
    if (!target) return;
    if (!mark.range) {
      try {
        mark.range = new StaticRange({
          startContainer: mark.startNode,
          startOffset: mark.startOffset,
          endContainer: mark.endNode,
          endOffset: mark.endOffset,
        });
      } catch {
        return; // the text changed under us; the next rescan fixes it
      }
    }
    target.add(mark.range);
  }

  #remove(mark: Mark): void {
    if (mark.range) this.#target(mark)?.delete(mark.range);
  }

  #target(mark: Mark): Highlight | undefined {
    if (!this.#highlights) return undefined;
    return this.#options.isSafety(mark.entry) ? this.#highlights.safety : this.#highlights.term;
  }
}
