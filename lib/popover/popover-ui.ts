// Everything the reader interacts with on a page — hover hit-testing, hover
// intent, the popover host — bundled into the lazily loaded runtime
// (entrypoints/popover-runtime.ts). The content script only scans and paints
// until the page has its first mark.
import { type Mark, markAt } from '../dom/mark-store';
import { ownNodes } from '../dom/own-nodes';
import { HoverController, type HoverTarget, rangeOf } from './hover-controller';
import { PopoverHost } from './popover-host';
import { isTapPointer } from './tap';
import { type SeenPointer, TapController } from './tap-controller';

export interface PopoverUiOptions {
  doc: Document;
  popoverUrl: string;
  /** The popover page's origin (see PopoverHostOptions). */
  frameOrigin: string;
  siteKey: string | null;
  /** The marks of a block (the Lens's store). */
  marksIn(container: Element): readonly Mark[];
  shadowRoots(): ShadowRoot[];
  entryId(entry: number): string;
}

export class PopoverUi {
  private host: PopoverHost;
  private hover: HoverController;
  private tap: TapController;
  private returnFocusTo: Element | null = null;

  constructor(private options: PopoverUiOptions) {
    const { doc } = options;
    this.host = new PopoverHost({
      doc,
      popoverUrl: options.popoverUrl,
      frameOrigin: options.frameOrigin,
      onPointerEnter: (at) => this.hover.intent.pointerEnterPopover(at ?? undefined),
      onPointerLeave: () => this.hover.intent.pointerLeavePopover(),
      onClose: (returnFocus) => {
        this.hover.intent.hideNow();
        const back = this.returnFocusTo;
        if (returnFocus && back instanceof HTMLElement) back.focus({ preventScroll: true });
      },
    });
    this.hover = new HoverController({
      doc,
      markAt: (node, offset) => markAt(options.marksIn, node, offset),
      shadowRoots: options.shadowRoots,
      // Resting on a term: the frame starts loading during the hover delay.
      prepare: (t) => {
        if (t) this.host.prepare();
      },
      show: (t) =>
        this.host.show(options.entryId(t.mark.entry), t.range, t.point, false, options.siteKey, {
          touch: this.hover.intent.isPinned,
        }),
      hide: () => this.host.hide(),
    });
    this.tap = new TapController({
      doc,
      findTarget: (x, y) => this.hover.findTarget(x, y),
      prepare: () => this.host.prepare(),
      open: (t) => {
        this.returnFocusTo = null;
        this.hover.intent.showNow(t, true);
      },
      close: () => this.hover.intent.hideNow(),
      pinned: () => (this.hover.intent.isPinned ? this.hover.intent.current : null),
      isOurs: (target) => ownNodes().has(target as Node),
    });
  }

  /**
   * `pointer`: the last pointer fact seen before the runtime loaded. A mouse
   * may already rest on a term (hover); a recent touch or pen lift was a tap.
   */
  start(pointer?: SeenPointer | null): void {
    const touch = !!pointer?.pointerType && isTapPointer(pointer.pointerType);
    this.hover.start(touch ? null : pointer);
    this.tap.start();
    if (pointer && touch) this.tap.replay(pointer);
  }

  stop(): void {
    this.hover.stop();
    this.tap.stop();
    this.host.destroy();
  }

  /** Popovers opened from the keyboard or the popup take the touch layout after a touch or pen press. */
  private get touchLayout(): boolean {
    return isTapPointer(this.tap.lastPointerType);
  }

  /** Keyboard command or the popup's "on this page": scroll to the mark and open it with focus. */
  openMark(mark: Mark, focus: boolean): void {
    const range = rangeOf(this.options.doc, mark);
    range.startContainer.parentElement?.scrollIntoView({
      block: 'center',
      behavior: 'instant' as ScrollBehavior,
    });
    this.returnFocusTo = this.options.doc.activeElement;
    const target: HoverTarget = { mark, range, point: { x: 0, y: 0 } };
    // Pinned after a touch press: only a tap elsewhere, the close button or Esc closes it (no hover to leave).
    this.hover.intent.showNow(target, this.touchLayout);
    this.host.show(this.options.entryId(mark.entry), range, null, focus, this.options.siteKey, {
      touch: this.touchLayout,
    });
  }

  /** Context menu on a selection: open an entry next to the selected text. */
  openRange(entry: number, range: Range): void {
    this.returnFocusTo = this.options.doc.activeElement;
    this.host.show(this.options.entryId(entry), range, null, true, this.options.siteKey, {
      touch: this.touchLayout,
    });
  }

  /** Keeps the host inside the fullscreen element (or back on the root) so it stays visible. */
  attach(): void {
    this.host.attach();
  }
}
