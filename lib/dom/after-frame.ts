// Runs a callback in its own task just after the next rendering update, when
// layout is clean and measuring it costs nothing extra.
//
// Why not requestAnimationFrame: a rAF callback runs inside the page's
// rendering task, so on a page whose first style and layout take 300 ms that
// whole task counts as one in which the extension ran (bench/RESULTS.md, 5 MB
// page). An IntersectionObserver delivers its first notification for a newly
// observed target in a separate task queued after the rendering update.

export class AfterFrame {
  private observer: IntersectionObserver | null = null;
  private target: Element | null = null;
  private pending = false;

  constructor(
    private win: Window & typeof globalThis,
    private callback: () => void,
  ) {}

  request(): void {
    if (this.pending) return;
    const target = this.win.document.documentElement;
    if (!target) return;
    this.pending = true;
    if (!this.observer) {
      this.observer = new this.win.IntersectionObserver(() => this.fire());
    }
    // Observing again after unobserve queues a fresh first notification.
    this.target = target;
    this.observer.observe(target);
  }

  private fire(): void {
    if (!this.pending) return;
    this.pending = false;
    if (this.target) this.observer?.unobserve(this.target);
    this.target = null;
    this.callback();
  }

  cancel(): void {
    this.pending = false;
    this.observer?.disconnect();
    this.observer = null;
    this.target = null;
  }
}
