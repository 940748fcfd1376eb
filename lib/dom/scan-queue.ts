// The roots waiting to be walked, and the time-sliced drain that walks them:
// text runs are read in slices of SLICE_MS with a yield (or a wait for a
// frame) between slices, so a long page never makes one long task. What a run
// means is the Lens's business (ScanHost.mark).

import { backUp, ReadingWindow, type WalkPart } from './reading-window';
import { SLICE_MS, yieldToPage } from './scheduler';
import { skippedIn, type TextRun, walkTextRuns } from './text-runs';
import { VisibleFirst } from './visible-first';

/** What the queue needs from the Lens. */
export interface ScanHost {
  /** Matches and marks the run's text from `from` on; returns where the next piece starts. */
  mark(run: TextRun, from: number): number;
  /** An open shadow root met on the way (the Lens queues it as a root of its own). */
  addShadowRoot(root: ShadowRoot): void;
  /** Drops the marks inside `root`: it is about to be walked from scratch. */
  drop(root: Node): void;
  /** Marks may have changed: at every pause of a drain and at its end. */
  changed(): void;
  /** May the walk stop at the reading window's edge? (Not while text waits for page context.) */
  mayPark(): boolean;
}

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
 * Text walked between two looks at the reading window. Each look waits for a
 * frame (layout is clean then, so measuring forces none): about one screen of
 * article text, so the walk stops within a screen of the window's edge.
 */
const WINDOW_CHARS = 3_000;

const isPart = (item: Node | WalkPart): item is WalkPart => 'from' in item;

export class ScanQueue {
  /**
   * Page changes seen so far (the mutation tracker counts them here): a
   * walk's text snapshot is good while this stays put.
   */
  changes = 0;
  #items: (Node | WalkPart)[] = [];
  #scanning = false;
  #stopped = false;
  /** Roots whose marks are dropped just before they are walked again. */
  #fresh = new Set<Node>();
  /** A root's textContent, read when it was queued (by the precheck), for its walk. */
  #read: { root: Node; text: string } | null = null;
  #visibleFirst: VisibleFirst;
  /** Where walks past the reader wait; null: walk everything (extension pages, or the whole page was asked for). */
  #window: ReadingWindow | null = null;
  /** Resolved when the queue is empty (see complete). */
  #drained: (() => void)[] = [];

  #win: Window & typeof globalThis;
  #host: ScanHost;

