// Page changes after the first scan: MutationObservers on the document and
// on every open shadow root collect what was added, rewritten or removed;
// at most every RESCAN_MIN_INTERVAL_MS (and when the page is idle) the marks
// on removed text are dropped and the blocks that changed are walked again.

import type { Mark, MarkStore } from './mark-store';
import { ownNodes } from './own-nodes';
import type { ScanQueue } from './scan-queue';
import { whenIdle } from './scheduler';
import { blockOf, isInline, SKIP_SELECTOR } from './text-runs';

/** Minimum spacing of rescans on a page that mutates constantly. */
const RESCAN_MIN_INTERVAL_MS = 250;

/** What the tracker needs from the Lens. */
export interface MutationHost {
  readonly store: MarkStore;
  /** Drops the marks inside `root`: it is about to be walked again. */
  drop(root: Node): void;
  /** Takes marks that left the store off the screen. */
  forget(marks: Mark[]): void;
}

export class MutationTracker {
  #observers: MutationObserver[] = [];
  #observed = new Set<Node>();
  /** Added nodes and rewritten texts since the last flush: their blocks are walked again. */
  #dirty = new Set<Node>();
  /** Nodes the page removed since the last flush, and where from: their marks go. */
  #removed: Node[] = [];
  #removedFrom: Node[] = [];
  #flushScheduled = false;
  #lastFlush = 0;

  #win: Window & typeof globalThis;
  #queue: ScanQueue;
  #host: MutationHost;

  constructor(win: Window & typeof globalThis, queue: ScanQueue, host: MutationHost) {
    this.#win = win;
    this.#queue = queue;
    this.#host = host;
  }

  /** Watches a document or shadow root (once). */
  observe(root: Document | ShadowRoot): void {
    if (this.#observed.has(root)) return;
    this.#observed.add(root);
    const observer = new this.#win.MutationObserver((records) => this.#onMutations(records));
    observer.observe(root, { childList: true, characterData: true, subtree: true });
    this.#observers.push(observer);
  }

  /**
   * No record arrives after this. A flush already scheduled still runs, but
   * finds a cleared store and a stopped queue (see ScanQueue.stop).
   */
  stop(): void {
    for (const o of this.#observers) o.disconnect();
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
        if (ownNodes().has(n)) continue;
        this.#dirty.add(n);
        relevant = true;
      }
      let removedHere = false;
      for (const n of r.removedNodes) {
        if (ownNodes().has(n)) continue;
        this.#removed.push(n);
        removedHere = true;
      }
      if (removedHere) {
        this.#removedFrom.push(r.target);
        relevant = true;
      }
    }
    if (relevant) {
      this.#queue.changes++;
      this.#scheduleFlush();
    }
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    const wait = Math.max(0, this.#lastFlush + RESCAN_MIN_INTERVAL_MS - performance.now());
    this.#win.setTimeout(() => {
      whenIdle(this.#win, 500).then(() => {
        this.#flushScheduled = false;
        this.#lastFlush = performance.now();
        this.#flush();
      });
    }, wait);
  }

  #flush(): void {
    // Marks on removed text go first; the blocks they sat in are scanned again.
    const removed = this.#removed;
    const removedFrom = this.#removedFrom;
    this.#removed = [];
    this.#removedFrom = [];
    const gone = removed.length ? this.#host.store.removeDisconnected(removed, removedFrom) : [];
    this.#host.forget(gone);
    const candidates: Node[] = [...this.#dirty, ...new Set(gone.map((m) => m.container))];
    this.#dirty.clear();
    const scopes = new Set<Element>();
    for (const node of candidates) {
      if (!node.isConnected) continue;
      // A new block is scanned on its own; changed text or a new inline
      // element means its whole block (run) is scanned again.
      const scope = node.nodeType === 1 && !isInline(node as Element) ? (node as Element) : blockOf(node);
      // The initial walk starts at <body>; a changed <title> is not page text either.
      if (!scope || scope.closest(SKIP_SELECTOR) || scope.closest('head')) continue;
      scopes.add(scope);
    }
    // Keep only outermost scopes (an ancestor in the set covers its subtree).
    for (const scope of scopes) {
      let covered = false;
      for (let p = scope.parentElement; p && !covered; p = p.parentElement) covered = scopes.has(p);
      if (covered) continue;
      this.#host.drop(scope);
      this.#queue.push(scope);
    }
    this.#queue.wake();
  }
}
