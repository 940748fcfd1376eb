// Runs a callback in its own task just after the next rendering update, when
// layout is clean and measuring it costs nothing extra.
//
// Why not requestAnimationFrame: a rAF callback runs inside the page's
// rendering task, so on a page whose first style and layout take 300 ms that
// whole task counts as one in which the extension ran (bench/RESULTS.md, 5 MB
// page). An IntersectionObserver delivers its first notification for a newly
// observed target in a separate task queued after the rendering update.

export class AfterFrame {
  #observer: IntersectionObserver | null = null;
  #target: Element | null = null;
  #pending = false;

  #win: Window & typeof globalThis;
  #callback: (root?: IntersectionObserverEntry) => void;

  /** `callback` gets the root element's entry: where the page is scrolled to, measured with the frame. */
  constructor(win: Window & typeof globalThis, callback: (root?: IntersectionObserverEntry) => void) {
    this.#win = win;
    this.#callback = callback;
  }

  request(): void {
    if (this.#pending) return;
    const target = this.#win.document.documentElement;
    if (!target) return;
    this.#pending = true;
    if (!this.#observer) {
      this.#observer = new this.#win.IntersectionObserver((entries) =>
        this.#fire(entries[entries.length - 1]),
      );
    }
    // Observing again after unobserve queues a fresh first notification.
    this.#target = target;
    this.#observer.observe(target);
  }

  #fire(root?: IntersectionObserverEntry): void {
    if (!this.#pending) return;
    this.#pending = false;
    if (this.#target) this.#observer?.unobserve(this.#target);
    this.#target = null;
    this.#callback(root);
  }

  cancel(): void {
    this.#pending = false;
    this.#observer?.disconnect();
    this.#observer = null;
    this.#target = null;
  }
}
