// The page-side engine: scan text runs in time slices, match, apply context
// tiers, keep marks in our own store and let the painter show the visible ones.
// It is DOM-only (no extension APIs) so unit tests can drive it in happy-dom.

import { type Mark, MarkStore, textMark } from './mark-store';
import { type HighlightStyle, Painter } from './painter';
import { SLICE_MS, whenIdle, yieldToPage } from './scheduler';
import { blockOf, isInline, locate, SKIP_SELECTOR, type TextRun, walkTextRuns } from './text-runs';
import { VisibleFirst } from './visible-first';

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

/** Length of the text in `root` before `node` (its offset in root.textContent). */
function textBefore(root: Node, node: Node): number {
  const range = ((root.ownerDocument ?? root) as Document).createRange();
  range.setStart(root, 0);
  range.setEndBefore(node);
  return range.toString().length;
}

/** Text scanned between two looks at the clock (~0.1 ms of work on a cold page). */
const CLOCK_CHARS = 2_000;

/**
 * Characters of one run matched at a time, so that a page's one huge text
 * node (a pasted log of 5 MB) is sliced like any other long page.
 */
const RUN_PIECE_CHARS = 65_536;

/** Minimum spacing of rescans on a page that mutates constantly. */
const RESCAN_MIN_INTERVAL_MS = 250;

/**
 * Part of a root's walk, after the walk moved to the text on screen: from a
 * node until another (none: the root's end). Two of them take the place of
 * the rest of a walk, so together they read every run once.
 */
interface WalkPart {
  root: Node;
  from: { node: Node; pos: number };
  until?: Node;
  /** The root's text snapshot, good while the change count is still `seen`; null: read each node. */
  text: string | null;
  seen: number;
}

const isPart = (item: Node | WalkPart): item is WalkPart => 'from' in item;

export class Lens {
  readonly store = new MarkStore();
  #painter: Painter;
  #pageHasContext = false;
  /** Containers with tier-2/3 candidates seen before the page had context. */
  #waitingForContext = new Set<Element>();
  /** The light DOM, when the precheck found nothing there that gives context: walked once the page has context. */
  #skippedForContext: Node | null = null;
  /** Roots whose marks are dropped just before they are walked again. */
  #rescanFresh = new Set<Node>();
  #observers: MutationObserver[] = [];
  #observedRoots = new Set<Node>();
  #shadows = new Set<ShadowRoot>();
  #dirty = new Set<Node>();
  /** Nodes the page removed since the last flush, and where from: their marks go. */
  #removed: Node[] = [];
  #removedFrom: Node[] = [];
  #flushScheduled = false;
  #lastFlush = 0;
  #running = false;
  #scanQueue: (Node | WalkPart)[] = [];
  #scanning = false;
  #visibleFirst: VisibleFirst;
  /** Page changes seen by our observers (a walk's text snapshot is good while this stays put). */
  #changes = 0;
  /** The whole text the precheck read, kept for the walk that follows it. */
  #precheckText: { root: Node; text: string; changes: number } | null = null;
  #win: Window & typeof globalThis;

  #options: LensOptions;

