// Which mark containers are near the viewport, without an IntersectionObserver
// per block: with ~10k observed blocks Chromium spent up to 36 ms per frame on
// intersection updates (bench/RESULTS.md). Containers are kept in document
// order; on scroll/resize we binary-search the first and last one within one
// viewport of the visible area (a handful of getBoundingClientRect calls) and
// widen the window by a few containers for layouts where document order and
// vertical order disagree (sidebars, grids).

/** Containers added beyond each end of the searched window. */
const SLACK = 24;

export class VisibleWindow {
  #order: Element[] = [];
  #removed = new Set<Element>();
  #visible = new Set<Element>();

  #win: Window;
  #onEnter: (container: Element) => void;
  #onLeave: (container: Element) => void;

  constructor(win: Window, onEnter: (container: Element) => void, onLeave: (container: Element) => void) {
    this.#win = win;
    this.#onEnter = onEnter;
    this.#onLeave = onLeave;
  }

  add(container: Element): void {
    // Dropped and added again before the next update: it is still in the list.
    if (this.#removed.delete(container)) return;
    const order = this.#order;
    const last = order[order.length - 1];
    // DOCUMENT_POSITION_PRECEDING = 2. The first scan appends in document order;
    // rescans after page changes, and a walk coming back for the text above
    // the reader, insert at their place (binary search).
    if (!last || !(last.compareDocumentPosition(container) & 2)) {
      order.push(container);
      return;
    }
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = order[mid] as Element;
      if (other === container) return;
      if (other.compareDocumentPosition(container) & 4) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, container);
  }

  remove(container: Element): void {
    this.#removed.add(container);
    if (this.#visible.delete(container)) this.#onLeave(container);
  }

  isVisible(container: Element): boolean {
    return this.#visible.has(container);
  }

  clear(): void {
    this.#order = [];
    this.#removed.clear();
    this.#visible.clear();
  }

  /** Recomputes the window; call when layout is clean (just after a frame). */
  update(): void {
    this.#compact();
    const order = this.#order;
    const n = order.length;
    const next = new Set<Element>();
    if (n > 0) {
      const h = this.#win.innerHeight;
      // First container whose bottom is below the top margin.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((order[mid] as Element).getBoundingClientRect().bottom < -h) lo = mid + 1;
        else hi = mid;
      }
      const first = lo;
      // First container whose top is past the bottom margin.
      hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((order[mid] as Element).getBoundingClientRect().top <= 2 * h) lo = mid + 1;
        else hi = mid;
      }
      const end = Math.min(n, lo + SLACK);
      for (let i = Math.max(0, first - SLACK); i < end; i++) next.add(order[i] as Element);
    }
    for (const c of this.#visible) if (!next.has(c)) this.#onLeave(c);
    for (const c of next) if (!this.#visible.has(c)) this.#onEnter(c);
    this.#visible = next;
  }

  #compact(): void {
    // Dropped containers leave the list lazily, once per update.
    if (this.#removed.size) {
      this.#order = this.#order.filter((c) => !this.#removed.has(c) && c.isConnected);
      this.#removed.clear();
    }
  }
}
