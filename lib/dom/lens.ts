// The page-side engine: scan text runs in time slices, match, apply context
// tiers, keep marks in our own store and let the painter show the visible ones.
// It is DOM-only (no extension APIs) so unit tests can drive it in happy-dom.

import { type Mark, MarkStore, TextMark } from './mark-store';
import { type HighlightStyle, Painter } from './painter';
import { SLICE_MS, whenIdle, yieldToPage } from './scheduler';
import { blockOf, isInline, locate, SKIP_SELECTOR, type TextRun, walkTextRuns } from './text-runs';

export interface RunMatch {
  start: number;
  end: number;
  entry: number;
}

/** What the engine needs from the matcher (lib/matcher adapts to this). */
export interface PageMatcher {
  /** Candidate matches in `text`, before context rules. */
  find(text: string): RunMatch[];
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
  onMarksChanged?: () => void;
}

/** Pages with more text than this skip the whole-page precheck (one pass must stay a short task). */
const PRECHECK_MAX_CHARS = 1_500_000;
/** Characters of the first text nodes checked before the page's whole text is read. */
const PRECHECK_HEAD = 8_192;

/** Roots with more elements than this are walked without a text snapshot (see isHuge). */
const SNAPSHOT_MAX_ELEMENTS = 25_000;

/**
 * Too big to read all of its text in one go? Counted natively, without
 * touching the elements (~1 MB of text per 10k elements on the benchmark
 * pages: the 5 MB page's textContent alone took 15–20 ms).
 */
function isHuge(root: Node): boolean {
  const el = root as Element;
  return (
    typeof el.getElementsByTagName === 'function' &&
    el.getElementsByTagName('*').length > SNAPSHOT_MAX_ELEMENTS
  );
}

/** Text scanned between two looks at the clock (~0.1 ms of work on a cold page). */
const CLOCK_CHARS = 2_000;

/** Minimum spacing of rescans on a page that mutates constantly. */
const RESCAN_MIN_INTERVAL_MS = 250;

export class Lens {
  readonly store = new MarkStore();
  private painter: Painter;
  private pageHasContext = false;
  /** Containers with tier-2/3 candidates seen before the page had context. */
  private waitingForContext = new Set<Element>();
  /** The light DOM, when the precheck found nothing there that gives context: walked once the page has context. */
  private skippedForContext: Node | null = null;
  /** A root whose marks are dropped just before it is walked again. */
  private rescanWhole: Node | null = null;
  private observers: MutationObserver[] = [];
  private observedRoots = new Set<Node>();
  private shadows = new Set<ShadowRoot>();
  private dirty = new Set<Node>();
  /** Nodes the page removed since the last flush, and where from: their marks go. */
  private removed: Node[] = [];
  private removedFrom: Node[] = [];
  private flushScheduled = false;
  private lastFlush = 0;
  private running = false;
  private scanQueue: Node[] = [];
  private scanning = false;
  /** Page changes seen by our observers (a walk's text snapshot is good while this stays put). */
  private changes = 0;
  /** The whole text the precheck read, kept for the walk that follows it. */
  private precheckText: { root: Node; text: string; changes: number } | null = null;
  private win: Window & typeof globalThis;

  constructor(private options: LensOptions) {
    this.win = options.doc.defaultView as Window & typeof globalThis;
    this.painter = new Painter(
      options.doc,
      { isSafety: (e) => options.matcher.isSafety(e), style: options.style, rootOnly: options.rootOnly },
      (c) => this.store.marksIn(c),
    );
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    this.painter.start();
    this.watch(this.options.doc);
    const root = this.options.doc.body ?? this.options.doc.documentElement;
    if (!this.couldGiveContext(root)) {
      // Nothing in the light DOM can be marked until something gives the page
      // context: look in open shadow roots, and walk the rest if one does.
      this.skippedForContext = root;
      this.findShadowRoots(root);
      return this.drain();
    }
    return this.enqueue(root);
  }

  /**
   * Most pages never mention ketamine. Without a tier-1 (context-giving)
   * match nothing on a page is marked, and a native RegExp over the page's
   * text says "none" at a fraction of the cost of walking text runs or of a
   * JavaScript matcher pass. Skipped for very large pages, where reading all
   * the text at once would be a long task (their walk is time-sliced
   * instead). See docs/decisions/0005.
   */
  private couldGiveContext(root: Element): boolean {
    const { matcher } = this.options;
    // First the first text nodes, each on its own line: a page about
    // ketamine says so early, and then the page's whole text is never built.
    const walker = this.options.doc.createTreeWalker(root, 0x4); // NodeFilter.SHOW_TEXT
    let head = '';
    for (let t = walker.nextNode(); t && head.length < PRECHECK_HEAD; t = walker.nextNode()) {
      head += `${(t as Text).data}\n`;
    }
    if (matcher.couldGiveContext(head)) return true;
    const text = root.textContent ?? '';
    if (text.length > PRECHECK_MAX_CHARS) return true;
    if (!matcher.couldGiveContext(text)) return false;
    this.precheckText = { root, text, changes: this.changes };
    return true;
  }

