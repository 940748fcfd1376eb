// What happy-dom lacks of the CSS Custom Highlight API, for unit tests of the
// painter and the Lens: a StaticRange that keeps its ends, Highlight as a Set,
// and an IntersectionObserver that calls back.

export class FakeStaticRange {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
  constructor(init: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }) {
    this.startContainer = init.startContainer;
    this.startOffset = init.startOffset;
    this.endContainer = init.endContainer;
    this.endOffset = init.endOffset;
  }
}

export class FakeHighlight extends Set<FakeStaticRange> {}

/** Where the page is scrolled to, as FakeIntersectionObserver reports it. */
export const viewport = { top: 0, width: 800, height: 600 };

/**
 * happy-dom's IntersectionObserver never calls back, so every pause of a scan
 * would wait out its frame timeout. This one reports each observed target in
 * a task of its own, as a browser does just after a frame.
 */
export class FakeIntersectionObserver {
  #callback: (entries: unknown[]) => void;
  #targets = new Set<Element>();
  constructor(callback: (entries: unknown[]) => void) {
    this.#callback = callback;
  }
  observe(target: Element): void {
    this.#targets.add(target);
    setTimeout(() => {
      if (!this.#targets.has(target)) return;
      const { top, width, height } = viewport;
      this.#callback([{ target, rootBounds: { width, height }, boundingClientRect: { top } }]);
    }, 0);
  }
  unobserve(target: Element): void {
    this.#targets.delete(target);
  }
  disconnect(): void {
    this.#targets.clear();
  }
}

/** The window as these tests see it: CSS.highlights is a Map of fake highlights. */
export const fakeWindow = window as unknown as Record<string, unknown> & {
  CSS: { highlights: Map<string, FakeHighlight> };
};

const saved = {
  Highlight: fakeWindow.Highlight,
  StaticRange: fakeWindow.StaticRange,
  IntersectionObserver: fakeWindow.IntersectionObserver,
  // happy-dom's window.CSS is a getter that makes a new object each time.
  CSS: Object.getOwnPropertyDescriptor(window, 'CSS') as PropertyDescriptor,
};

/** Puts the fakes in place, with an empty highlight registry and the viewport at the top (beforeEach). */
export function installFakes(): void {
  fakeWindow.Highlight = FakeHighlight;
  fakeWindow.StaticRange = FakeStaticRange;
  fakeWindow.IntersectionObserver = FakeIntersectionObserver;
  const css = Object.assign(fakeWindow.CSS, { highlights: new Map() });
  Object.defineProperty(window, 'CSS', { value: css, configurable: true });
  viewport.top = 0;
}

/** Gives happy-dom its own APIs back (afterEach). */
export function removeFakes(): void {
  Object.assign(fakeWindow, { Highlight: saved.Highlight, StaticRange: saved.StaticRange });
  fakeWindow.IntersectionObserver = saved.IntersectionObserver;
  Object.defineProperty(window, 'CSS', saved.CSS);
}
