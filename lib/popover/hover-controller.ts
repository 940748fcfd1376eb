// Pointer → mark under it → hover intent. Pointer moves are coalesced to one
// lookup per animation frame; each lookup is a caret query plus a lookup in
// our per-text-node index (no CSS.highlights.highlightsFromPoint: 6.5 ms).
import type { Mark } from '../dom/mark-store';
import { caretAt, rangeContainsPoint } from './caret';
import { HoverIntent } from './hover-intent';
import { TYPING_QUIET_MS } from './timing';

export interface HoverTarget {
  mark: Mark;
  range: Range;
  point: { x: number; y: number };
}

export interface HoverControllerOptions {
  doc: Document;
  markAt(node: Node, offset: number): Mark | undefined;
  shadowRoots(): ShadowRoot[];
  /** What the pointer rests on now (before the hover delay): the popover may get ready. */
  prepare?(target: HoverTarget | null): void;
  show(target: HoverTarget): void;
  hide(): void;
}

export function rangeOf(doc: Document, mark: Mark): Range {
  const r = doc.createRange();
  r.setStart(mark.startNode, mark.startOffset);
  r.setEnd(mark.endNode, mark.endOffset);
  return r;
}

export class HoverController {
  readonly intent: HoverIntent<HoverTarget>;
  private frame = 0;
  private last: { x: number; y: number } | null = null;
  private lastTyping = -Infinity;
  private buttonsDown = false;
  private listeners: [EventTarget, string, EventListener][] = [];

  constructor(private options: HoverControllerOptions) {
    const win = options.doc.defaultView as Window;
    this.intent = new HoverIntent<HoverTarget>(
      { show: (t) => options.show(t), hide: () => options.hide() },
      { set: (fn, ms) => win.setTimeout(fn, ms), clear: (id) => win.clearTimeout(id) },
      (a, b) => a.mark === b.mark,
    );
  }

  /** Starts listening; `pointer` is where the pointer was last seen, if anywhere (it may already rest on a term). */
  start(pointer?: { x: number; y: number } | null): void {
    const { doc } = this.options;
    if (pointer) {
      this.last = pointer;
      this.lookup();
    }
    const win = doc.defaultView as Window;
    this.on(doc, 'pointermove', (e) => this.onPointerMove(e as PointerEvent));
    this.on(doc, 'pointerdown', () => {
      this.buttonsDown = true;
      this.intent.cancelPending();
    });
    this.on(doc, 'pointerup', () => {
      this.buttonsDown = false;
    });
    this.on(doc, 'keydown', (e) => this.onKeyDown(e as KeyboardEvent));
    this.on(win, 'blur', () => this.intent.cancelPending());
    this.on(doc, 'fullscreenchange', () => this.intent.hideNow());
  }

  stop(): void {
    for (const [target, type, fn] of this.listeners) target.removeEventListener(type, fn, true);
    this.listeners = [];
    if (this.frame) (this.options.doc.defaultView as Window).cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.intent.hideNow();
  }

  private on(target: EventTarget, type: string, fn: EventListener): void {
    target.addEventListener(type, fn, { capture: true, passive: true });
    this.listeners.push([target, type, fn]);
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.intent.current) {
      this.intent.hideNow();
      return;
    }
    const t = e.target as HTMLElement | null;
    if (
      t &&
      (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')
    ) {
      this.lastTyping = performance.now();
      this.intent.cancelPending();
    }
  }

  private onPointerMove(e: PointerEvent): void {
    if (e.pointerType === 'touch') return;
    // Event time on the clock the popover frame stamps its reports with (see HoverIntent.pointerEnterPopover).
    this.intent.pointerInPage(performance.timeOrigin + e.timeStamp);
    this.last = { x: e.clientX, y: e.clientY };
    this.buttonsDown = e.buttons !== 0;
    if (this.frame) return;
    const win = this.options.doc.defaultView as Window;
    this.frame = win.requestAnimationFrame(() => {
      this.frame = 0;
      this.lookup();
    });
  }

  private lookup(): void {
    const p = this.last;
    if (!p) return;
    if (this.buttonsDown || this.isSelecting() || performance.now() - this.lastTyping < TYPING_QUIET_MS) {
      this.intent.cancelPending();
      return;
    }
    const target = this.findTarget(p.x, p.y);
    this.options.prepare?.(target);
    this.intent.pointerOverTerm(target);
  }

  private isSelecting(): boolean {
    const sel = this.options.doc.getSelection();
    return !!sel && !sel.isCollapsed && sel.toString().trim().length > 0;
  }

  findTarget(x: number, y: number): HoverTarget | null {
    const { doc } = this.options;
    const caret = caretAt(doc, x, y, this.options.shadowRoots());
    if (caret?.node.nodeType !== 3) return null;
    // The caret lands between characters: the one under the pointer may be
    // just before the caret (right half of a glyph) or just after it.
    const mark =
      this.options.markAt(caret.node, caret.offset) ?? this.options.markAt(caret.node, caret.offset - 1);
    if (!mark) return null;
    const range = rangeOf(doc, mark);
    // The caret snaps to the nearest text even in margins between paragraphs: confirm with geometry.
    if (!rangeContainsPoint(range, x, y)) return null;
    return { mark, range, point: { x, y } };
  }
}
