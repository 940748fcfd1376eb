// The page-side engine: scan text runs in time slices, match, apply context
// tiers, keep marks in our own store and let the painter show the visible ones.
// It is DOM-only (no extension APIs) so unit tests can drive it in happy-dom.
// The Lens matches and marks; the scan queue decides what is walked and when,
// the context gate what may be marked yet, the mutation tracker what changed.

import { ContextGate } from './context-gate';
import { type Mark, MarkStore, textMark } from './mark-store';
import { type MutationHost, MutationTracker } from './mutation-tracker';
import { type HighlightStyle, Painter } from './painter';
import { type ScanHost, ScanQueue } from './scan-queue';
import { locate, type TextRun } from './text-runs';

export interface RunMatch {
  start: number;
  end: number;
  entry: number;
}

/** What the engine needs from the matcher (lib/matcher adapts to this). */
export interface PageMatcher {
  /** Candidate matches starting in text[from, to) (default: all of it), before context rules. */
  find(text: string, from?: number, to?: number): RunMatch[];
  /** False only if `text` cannot give the page context (then nothing in it is marked). */
  couldGiveContext(text: string): boolean;
  /** Applies tiers 2–4 and local context/negative words. */
  filter(matches: RunMatch[], text: string, pageHasContext: boolean): RunMatch[];
  /** Whether these matches establish ketamine context for the page. */
  givesContext(matches: RunMatch[]): boolean;
  /** Whether any candidate needs page context (tier 2/3) to show. */
  needsContext(matches: RunMatch[]): boolean;
  isSafety(entry: number): boolean;
  isEnabled(entry: number): boolean;
}

export interface LensOptions {
  doc: Document;
  matcher: PageMatcher;
  style: HighlightStyle;
  /** See PainterOptions.rootOnly. */
  rootOnly?: boolean;
  /**
   * Walk only the text near the reader and the rest as the reader comes near
   * it or complete() asks for it (web pages; see reading-window.ts).
   */
  readingWindow?: boolean;
  onMarksChanged?: () => void;
}

/**
 * Characters of one run matched at a time, so that a page's one huge text
 * node (a pasted log of 5 MB) is sliced like any other long page.
 */
const RUN_PIECE_CHARS = 65_536;

export class Lens implements ScanHost, MutationHost {
  readonly store = new MarkStore();
  #painter: Painter;
  #queue: ScanQueue;
  #gate: ContextGate;
  #mutations: MutationTracker;
  #shadows = new Set<ShadowRoot>();
  #running = false;

  #options: LensOptions;

  constructor(options: LensOptions) {
    this.#options = options;
    const win = options.doc.defaultView as Window & typeof globalThis;
    this.#painter = new Painter(
      options.doc,
      { isSafety: (e) => options.matcher.isSafety(e), style: options.style, rootOnly: options.rootOnly },
      (c) => this.store.marksIn(c),
    );
    this.#queue = new ScanQueue(win, this, options.readingWindow);
    this.#gate = new ContextGate(options.matcher, this.#queue);
    this.#mutations = new MutationTracker(win, this.#queue, this);
  }

  /** Starts the scan; resolves when the first one is done (page changes are scanned as they come). */
  start(): Promise<void> {
    if (this.#running) return Promise.resolve();
    this.#running = true;
    this.#painter.start();
    const { doc } = this.#options;
    this.#mutations.observe(doc);
    const root = doc.body ?? doc.documentElement;
    const read = this.#gate.precheck(root);
    if (read === false) {
      // Nothing in the light DOM can be marked until something gives the page
      // context (the gate queues it then): meanwhile look in open shadow roots.
      const walker = doc.createTreeWalker(root, 0x1); // NodeFilter.SHOW_ELEMENT
      for (let el = walker.nextNode(); el; el = walker.nextNode()) {
        const shadow = (el as Element).shadowRoot;
        if (shadow) this.addShadowRoot(shadow);
      }
    } else this.#queue.push(root, read);
    return this.#queue.drain();
  }

  /**
   * Removes every mark and observer: the page is exactly as before. A stopped
   * Lens is dropped, not started again (the content script makes a new one),
   * so its own queues are left to the garbage collector.
   */
  stop(): void {
    this.#running = false;
    this.#mutations.stop();
    this.store.clear();
    this.#queue.stop();
    this.#painter.stop();
    this.changed();
  }

  /**
   * Walks the rest of the page now (what the reading window parked);
   * resolves when every term on the page is in the store.
   */
  complete(): Promise<void> {
    return this.#running ? this.#queue.complete() : Promise.resolve();
  }

  /** Is part of the page still unread (parked by the reading window)? */
  get partial(): boolean {
    return this.#queue.partial;
  }

  setStyle(style: HighlightStyle): void {
    this.#painter.setStyle(style);
  }

  /** Called when the page may have cleared CSS.highlights behind our back. */
  repair(): void {
    this.#painter.ensureRegistered();
  }

  /** Open shadow roots seen so far (hit-testing needs them for caretPositionFromPoint). */
  shadowRoots(): ShadowRoot[] {
    return [...this.#shadows];
  }

  // ---- what the scan queue and the mutation tracker call back ------------

  /**
   * Matches and marks the run's text from `from` on, at most RUN_PIECE_CHARS
   * of it (and to the end of a match across that edge); returns where the
   * next piece starts. One scan in pieces finds what one scan of it all does.
   */
  mark(run: TextRun, from: number): number {
    const { matcher } = this.#options;
    const to = Math.min(run.text.length, from + RUN_PIECE_CHARS);
    const candidates = matcher.find(run.text, from, to);
    const last = candidates[candidates.length - 1];
    const next = last && last.end > to ? last.end : to;
    if (!last) return next;
    const marks: Mark[] = [];
    for (const m of this.#gate.filter(candidates, run)) {
      if (matcher.isEnabled(m.entry)) marks.push(toMark(run, m));
    }
    // A block walked twice (a rescan, then a parked walk coming back over it) keeps one set of marks.
    const fresh = this.store.unknown(run.container, marks);
    if (fresh.length === 0) return next;
    if (this.store.add(run.container, fresh)) this.#painter.observe(run.container);
    else this.#painter.added(run.container, fresh);
    return next;
  }

  addShadowRoot(root: ShadowRoot): void {
    this.#shadows.add(root);
    this.#painter.adopt(root);
    // Met again while rescanning the block around its host: drop its old marks first.
    this.drop(root);
    this.#mutations.observe(root);
    this.#queue.push(root);
  }

  drop(root: Node): void {
    this.forget(this.store.removeWithin(root));
  }

  changed(): void {
    this.#options.onMarksChanged?.();
  }

  mayPark(): boolean {
    // Text held back for lack of page context waits for the context, which may lie further on.
    return !this.#gate.waiting;
  }

  forget(marks: Mark[]): void {
    this.#painter.forget(marks);
    if (marks.length) this.changed();
  }
}

function toMark(run: TextRun, m: RunMatch): Mark {
  const { nodes } = run;
  // Most runs are one text node: no search.
  if (nodes.length === 1) {
    const node = nodes[0] as Text;
    return textMark(m.entry, run.container, node, m.start, node, m.end, undefined);
  }
  const start = locate(run, m.start, false);
  const end = locate(run, m.end, true);
  return textMark(
    m.entry,
    run.container,
    start.node,
    start.offset,
    end.node,
    end.offset,
    start.index === end.index ? undefined : nodes.slice(start.index, end.index + 1),
  );
}
