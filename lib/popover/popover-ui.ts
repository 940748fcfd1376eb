// Everything the reader interacts with on a page — hover hit-testing, hover
// intent, the popover host — bundled into the lazily loaded runtime
// (entrypoints/popover-runtime.ts). The content script only scans and paints
// until the page has its first mark.
import { type Mark, markAt } from '../dom/mark-store';
import { HoverController, rangeOf } from './hover-controller';
import { PopoverHost } from './popover-host';

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
      show: (t) => this.host.show(options.entryId(t.mark.entry), t.range, t.point, false, options.siteKey),
      hide: () => this.host.hide(),
    });
  }

  start(pointer?: { x: number; y: number } | null): void {
    this.hover.start(pointer);
  }

  stop(): void {
    this.hover.stop();
    this.host.destroy();
  }

  /** Keyboard command or the popup's "on this page": scroll to the mark and open it with focus. */
  openMark(mark: Mark, focus: boolean): void {
    const range = rangeOf(this.options.doc, mark);
    range.startContainer.parentElement?.scrollIntoView({
      block: 'center',
      behavior: 'instant' as ScrollBehavior,
    });
    this.returnFocusTo = this.options.doc.activeElement;
    this.hover.intent.showNow({ mark, range, point: { x: 0, y: 0 } });
    this.host.show(this.options.entryId(mark.entry), range, null, focus, this.options.siteKey);
  }

  /** Context menu on a selection: open an entry next to the selected text. */
  openRange(entry: number, range: Range): void {
    this.returnFocusTo = this.options.doc.activeElement;
    this.host.show(this.options.entryId(entry), range, null, true, this.options.siteKey);
  }

  /** Keeps the host inside the fullscreen element (or back on the root) so it stays visible. */
  attach(): void {
    this.host.attach();
  }
}