  private findShadowRoots(root: Element): void {
    // NodeFilter.SHOW_ELEMENT
    const walker = this.options.doc.createTreeWalker(root, 0x1);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      const shadow = (el as Element).shadowRoot;
      if (shadow) this.addShadowRoot(shadow);
    }
  }

  /** Removes every mark and observer: the page is exactly as before. */
  stop(): void {
    this.running = false;
    for (const o of this.observers) o.disconnect();
    this.observers = [];
    this.observedRoots.clear();
    this.shadows.clear();
    this.dirty.clear();
    this.removed = [];
    this.removedFrom = [];
    this.scanQueue = [];
    this.waitingForContext.clear();
    this.skippedForContext = null;
    this.rescanWhole = null;
    this.precheckText = null;
    this.store.clear();
    this.painter.stop();
    this.pageHasContext = false;
    this.options.onMarksChanged?.();
  }

  setStyle(style: HighlightStyle): void {
    this.painter.setStyle(style);
  }

  /** Called when the page may have cleared CSS.highlights behind our back. */
  repair(): void {
    if (this.running) this.painter.ensureRegistered();
  }

  registeredCount(): number {
    return this.painter.registeredCount();
  }

  markAt(node: Node, offset: number): Mark | undefined {
    return this.store.at(node, offset);
  }

  /** Scans `root` in time slices; resolves when the queue is empty. */
  private enqueue(root: Node): Promise<void> {
    this.scanQueue.push(root);
    if (this.scanning) return this.idleDone();
    return this.drain();
  }

  private idleWaiters: (() => void)[] = [];
  private idleDone(): Promise<void> {
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.scanning = true;
    let sliceStart = performance.now();
    let unclocked = 0;
    try {
      while (this.running && this.scanQueue.length) {
        const root = this.scanQueue.shift() as Node;
        if (!root.isConnected && root.nodeType !== 11) continue;
        if (root === this.rescanWhole) {
          this.rescanWhole = null;
          this.forgetMarks(this.store.removeWithin(root));
        }
        const seen = this.changes;
        // The precheck's read of the same root, if nothing changed since.
        const read = this.precheckText;
        this.precheckText = null;
        const text = read && read.root === root && read.changes === seen ? read.text : null;
        const runs = walkTextRuns(root, {
          onShadowRoot: (sr) => this.addShadowRoot(sr),
          // One string for the whole root instead of one per text node; not
          // for a huge root, where reading it all at once would be a long task.
          snapshot:
            text === null && isHuge(root)
              ? undefined
              : { text: text ?? root.textContent ?? '', current: () => this.changes === seen },
        });
        for (const run of runs) {
          this.processRun(run);
          // The clock is read about once per CLOCK_CHARS of text, not per run
          // (7k runs on the 1 MB article: ~1 ms of performance.now() calls).
          unclocked += run.text.length;
          if (unclocked < CLOCK_CHARS) continue;
          unclocked = 0;
          if (performance.now() - sliceStart > SLICE_MS) {
            this.options.onMarksChanged?.();
            await yieldToPage(this.win);
            if (!this.running) return;
            sliceStart = performance.now();
          }
        }
      }
    } finally {
      this.scanning = false;
      this.options.onMarksChanged?.();
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private processRun(run: TextRun): void {
    const { matcher } = this.options;
    const candidates = matcher.find(run.text);
    if (candidates.length === 0) return;
    if (!this.pageHasContext && matcher.givesContext(candidates)) {
      this.pageHasContext = true;
      // Runs we passed over for lack of context get another look.
      for (const c of this.waitingForContext) this.scanQueue.push(c);
      this.waitingForContext.clear();
      if (this.skippedForContext) {
        // Walked whole: blocks in it may already have marks (added later, or this run).
        this.rescanWhole = this.skippedForContext;
        this.scanQueue.push(this.skippedForContext);
        this.skippedForContext = null;
      }
    }
    if (!this.pageHasContext && matcher.needsContext(candidates)) this.waitingForContext.add(run.container);
    const kept = matcher.filter(candidates, run.text, this.pageHasContext);
    const marks: Mark[] = [];
    for (const m of kept) {
      if (!matcher.isEnabled(m.entry)) continue;
      marks.push(this.toMark(run, m));
    }
    if (marks.length === 0) return;
    const isNewContainer = !this.store.hasMarksIn(run.container);
    this.store.add(run.container, marks);
    if (isNewContainer) this.painter.observe(run.container);
    else this.painter.refresh(run.container, []);
  }

  private toMark(run: TextRun, m: RunMatch): Mark {
    const { nodes } = run;
    // Most runs are one text node: no search.
    if (nodes.length === 1) {
      const node = nodes[0] as Text;
      return new TextMark(m.entry, run.container, node, m.start, node, m.end, undefined);
    }
    const start = locate(run, m.start, false);
    const end = locate(run, m.end, true);
    return new TextMark(
      m.entry,
      run.container,
      start.node,
      start.offset,
      end.node,
      end.offset,
      start.index === end.index ? undefined : nodes.slice(start.index, end.index + 1),
    );
  }

  /** Open shadow roots seen so far (hit-testing needs them for caretPositionFromPoint). */
  shadowRoots(): ShadowRoot[] {
    return [...this.shadows];
  }

  private addShadowRoot(root: ShadowRoot): void {
    if (!this.shadows.has(root)) this.shadows.add(root);
    this.painter.adopt(root);
    // Met again while rescanning the block around its host: drop its old marks first.
    this.forgetMarks(this.store.removeWithin(root));
    this.watch(root);
    this.scanQueue.push(root);
  }

  // ---- updates -----------------------------------------------------------

  private watch(root: Document | ShadowRoot): void {
    if (this.observedRoots.has(root)) return;
    this.observedRoots.add(root);
    const observer = new this.win.MutationObserver((records) => this.onMutations(records));
    observer.observe(root, { childList: true, characterData: true, subtree: true });
    this.observers.push(observer);
  }

  private onMutations(records: MutationRecord[]): void {
    let relevant = false;
    for (const r of records) {
      if (r.type === 'characterData') {
        this.dirty.add(r.target);
        relevant = true;
        continue;
      }
      for (const n of r.addedNodes) {
        // Our own popover host is not page text.
        if (n.nodeType === 1 && (n as Element).hasAttribute('data-ketamine-lens-host')) continue;
        this.dirty.add(n);
        relevant = true;
      }
      let removedHere = false;
      for (const n of r.removedNodes) {
        if (n.nodeType === 1 && (n as Element).hasAttribute('data-ketamine-lens-host')) continue;
        this.removed.push(n);
        removedHere = true;
      }
      if (removedHere) {
        this.removedFrom.push(r.target);
        relevant = true;
      }
    }
    if (relevant) {
      this.changes++;
      this.scheduleFlush();
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || !this.running) return;
    this.flushScheduled = true;
    const wait = Math.max(0, this.lastFlush + RESCAN_MIN_INTERVAL_MS - performance.now());
    this.win.setTimeout(() => {
      whenIdle(this.win, 500).then(() => {
        this.flushScheduled = false;
        this.lastFlush = performance.now();
        if (this.running) this.flush();
      });
    }, wait);
  }

  private flush(): void {
    // Marks on removed text go first; the blocks they sat in are scanned again.
    const removed = this.removed;
    const removedFrom = this.removedFrom;
    this.removed = [];
    this.removedFrom = [];
    const gone = removed.length ? this.store.removeDisconnected(removed, removedFrom) : [];
    this.forgetMarks(gone);
    const candidates: Node[] = [...this.dirty, ...new Set(gone.map((m) => m.container))];
    this.dirty.clear();
    const scopes = new Set<Element>();
    for (const node of candidates) {
      if (!node.isConnected) continue;
      // A new block is scanned on its own; changed text or a new inline
      // element means its whole block (run) is scanned again.
      const scope = node.nodeType === 1 && !isInline(node as Element) ? (node as Element) : blockOf(node);
      if (!scope || scope.closest(SKIP_SELECTOR)) continue;
      scopes.add(scope);
    }
    // Keep only outermost scopes (an ancestor in the set covers its subtree).
    for (const scope of scopes) {
      let covered = false;
      for (let p = scope.parentElement; p && !covered; p = p.parentElement) covered = scopes.has(p);
      if (covered) continue;
      this.forgetMarks(this.store.removeWithin(scope));
      this.scanQueue.push(scope);
    }
    if (!this.scanning && this.scanQueue.length) void this.drain();
  }

  private forgetMarks(marks: Mark[]): void {
    const byContainer = new Map<Element, Mark[]>();
    for (const m of marks) {
      const list = byContainer.get(m.container);
      if (list) list.push(m);
      else byContainer.set(m.container, [m]);
    }
    for (const [c, list] of byContainer) this.painter.forget(c, list);
    if (marks.length) this.options.onMarksChanged?.();
  }
}
