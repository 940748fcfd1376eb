// The roots waiting to be walked, and the time-sliced drain that walks them:
// text runs are read in slices of SLICE_MS with a yield (or a wait for a
// frame) between slices, so a long page never makes one long task. What a run
// means is the Lens's business (ScanHost.mark).

import { SLICE_MS, yieldToPage } from './scheduler';
import { type TextRun, walkTextRuns } from './text-runs';
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

  #win: Window & typeof globalThis;
  #host: ScanHost;

  constructor(win: Window & typeof globalThis, host: ScanHost) {
    this.#win = win;
    this.#host = host;
    this.#visibleFirst = new VisibleFirst(win, () => this.#scanning);
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
  }

  /** Walks the queued roots in time slices; resolves when the queue is empty. */
  async drain(): Promise<void> {
    this.#scanning = true;
    const host = this.#host;
    let sliceStart = performance.now();
    let unclocked = 0;
    try {
      walks: while (!this.#stopped && this.#items.length) {
        const walk = this.#next();
        if (!walk) continue;
        const { root, text, seen, part } = walk;
        const cursor = { node: null as Node | null, pos: 0 };
        const runs = walkTextRuns(root, {
          onShadowRoot: (sr) => host.addShadowRoot(sr),
          snapshot: text === null ? undefined : { text, current: () => this.changes === seen },
          from: part?.from,
          until: part?.until,
          cursor,
        });
        for (const run of runs) {
          for (let at = 0; at < run.text.length; ) {
            const from = at;
            at = host.mark(run, from);
            // The clock is read about once per CLOCK_CHARS of text, not per run
            // (7k runs on the 1 MB article: ~1 ms of performance.now() calls).
            unclocked += at - from;
            if (unclocked < CLOCK_CHARS) continue;
            unclocked = 0;
            if (performance.now() - sliceStart <= SLICE_MS) continue;
            host.changed();
            await (this.#visibleFirst.frame() ?? yieldToPage(this.#win));
            if (this.#stopped) return;
            sliceStart = performance.now();
            // Mid-run: go on with it (the walk can only move between runs).
            if (at < run.text.length) continue;
            const until = part?.until;
            const start = this.#visibleFirst.take(root, cursor.node, until);
            if (start && cursor.node) {
              // On screen first, then back to where the walk was.
              const current = text !== null && this.changes === seen;
              const rest = { root, text: current ? text : null, seen };
              this.#items.unshift(
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
      host.changed();
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
      return { root, text: item.seen === this.changes ? item.text : null, seen: item.seen, part: item };
    }
    if (this.#fresh.delete(root)) this.#host.drop(root);
    const seen = this.changes;
    // The text read when the root was queued (see push).
    const read = this.#read;
    this.#read = null;
    const reused = read?.root === root ? read.text : null;
    // One string for the whole root instead of one per text node; not for a
    // huge root, where reading it all at once would be a long task.
    const text = reused ?? (isHuge(root) ? null : (root.textContent ?? ''));
    return { root, text, seen, part: null };
  }
}
