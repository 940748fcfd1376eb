// The reading window: on a web page the walk reads the text near the reader
// (from one screen above the viewport to one below, the painter's window;
// until the reader first scrolls, down to the viewport's bottom only) and
// parks the rest. A reader who never goes further down never pays for
// it. A parked part of a walk comes back when the reader comes near its
// first text (scrolling down), when a jump lands inside it (an anchor, find
// in page, scrolling back up into the text above a walk that moved), or when
// something needs the whole page (the popup's list, next-term: see
// ScanQueue.complete). See docs/decisions/0014-reading-window.md.

import { AfterFrame } from './after-frame';
import { walkStartAround } from './text-runs';
import { elementsDown, FOLLOWING, firstStartBetween } from './visible-first';

/**
 * Part of a root's walk: from a node until another (none: the root's end).
 * Parts that take over a walk between them read every run once.
 */
export interface WalkPart {
  root: Node;
  from: { node: Node; pos: number };
  until?: Node;
  /** The root's text snapshot, good while the change count is still `seen`; null: read each node. */
  text: string | null;
  seen: number;
  /** skippedIn(root) as the walk found it, good while the change count is still `seen`. */
  skipped?: Set<Element> | null;
}

/** Heights (fractions of the viewport) probed for text inside a parked part. */
const PROBES = [0.1, 0.5, 0.9];

/** Blocks stepped back over at most (see backUp). */
const MAX_BACK = 200;

/**
 * A walk start up to a screen above `start` (a walk start on screen): steps
 * back over the blocks before it that end less than one viewport above the
 * top (into a block that starts further up, to its last blocks), so a walk
 * from there also reads the text the reader meets first when scrolling up.
 * Never back to or before `after` (where the walk, or the part, already is),
 * never out of `root`. Ask only while layout is clean.
 */
export function backUp(win: Window, root: Node, start: Element, after: Node | null): Element {
  const h = win.innerHeight;
  let el = start;
  let candidate = blockBefore(start, root);
  for (let i = 0; candidate && i < MAX_BACK; i++) {
    if (walkStartAround(candidate) !== candidate) break;
    if (after && !(after.compareDocumentPosition(candidate) & FOLLOWING)) break;
    const box = candidate.getBoundingClientRect();
    if (box.bottom < -h) break;
    if (box.top < -h) {
      candidate = candidate.lastElementChild;
      continue;
    }
    el = candidate;
    candidate = blockBefore(candidate, root);
  }
  return el;
}

/** The element just before `el` in document order at its level or an ancestor's (within `root`). */
function blockBefore(el: Element, root: Node): Element | null {
  for (let c: Element | null = el; c && c !== root; c = c.parentElement) {
    if (c.previousElementSibling) return c.previousElementSibling;
  }
  return null;
}

/**
 * Where the walk would go on at `node`: an element's box, a text node's own
 * box, or for text with no box (white space between blocks) the next
 * element's, else its parent's. null: nowhere to measure.
 */
function boxAt(node: Node): DOMRect | null {
  if (!node.isConnected) return null;
  if (node.nodeType === 1) return (node as Element).getBoundingClientRect();
  const range = (node.ownerDocument as Document).createRange();
  range.selectNodeContents(node);
  const own = range.getBoundingClientRect();
  if (own.width || own.height) return own;
  const next = (node as Text).nextElementSibling ?? node.parentElement;
  return next ? next.getBoundingClientRect() : null;
}

export class ReadingWindow {
  #parked: WalkPart[] = [];
  #afterFrame: AfterFrame;
  #listening = false;
  /** The reader has scrolled (or resized) since the page opened: the window reaches a screen below. */
  #moved = false;

  #win: Window & typeof globalThis;
  #resume: (parts: WalkPart[]) => void;

  /** `resume` gets the parts (or their pieces) the reader came near, in document order. */
  constructor(win: Window & typeof globalThis, resume: (parts: WalkPart[]) => void) {
    this.#win = win;
    this.#resume = resume;
    this.#afterFrame = new AfterFrame(win, () => this.#check());
  }

  /**
   * Is `node` outside the window: its box ends more than a viewport above the
   * top, or starts more than a viewport below the bottom (before the reader
   * first scrolls: below the bottom at all)? Ask only while layout is clean
   * (just after a frame, before the page has run again): otherwise this lays
   * it out.
   */
  beyond(node: Node): boolean {
    const r = boxAt(node);
    // No box (display: contents, hidden): no place to wait for; keep reading.
    if (!r || (r.width === 0 && r.height === 0)) return false;
    const h = this.#win.innerHeight;
    // Until the reader scrolls, the window ends at the viewport's bottom: the
    // screen below is read at the first scroll, so a reader who stays put
    // never pays for it.
    return r.top > (this.#moved ? 2 * h : h) || r.bottom < -h;
  }

  park(part: WalkPart): void {
    this.#parked.push(part);
    if (!this.#listening) {
      this.#listening = true;
      // Capture: scrolling inside any scroll container counts too.
      this.#win.addEventListener('scroll', this.#schedule, { capture: true, passive: true });
      this.#win.addEventListener('resize', this.#schedule, { passive: true });
    }
  }

  get parked(): number {
    return this.#parked.length;
  }

  /** Every parked part, for a walk of the whole page; nothing stays parked. */
  takeAll(): WalkPart[] {
    const parts = this.#parked;
    this.#parked = [];
    this.#quiet();
    return parts;
  }

  /** Forgets the parked parts of `root`: it is about to be walked whole again. */
  dropRoot(root: Node): void {
    const before = this.#parked.length;
    this.#parked = this.#parked.filter((p) => p.root !== root);
    if (before && !this.#parked.length) this.#quiet();
  }

  stop(): void {
    this.#parked = [];
    this.#quiet();
  }

  readonly #schedule = (): void => {
    this.#moved = true;
    this.#afterFrame.request();
  };

  #quiet(): void {
    this.#afterFrame.cancel();
    if (!this.#listening) return;
    this.#listening = false;
    this.#win.removeEventListener('scroll', this.#schedule, { capture: true });
    this.#win.removeEventListener('resize', this.#schedule);
  }

  /** Just after a frame that followed a scroll: which parked text is the reader near now? */
  #check(): void {
    if (!this.#parked.length) return;
    let probed: Element[] | null = null;
    const back: WalkPart[] = [];
    const keep: WalkPart[] = [];
    for (const part of this.#parked) {
      if (!part.root.isConnected && part.root.nodeType !== 11) continue;
      if (!this.beyond(part.from.node)) {
        back.push(part);
        continue;
      }
      // The part's first text is far away, but the reader may be inside it.
      probed ??= this.#probe();
      const found = firstStartBetween(probed, part.root, part.from.node, part.until);
      if (!found) {
        keep.push(part);
        continue;
      }
      const start = backUp(this.#win, part.root, found, part.from.node);
      // From the text on screen to the part's end now; its beginning stays parked.
      back.push({ ...part, from: { node: start, pos: -1 } });
      keep.push({ ...part, until: start });
    }
    this.#parked = keep;
    if (!keep.length) this.#quiet();
    if (back.length) this.#resume(back);
  }

  #probe(): Element[] {
    return elementsDown(this.#win.document, this.#win.innerWidth, this.#win.innerHeight, PROBES);
  }
}
