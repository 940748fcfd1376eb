// Hover intent as a small state machine, free of the DOM so it can be unit
// tested with fake timers. The content script feeds it pointer facts; it
// answers with "show this term" / "hide".
import { HIDE_DELAY_MS, SHOW_DELAY_MS } from './timing';

export interface HoverIntentCallbacks<T> {
  show(target: T): void;
  hide(): void;
}

export interface Timers {
  set(fn: () => void, ms: number): number;
  clear(id: number): void;
}

export class HoverIntent<T> {
  private shown: T | null = null;
  private pending: T | null = null;
  private showTimer = 0;
  private hideTimer = 0;
  private overPopover = false;
  /** Whether the page's last look under the pointer found the shown term. */
  private overShown = false;
  /** When (ms since the epoch) the page last saw the pointer move. */
  private inPageAt = -Infinity;
  /** Opened by a tap: hover facts neither open another nor close it; a tap elsewhere, the close button or Esc does. */
  private pinned = false;

  constructor(
    private cb: HoverIntentCallbacks<T>,
    private timers: Timers,
    private same: (a: T, b: T) => boolean = (a, b) => a === b,
  ) {}

  get current(): T | null {
    return this.shown;
  }

  get isPinned(): boolean {
    return this.pinned;
  }

  /** The pointer rests over `target` (a term), or over no term (null). */
  pointerOverTerm(target: T | null): void {
    if (this.pinned) return;
    this.overShown = target !== null && this.shown !== null && this.same(this.shown, target);
    if (target === null) {
      this.cancelShow();
      if (this.shown !== null && !this.overPopover) this.scheduleHide();
      return;
    }
    if (this.overShown) {
      this.cancelHide();
      return;
    }
    if (this.pending !== null && this.same(this.pending, target)) return;
    this.cancelShow();
    this.pending = target;
    this.showTimer = this.timers.set(() => {
      this.showTimer = 0;
      const t = this.pending;
      this.pending = null;
      if (t === null) return;
      this.cancelHide();
      this.shown = t;
      this.overShown = true;
      this.cb.show(t);
    }, SHOW_DELAY_MS);
  }

  /**
   * The popover frame saw the pointer enter it at `at` (ms since the epoch). Its
   * report crosses processes, so it can arrive after a page move that happened
   * later (the pointer crossed the popover and left): that report is stale, and
   * obeying it would keep the popover open with nothing left to close it.
   */
  pointerEnterPopover(at?: number): void {
    if (at !== undefined && at < this.inPageAt) return;
    this.overPopover = true;
    this.overShown = false;
    // A term crossed on the way must not open now and pull the popover from under the pointer.
    this.cancelShow();
    this.cancelHide();
  }

  /** The page saw the pointer move at `at` (ms since the epoch), so it is not over the popover (whose events the page cannot see). */
  pointerInPage(at?: number): void {
    this.overPopover = false;
    if (at !== undefined) this.inPageAt = Math.max(this.inPageAt, at);
  }

  pointerLeavePopover(): void {
    this.overPopover = false;
    if (this.pinned) return;
    // The page saw the pointer on the shown term since it last entered the popover:
    // a leave reported now (the frame re-checks hover when it is shown or resized) changes nothing.
    if (this.shown !== null && !this.overShown) this.scheduleHide();
  }

  /** Opens at once (keyboard command, popup's "on this page"; `pinned`: a tap, see `pinned`). */
  showNow(target: T, pinned = false): void {
    this.cancelShow();
    this.cancelHide();
    this.pinned = pinned;
    this.shown = target;
    this.overShown = false;
    this.cb.show(target);
  }

  /** Esc, site turned off, page navigation: close at once. */
  hideNow(): void {
    this.cancelShow();
    this.cancelHide();
    this.overPopover = false;
    this.overShown = false;
    this.pinned = false;
    if (this.shown !== null) {
      this.shown = null;
      this.cb.hide();
    }
  }

  /** Selection or typing started: nothing may open now. */
  cancelPending(): void {
    this.cancelShow();
  }

  private scheduleHide(): void {
    if (this.hideTimer) return;
    this.hideTimer = this.timers.set(() => {
      this.hideTimer = 0;
      this.hideNow();
    }, HIDE_DELAY_MS);
  }

  private cancelShow(): void {
    if (this.showTimer) this.timers.clear(this.showTimer);
    this.showTimer = 0;
    this.pending = null;
  }

  private cancelHide(): void {
    if (this.hideTimer) this.timers.clear(this.hideTimer);
    this.hideTimer = 0;
  }
}
