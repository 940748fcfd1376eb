// Visible part first: a page opened further down (a link to #section, a
// reload or "back" that restores the scroll position) should not wait for
// every block above the reader to be scanned before the text on screen is
// marked. While a scan runs, the text under the viewport is looked up just
// after a frame (layout is clean then, so this forces no layout), and the
// Lens moves its walk there, coming back for the part it skipped afterwards.
//
// That needs frames during a scan, which its yields alone do not give:
// scheduler.yield() continuations run ahead of rendering, and a 1.2 MB page
// rendered no frame in the 130 ms of its scan (so neither where the reader
// is nor the marks found there could be shown before the end). So the scan
// also waits for a frame now and then: see frame().

import { AfterFrame } from './after-frame';
import { walkStartAround } from './text-runs';

/** Heights (fractions of the viewport) probed for the text on screen. */
const PROBES = [0.1, 0.4, 0.7];

/** DOCUMENT_POSITION_FOLLOWING */
export const FOLLOWING = 4;

/** A scan lets the page render at least this often… */
const FRAME_EVERY_MS = 50;
/** …but waits no longer than this for it (a page busy laying itself out, say). */
const FRAME_WAIT_MAX_MS = 100;

export class VisibleFirst {
  #afterFrame: AfterFrame;
  #seen: Element[] | null = null;
  /** Resolves the scan's wait for a frame, if it waits. */
  #waiting: ((framed: boolean) => void) | null = null;
  /** When the viewport was last looked at in this scan (-1: not yet). */
  #lastLook = -1;
  /** The walk moved to the text on screen: show its marks after the next slice. */
  #movedSinceLook = false;

  #win: Window & typeof globalThis;
  #isScanning: () => boolean;

  constructor(win: Window & typeof globalThis, isScanning: () => boolean) {
    this.#win = win;
    this.#isScanning = isScanning;
    this.#afterFrame = new AfterFrame(win, (root) => this.#probe(root));
  }

  /**
   * At a pause of the scan: a wait for the next frame (and a look at the
   * viewport; at most FRAME_WAIT_MAX_MS), or null to just yield. It waits at
   * the scan's first pause (where the reader is is known only after a
   * frame), after the walk moved to the text on screen (to show those
   * marks), when the page has not rendered for FRAME_EVERY_MS, and whenever
   * `always` (the reading window's look). Never in a hidden tab (no frames
   * there). Resolves true if a frame came (layout is clean now), false if
   * the wait ran out.
   */
  frame(always = false): Promise<boolean> | null {
    const last = this.#lastLook;
    if (
      this.#win.document.hidden ||
      !(always || last < 0 || this.#movedSinceLook || performance.now() - last > FRAME_EVERY_MS)
    ) {
      return null;
    }
    this.#afterFrame.request();
    return new Promise((resolve) => {
      const done = (framed: boolean) => {
        this.#win.clearTimeout(timer);
        if (this.#waiting === done) this.#waiting = null;
        resolve(framed);
      };
      const timer = this.#win.setTimeout(() => done(false), FRAME_WAIT_MAX_MS);
      this.#waiting = done;
    });
  }

  /** The scan is over (the next one starts afresh; a reader who scrolls during one is seen at its next frame). */
  scanEnded(): void {
    this.#seen = null;
    this.#lastLook = -1;
    this.#movedSinceLook = false;
    this.#waiting?.(false);
    this.#afterFrame.cancel();
  }

  /**
   * Where to move a walk of `root` that would go on at `next` and stop before
   * `until`: the first place on screen between the two, or null. Each look at
   * the viewport is used once.
   */
  take(root: Node, next: Node | null, until?: Node): Element | null {
    const seen = this.#seen;
    this.#seen = null;
    const start = seen && next ? firstStartBetween(seen, root, next, until) : null;
    if (start) this.#movedSinceLook = true;
    return start;
  }

  #probe(root?: IntersectionObserverEntry): void {
    this.#lastLook = performance.now();
    this.#movedSinceLook = false;
    // Where the page is scrolled to comes with the frame (the root element's
    // rect). Within its first screen the walk from the top is on screen
    // already; only further down is the page asked what is there (layout is
    // clean after a frame, unless something changed the page since: then
    // elementFromPoint would lay it out in our task, 95 ms once on a page of
    // one 5 MB text node, so it is not asked when there is nothing to gain).
    const view = root?.rootBounds;
    if (this.#isScanning() && view && root.boundingClientRect.top < -view.height) {
      this.#seen = elementsDown(this.#win.document, view.width, view.height, PROBES);
    }
    this.#waiting?.(true);
  }
}

/**
 * The elements at `heights` (fractions of `height`) down the middle of a
 * `width`-wide viewport. (Our own popover host, if hit, is skipped by the
 * walk like any opted-out element.)
 */
export function elementsDown(doc: Document, width: number, height: number, heights: number[]): Element[] {
  const seen: Element[] = [];
  for (const f of heights) {
    const el = doc.elementFromPoint(width / 2, height * f);
    if (el) seen.push(el);
  }
  return seen;
}

/**
 * Of the walk starts around `elements` (see walkStartAround), the earliest in
 * document order that lies in `root` after `next` and before `until`.
 */
export function firstStartBetween(
  elements: readonly Element[],
  root: Node,
  next: Node,
  until?: Node,
): Element | null {
  let best: Element | null = null;
  for (const el of elements) {
    const start = walkStartAround(el);
    if (!start || start === next || !root.contains(start)) continue;
    // Only ahead of the walk (an ancestor of `next` precedes it: the walk is in there already).
    if (!(next.compareDocumentPosition(start) & FOLLOWING)) continue;
    if (until && (start === until || !(start.compareDocumentPosition(until) & FOLLOWING))) continue;
    if (!best || start.compareDocumentPosition(best) & FOLLOWING) best = start;
  }
  return best;
}