  constructor(options: LensOptions) {
    this.#options = options;
    this.#win = options.doc.defaultView as Window & typeof globalThis;
    this.#painter = new Painter(
      options.doc,
      { isSafety: (e) => options.matcher.isSafety(e), style: options.style, rootOnly: options.rootOnly },
      (c) => this.store.marksIn(c),
    );
    this.#visibleFirst = new VisibleFirst(this.#win, () => this.#scanning);
  }

  start(): Promise<void> {
    if (this.#running) return Promise.resolve();
    this.#running = true;
    this.#painter.start();
    this.#watch(this.#options.doc);
    const root = this.#options.doc.body ?? this.#options.doc.documentElement;
    if (!this.#couldGiveContext(root)) {
      // Nothing in the light DOM can be marked until something gives the page
      // context: look in open shadow roots, and walk the rest if one does.
      this.#skippedForContext = root;
      this.#findShadowRoots(root);
      return this.#drain();
    }
    return this.#enqueue(root);
  }

  /**
   * Most pages never mention ketamine. Without a tier-1 (context-giving)
   * match nothing on a page is marked, and a native RegExp over the page's
   * text says "none" at a fraction of the cost of walking text runs or of a
   * JavaScript matcher pass. Skipped for very large pages, where reading all
   * the text at once would be a long task (their walk is time-sliced
   * instead). See docs/decisions/0005.
   */
  #couldGiveContext(root: Element): boolean {
    const { matcher } = this.#options;
    // First the first text nodes, each on its own line: a page about
    // ketamine says so early, and then the page's whole text is never built.
    const walker = this.#options.doc.createTreeWalker(root, 0x4); // NodeFilter.SHOW_TEXT
    let head = '';
    for (let t = walker.nextNode(); t && head.length < PRECHECK_HEAD; t = walker.nextNode()) {
      // (a page's one text node can be megabytes long)
      head += `${(t as Text).data.slice(0, PRECHECK_HEAD)}\n`;
    }
    if (matcher.couldGiveContext(head)) return true;
    const text = root.textContent ?? '';
    if (text.length > PRECHECK_MAX_CHARS) return true;
    if (!matcher.couldGiveContext(text)) return false;
    this.#precheckText = { root, text, changes: this.#changes };
    return true;
  }

  #findShadowRoots(root: Element): void {
    // NodeFilter.SHOW_ELEMENT
    const walker = this.#options.doc.createTreeWalker(root, 0x1);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      const shadow = (el as Element).shadowRoot;
      if (shadow) this.#addShadowRoot(shadow);
    }
  }

  /**
   * Removes every mark and observer: the page is exactly as before. A stopped
   * Lens is dropped, not started again (the content script makes a new one),
   * so its own queues are left to the garbage collector.
   */
  stop(): void {
    this.#running = false;
    for (const o of this.#observers) o.disconnect();
    this.store.clear();
    this.#visibleFirst.scanEnded();
    this.#painter.stop();
    this.#options.onMarksChanged?.();
  }

  setStyle(style: HighlightStyle): void {
    this.#painter.setStyle(style);
  }

  /** Called when the page may have cleared CSS.highlights behind our back. */
  repair(): void {
    if (this.#running) this.#painter.ensureRegistered();
  }

  /** Scans `root` in time slices; resolves when the queue is empty. */
  #enqueue(root: Node): Promise<void> {
    this.#scanQueue.push(root);
    if (this.#scanning) return this.#idleDone();
    return this.#drain();
  }

  #idleWaiters: (() => void)[] = [];
  #idleDone(): Promise<void> {
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #drain(): Promise<void> {
    this.#scanning = true;
    let sliceStart = performance.now();
    let unclocked = 0;
    try {
      walks: while (this.#running && this.#scanQueue.length) {
        const walk = this.#nextWalk();
        if (!walk) continue;
        const { root, text, seen, part } = walk;
        const cursor = { node: null as Node | null, pos: 0 };
        const runs = walkTextRuns(root, {
          onShadowRoot: (sr) => this.#addShadowRoot(sr),
          snapshot: text === null ? undefined : { text, current: () => this.#changes === seen },
          from: part?.from,
          until: part?.until,
          cursor,
        });
        for (const run of runs) {
          for (let at = 0; at < run.text.length; ) {
            const from = at;
            at = this.#processRun(run, from);
            // The clock is read about once per CLOCK_CHARS of text, not per run
            // (7k runs on the 1 MB article: ~1 ms of performance.now() calls).
            unclocked += at - from;
            if (unclocked < CLOCK_CHARS) continue;
            unclocked = 0;
            if (performance.now() - sliceStart <= SLICE_MS) continue;
            this.#options.onMarksChanged?.();
            await (this.#visibleFirst.frame() ?? yieldToPage(this.#win));
            if (!this.#running) return;
            sliceStart = performance.now();
            // Mid-run: go on with it (the walk can only move between runs).
            if (at < run.text.length) continue;
            const until = part?.until;
            const start = this.#visibleFirst.take(root, cursor.node, until);
            if (start && cursor.node) {
              // On screen first, then back to where the walk was.
              const current = text !== null && this.#changes === seen;
              const rest = { root, text: current ? text : null, seen };
              this.#scanQueue.unshift(
                { ...rest, from: { node: start, pos: current ? textBefore(root, start) : 0 }, until },
                { ...rest, from: { node: cursor.node, pos: cursor.pos }, until: start },
              );
              continue walks;
            }
          }
        }
      }
    } finally {
      this.#scanning = false;
      this.#visibleFirst.scanEnded();
      this.#options.onMarksChanged?.();
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** The next walk in the queue: a root (with its text snapshot) or part of one; null to skip an item. */
  #nextWalk(): { root: Node; text: string | null; seen: number; part: WalkPart | null } | null {
    const item = this.#scanQueue.shift() as Node | WalkPart;
    const root = isPart(item) ? item.root : item;
    if (!root.isConnected && root.nodeType !== 11) return null;
    if (isPart(item)) {
      const { from, until } = item;
      if (!root.contains(from.node) || (until && !root.contains(until))) {
        // The page moved where the parts meet: walk the whole root again.
        this.#scanQueue = this.#scanQueue.filter((x) => !(isPart(x) && x.root === root));
        this.#forgetMarks(this.store.removeWithin(root));
        this.#scanQueue.unshift(root);
        return null;
      }
      return { root, text: item.seen === this.#changes ? item.text : null, seen: item.seen, part: item };
    }
    if (this.#rescanFresh.delete(root)) this.#forgetMarks(this.store.removeWithin(root));
    const seen = this.#changes;
    // The precheck's read of the same root, if nothing changed since.
    const read = this.#precheckText;
    this.#precheckText = null;
    const reused = read && read.root === root && read.changes === seen ? read.text : null;
    // One string for the whole root instead of one per text node; not for a
    // huge root, where reading it all at once would be a long task.
    const text = reused ?? (isHuge(root) ? null : (root.textContent ?? ''));
    return { root, text, seen, part: null };
  }

  /**
   * Matches and marks the run's text from `from` on, at most RUN_PIECE_CHARS
   * of it (and to the end of a match across that edge); returns where the
   * next piece starts. One scan in pieces finds what one scan of it all does.
   */
  #processRun(run: TextRun, from: number): number {
    const { matcher } = this.#options;
    const length = run.text.length;
    const to = Math.min(length, from + RUN_PIECE_CHARS);
    const candidates = matcher.find(run.text, from, to);
    const last = candidates[candidates.length - 1];
    const next = last && last.end > to ? last.end : to;
    if (!last) return next;
    if (!this.#pageHasContext && matcher.givesContext(candidates)) {
      this.#pageHasContext = true;
      // Runs we passed over for lack of context get another look, and the
      // light DOM if the precheck skipped it. Their blocks may have marks by
      // then (another run of the same block, this one): those go first.
      const again: Node[] = [...this.#waitingForContext];
      if (this.#skippedForContext) again.push(this.#skippedForContext);
      for (const c of again) {
        this.#rescanFresh.add(c);
        this.#scanQueue.push(c);
      }
      this.#waitingForContext.clear();
      this.#skippedForContext = null;
    }
    if (!this.#pageHasContext && matcher.needsContext(candidates)) this.#waitingForContext.add(run.container);
    const kept = matcher.filter(candidates, run.text, this.#pageHasContext);
    const marks: Mark[] = [];
    for (const m of kept) {
      if (!matcher.isEnabled(m.entry)) continue;
      marks.push(this.#toMark(run, m));
    }
    if (marks.length === 0) return next;
    const isNewContainer = !this.store.hasMarksIn(run.container);
    this.store.add(run.container, marks);
    if (isNewContainer) this.#painter.observe(run.container);
    else this.#painter.added(run.container, marks);
    return next;
  }

  #toMark(run: TextRun, m: RunMatch): Mark {
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

  /** Open shadow roots seen so far (hit-testing needs them for caretPositionFromPoint). */
  shadowRoots(): ShadowRoot[] {
    return [...this.#shadows];
  }

  #addShadowRoot(root: ShadowRoot): void {
    if (!this.#shadows.has(root)) this.#shadows.add(root);
    this.#painter.adopt(root);
    // Met again while rescanning the block around its host: drop its old marks first.
    this.#forgetMarks(this.store.removeWithin(root));
    this.#watch(root);
    this.#scanQueue.push(root);
  }

  // ---- updates -----------------------------------------------------------

  #watch(root: Document | ShadowRoot): void {
    if (this.#observedRoots.has(root)) return;
    this.#observedRoots.add(root);
    const observer = new this.#win.MutationObserver((records) => this.#onMutations(records));
    observer.observe(root, { childList: true, characterData: true, subtree: true });
    this.#observers.push(observer);
  }

  #onMutations(records: MutationRecord[]): void {
    let relevant = false;
    for (const r of records) {
      if (r.type === 'characterData') {
        this.#dirty.add(r.target);
        relevant = true;
        continue;
      }
      for (const n of r.addedNodes) {
        // Our own popover host is not page text.
        if (n.nodeType === 1 && (n as Element).hasAttribute('data-ketamine-lens-host')) continue;
        this.#dirty.add(n);
        relevant = true;
      }
      let removedHere = false;
      for (const n of r.removedNodes) {
        if (n.nodeType === 1 && (n as Element).hasAttribute('data-ketamine-lens-host')) continue;
        this.#removed.push(n);
        removedHere = true;
      }
      if (removedHere) {
        this.#removedFrom.push(r.target);
        relevant = true;
      }
    }
    if (relevant) {
      this.#changes++;
      this.#scheduleFlush();
    }
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled || !this.#running) return;
    this.#flushScheduled = true;
    const wait = Math.max(0, this.#lastFlush + RESCAN_MIN_INTERVAL_MS - performance.now());
    this.#win.setTimeout(() => {
      whenIdle(this.#win, 500).then(() => {
        this.#flushScheduled = false;
        this.#lastFlush = performance.now();
        if (this.#running) this.#flush();
      });
    }, wait);
  }

  #flush(): void {
    // Marks on removed text go first; the blocks they sat in are scanned again.
    const removed = this.#removed;
    const removedFrom = this.#removedFrom;
    this.#removed = [];
    this.#removedFrom = [];
    const gone = removed.length ? this.store.removeDisconnected(removed, removedFrom) : [];
    this.#forgetMarks(gone);
    const candidates: Node[] = [...this.#dirty, ...new Set(gone.map((m) => m.container))];
    this.#dirty.clear();
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
      this.#forgetMarks(this.store.removeWithin(scope));
      this.#scanQueue.push(scope);
    }
    if (!this.#scanning && this.#scanQueue.length) void this.#drain();
  }

  #forgetMarks(marks: Mark[]): void {
    const byContainer = new Map<Element, Mark[]>();
    for (const m of marks) {
      const list = byContainer.get(m.container);
      if (list) list.push(m);
      else byContainer.set(m.container, [m]);
    }
    for (const [c, list] of byContainer) this.#painter.forget(c, list);
    if (marks.length) this.#options.onMarksChanged?.();
  }
}