  /** `readingWindow`: walk only near the reader and park the rest (see reading-window.ts). */
  constructor(win: Window & typeof globalThis, host: ScanHost, readingWindow = false) {
    this.#win = win;
    this.#host = host;
    this.#visibleFirst = new VisibleFirst(win, () => this.#scanning);
    if (readingWindow) {
      this.#window = new ReadingWindow(win, (parts) => {
        this.#items.unshift(...parts);
        this.wake();
      });
    }
  }

  /** Parts of walks waiting for the reader: the marks found so far are not all the page has. */
  get partial(): boolean {
    return (this.#window?.parked ?? 0) > 0;
  }

  /**
   * Walks the whole page from now on, parked parts first; resolves when the
   * queue is empty (the popup's list and next-term need every term).
   */
  complete(): Promise<void> {
    const parts = this.#window?.takeAll() ?? [];
    this.#window = null;
    this.#items.unshift(...parts);
    if (this.#stopped || (!this.#scanning && !this.#items.length)) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.#drained.push(resolve));
    this.wake();
    return done;
  }

  /**
   * Queues `root`. `text`: its textContent, read in this same task, with the
   * drain starting in it too (so the page cannot have changed before the
   * walk reuses it).
   */
  push(root: Node, text?: string | null): void {
    if (text) this.#read = { root, text };
    this.#items.push(root);
  }

  /** Queues `root` to be walked again: its marks are dropped just before. */
  fresh(root: Node): void {
    this.#fresh.add(root);
    this.#items.push(root);
  }

  /** Drains the queue after page changes, unless a drain is under way (it takes them in). */
  wake(): void {
    if (!this.#scanning && !this.#stopped && this.#items.length) void this.drain();
  }

  /** Ends the scan for good: a running drain stops at its next pause, and wake() does nothing. */
  stop(): void {
    this.#stopped = true;
    this.#visibleFirst.scanEnded();
    this.#window?.stop();
    this.#settle();
  }

  #settle(): void {
    for (const resolve of this.#drained.splice(0)) resolve();
  }

  /** Walks the queued roots in time slices; resolves when the queue is empty. */
  async drain(): Promise<void> {
    this.#scanning = true;
    const host = this.#host;
    let sliceStart = performance.now();
    let unclocked = 0;
    // Text walked since the last look at the reading window.
    let unseen = 0;
    // Nothing but this walk has run since the last frame: layout is clean, a look costs no layout.
    let clean = false;
    try {
      walks: while (!this.#stopped && this.#items.length) {
        // Each walk starts with a native query (see skippedIn): parts of one
        // walk may come one after another, so the clock is read between them too.
        if (performance.now() - sliceStart > SLICE_MS) {
          host.changed();
          await yieldToPage(this.#win);
          if (this.#stopped) return;
          sliceStart = performance.now();
          clean = false;
          continue;
        }
        const walk = this.#next();
        if (!walk) continue;
        const { root, text, seen, part } = walk;
        const until = part?.until;
        const cursor = { node: null as Node | null, pos: 0 };
        const skipped =
          part && part.seen === this.changes && part.skipped !== undefined ? part.skipped : skippedIn(root);
        const runs = walkTextRuns(root, {
          onShadowRoot: (sr) => host.addShadowRoot(sr),
          snapshot: text === null ? undefined : { text, current: () => this.changes === seen },
          from: part?.from,
          until,
          cursor,
          skipped,
        });
        // What is left of this walk, from the cursor (after a run).
        const rest = (): WalkPart | null => {
          if (!cursor.node) return null;
          const current = this.changes === seen;
          return {
            root,
            text: current ? text : null,
            seen,
            from: { node: cursor.node, pos: cursor.pos },
            until,
            skipped: current ? skipped : undefined,
          };
        };
        for (const run of runs) {
          for (let at = 0; at < run.text.length; ) {
            const from = at;
            at = host.mark(run, from);
            // The clock is read about once per CLOCK_CHARS of text, not per run
            // (7k runs on the 1 MB article: ~1 ms of performance.now() calls).
            unclocked += at - from;
            unseen += at - from;
            let look = this.#window !== null && unseen >= WINDOW_CHARS && at >= run.text.length;
            if (look && clean) {
              // Still no layout to wait for: look in place, no pause.
              look = false;
              unseen = 0;
              if (this.#parkIfBeyond(rest())) continue walks;
            }
            if (!look && unclocked < CLOCK_CHARS) continue;
            unclocked = 0;
            if (!look && performance.now() - sliceStart <= SLICE_MS) continue;
            host.changed();
            const wait = this.#visibleFirst.frame(look);
            clean = false;
            if (wait) clean = await wait;
            else await yieldToPage(this.#win);
            if (this.#stopped) return;
            sliceStart = performance.now();
            if (look) unseen = 0;
            // Mid-run: go on with it (the walk can only move between runs).
            if (at < run.text.length) continue;
            const left = rest();
            const onScreen = this.#visibleFirst.take(root, cursor.node, until);
            // With a reading window, from a screen above it (layout is clean: just after a frame).
            const start =
              onScreen && this.#window ? backUp(this.#win, root, onScreen, cursor.node) : onScreen;
            if (start && left) {
              // On screen first, then back to where the walk was.
              const pos = left.text !== null ? textBefore(root, start) : 0;
              this.#items.unshift({ ...left, from: { node: start, pos } }, { ...left, until: start });
              continue walks;
            }
            // Just after a frame: is the walk past the reader?
            if (clean && look && this.#parkIfBeyond(left)) continue walks;
          }
        }
      }
    } finally {
      this.#scanning = false;
      this.#visibleFirst.scanEnded();
      host.changed();
      if (!this.#items.length || this.#stopped) this.#settle();
    }
  }

  /**
   * Parks the rest of a walk if it goes on outside the reading window, and the
   * parts queued next that start outside it too. Only while layout is clean.
   */
  #parkIfBeyond(left: WalkPart | null): boolean {
    const win = this.#window;
    if (!win || !left || !this.#host.mayPark() || !win.beyond(left.from.node)) return false;
    win.park(left);
    this.#parkQueuedBeyond();
    return true;
  }

  /** Parks the parts at the head of the queue whose first text is outside the reading window. */
  #parkQueuedBeyond(): void {
    const win = this.#window;
    while (win && this.#host.mayPark()) {
      const head = this.#items[0];
      if (!head || !isPart(head) || !head.from.node.isConnected || !win.beyond(head.from.node)) return;
      this.#items.shift();
      win.park(head);
    }
  }

  /** The next walk in the queue: a root (with its text snapshot) or part of one; null to skip an item. */
  #next(): { root: Node; text: string | null; seen: number; part: WalkPart | null } | null {
    const item = this.#items.shift() as Node | WalkPart;
    const root = isPart(item) ? item.root : item;
    if (!root.isConnected && root.nodeType !== 11) return null;
    if (isPart(item)) {
      const { from, until } = item;
      if (!root.contains(from.node) || (until && !root.contains(until))) {
        // The page moved where the parts meet: walk the whole root again.
        this.#items = this.#items.filter((x) => !(isPart(x) && x.root === root));
        this.#host.drop(root);
        this.#items.unshift(root);
        return null;
      }
      const current = item.seen === this.changes && item.text !== null;
      // A part the reading window split where the reader is: its offset in the snapshot is worked out now.
      if (from.pos < 0) item.from = { node: from.node, pos: current ? textBefore(root, from.node) : 0 };
      return { root, text: current ? item.text : null, seen: item.seen, part: item };
    }
    // Walked whole: what was parked of it is walked again anyway.
    this.#window?.dropRoot(root);
    if (this.#fresh.delete(root)) this.#host.drop(root);
    const seen = this.changes;
    // The text read when the root was queued (see push).
    const read = this.#read;
    this.#read = null;
    const reused = read?.root === root ? read.text : null;
    // One string for the whole root instead of one per text node; not for a
    // huge root, where reading it all at once would be a long task, nor where
    // only the text near the reader is walked now (reading every node of a
    // few screens costs less than the whole page's text).
    const text = reused ?? (isHuge(root) || this.#window ? null : (root.textContent ?? ''));
    return { root, text, seen, part: null };
  }
}
