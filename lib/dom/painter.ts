// Paints marks through the CSS Custom Highlight API: no element of the page is
// created or changed. Only marks whose block is near the viewport are
// registered, because Chromium revalidates every registered highlight range
// on each DOM/style change (measured on the 1 MB article: 14.6k ranges made every frame 64 ms; see docs/decisions/0003).
// Of those, only the first occurrence of each entry per block is painted
// (paint-rule.ts, docs/decisions/0012); repeats are explained all the same.
// The page shares CSS.highlights and sees adopted sheets, so nothing we put
// there names us or stays the same across loads (docs/decisions/0009).

import type { HighlightStyle } from '../contracts';
import { AfterFrame } from './after-frame';
import type { Mark } from './mark-store';
import { paintedMarks } from './paint-rule';
import { VisibleWindow } from './visible-window';

export type { HighlightStyle };

export interface HighlightNames {
  term: string;
  safety: string;
}

/** A fresh CSS identifier: a letter, then 8–13 random base-36 characters. */
function randomIdent(): string {
  const [a = 0, b = 0] = crypto.getRandomValues(new Uint32Array(2));
  return String.fromCharCode(97 + (a % 26)) + b.toString(36).padStart(7, '0') + (a >>> 5).toString(36);
}

/** Names for our two highlights, new for every painter (so per page load and frame). */
export function highlightNames(): HighlightNames {
  const term = randomIdent();
  let safety = randomIdent();
  while (safety === term) safety = randomIdent();
  return { term, safety };
}

/**
 * The stylesheet for our highlights. With `rootOnly` the rules sit on the
 * root element and reach every text through highlight inheritance
 * (Chromium): a universal `::highlight()` rule makes Chromium keep highlight
 * styles for every element of the page (+2.9 MB on the 1 MB benchmark
 * article). Firefox 153 does not inherit highlight styles, so it gets the
 * universal rule.
 */
export function highlightCss(style: HighlightStyle, names: HighlightNames, rootOnly = false): string {
  const { term, safety } = names;
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
  readonly names = highlightNames();
  #sheet: CSSStyleSheet | null = null;
  /** The document and the open shadow roots seen: our sheet is adopted there while marks are shown. */
  #roots = new Set<Document | ShadowRoot>();
  /** Roots that hold our sheet now (a page that froze adoptedStyleSheets is left out quietly). */
  #adopted = new Set<Document | ShadowRoot>();
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

  /**
   * "No marks" (hover-only) puts nothing in the page: our highlights stay
   * unregistered and our sheet unadopted, so a page cannot see them (hovering
   * uses our own index). The highlights still follow the viewport, ready for
   * a switch back.
   */
  get #shown(): boolean {
    return this.#options.style !== 'hover-only';
  }

  start(): void {
    const win = this.#doc.defaultView as (Window & typeof globalThis) | null;
    if (!win) return;
    this.#sheet = new win.CSSStyleSheet();
    this.#sheet.replaceSync(highlightCss(this.#options.style, this.names, this.#options.rootOnly));
    this.#highlights = { term: new win.Highlight(), safety: new win.Highlight() };
    this.adopt(this.#doc);
    this.ensureRegistered();
    this.#window = new VisibleWindow(
      win,
      (c) => {
        for (const m of paintedMarks(this.#marksOf(c))) this.#add(m);
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
    this.#sheet?.replaceSync(highlightCss(style, this.names, this.#options.rootOnly));
    if (this.#shown) {
      for (const root of this.#roots) this.#adoptInto(root);
      this.ensureRegistered();
    } else {
      this.#unregister();
      this.#unadopt();
    }
  }

  /** Adopts our stylesheet into a document or open shadow root (once; not while hover-only). */
  adopt(root: Document | ShadowRoot): void {
    if (!this.#sheet) return;
    this.#roots.add(root);
    if (this.#shown) this.#adoptInto(root);
  }

  #adoptInto(root: Document | ShadowRoot): void {
    if (!this.#sheet || this.#adopted.has(root)) return;
    try {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
      this.#adopted.add(root);
    } catch {
      // A page that froze adoptedStyleSheets: marks stay unstyled, the page keeps working.
    }
  }

  #unadopt(): void {
    for (const root of this.#adopted) {
      try {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.#sheet);
      } catch {}
    }
    this.#adopted.clear();
  }

  /** Re-registers our highlights if the page cleared the registry (not while hover-only). */
  ensureRegistered(): void {
    const h = this.#highlights;
    if (!h || !this.#shown) return;
    const registry = this.#doc.defaultView?.CSS.highlights;
    if (!registry) return;
    const { term, safety } = this.names;
    if (registry.get(term) !== h.term) registry.set(term, h.term);
    if (registry.get(safety) !== h.safety) registry.set(safety, h.safety);
  }

  #unregister(): void {
    const registry = this.#doc.defaultView?.CSS.highlights;
    const h = this.#highlights;
    if (!registry || !h) return;
    const { term, safety } = this.names;
    if (registry.get(term) === h.term) registry.delete(term);
    if (registry.get(safety) === h.safety) registry.delete(safety);
  }

  observe(container: Element): void {
    this.#window?.add(container);
    this.#schedule();
  }

  /**
   * More marks for a container already observed, painted now if it is
   * visible and they are the first of their entry in the block. One that
   * lands before the painted occurrence (a block's earlier text scanned
   * later) takes the paint over from it: the block still paints each entry once.
   */
  added(container: Element, marks: readonly Mark[]): void {
    if (!this.#window?.isVisible(container)) return;
    const all = this.#marksOf(container);
    const painted = new Set(paintedMarks(all));
    const entries = new Set<number>();
    for (const m of marks) {
      if (!painted.has(m)) continue;
      this.#add(m);
      entries.add(m.entry);
    }
    if (entries.size) for (const m of all) if (entries.has(m.entry) && !painted.has(m)) this.#remove(m);
  }

  /** Marks that left the store: off the screen; a block left without marks leaves the window (until marked again). */
  forget(marks: readonly Mark[]): void {
    const containers = new Set<Element>();
    for (const m of marks) {
      this.#remove(m);
      containers.add(m.container);
    }
    for (const c of containers) {
      const left = this.#marksOf(c);
      // A block with marks left (a shadow host whose shadow text alone was
      // rescanned) stays in the window, and a repeat may take over the paint.
      if (left.length === 0) this.#window?.remove(c);
      else if (this.#window?.isVisible(c)) for (const m of paintedMarks(left)) this.#add(m);
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
    this.#unregister();
    this.#highlights = null;
    this.#unadopt();
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
