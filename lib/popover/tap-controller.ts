// Touch and pen: a tap on a term opens its popover at once, a tap anywhere else
// closes it. Listeners are passive and never cancel anything, so scrolling,
// pinch-zoom, text selection and the page's links behave as without us (and
// a page cannot tell we are listening: docs/decisions/0009). A term inside a
// link or control is the page's: the tap follows it (docs/decisions/0011).
import type { HoverTarget } from './hover-controller';
import { isTap, isTapPointer, type Press, pageActionAt } from './tap';
import { TAP_REPLAY_MS } from './timing';

export interface TapControllerOptions {
  doc: Document;
  findTarget(x: number, y: number): HoverTarget | null;
  /** A finger is down on a term: the popover frame may start loading before it lifts. */
  prepare(): void;
  open(target: HoverTarget): void;
  close(): void;
  /** The term of the tap-opened popover showing now, if any. */
  pinned(): HoverTarget | null;
  /** Our own host element (the popover's box while its entry loads): a tap there is on the popover. */
  isOurs(target: EventTarget | null): boolean;
}

/** The last pointer fact the content script saw before the runtime loaded (lib/content/content-main.ts). */
export interface SeenPointer {
  x: number;
  y: number;
  /** The event's pointerType and type ('pointerup' for a lift), and its timeStamp. */
  pointerType?: string;
  type?: string;
  at?: number;
}

function press(e: PointerEvent): Press {
  return { x: e.clientX, y: e.clientY, at: e.timeStamp, pointerType: e.pointerType };
}

export class TapController {
  private down: Press | null = null;
  /** The pointerType of the last press of any kind: the layout of popovers opened otherwise (keyboard, popup) follows it. */
  lastPointerType = '';
  private listeners: [string, EventListener][] = [];

  constructor(private options: TapControllerOptions) {}

  start(): void {
    this.on('pointerdown', (e) => this.onDown(e as PointerEvent));
    this.on('pointerup', (e) => this.onUp(e as PointerEvent));
    this.on('pointercancel', () => {
      this.down = null; // the browser took the gesture (scroll, zoom): not a tap
    });
  }

  stop(): void {
    for (const [type, fn] of this.listeners) this.options.doc.removeEventListener(type, fn, true);
    this.listeners = [];
    this.down = null;
  }

  /** A lift seen before the runtime loaded: handled as a tap if it was one and is recent. */
  replay(p: SeenPointer): void {
    if (p.type !== 'pointerup' || !p.pointerType || !isTapPointer(p.pointerType) || p.at === undefined)
      return;
    if (performance.now() - p.at > TAP_REPLAY_MS) return;
    this.lastPointerType = p.pointerType;
    this.tap(p.x, p.y);
  }

  private on(type: string, fn: EventListener): void {
    this.options.doc.addEventListener(type, fn, { capture: true, passive: true });
    this.listeners.push([type, fn]);
  }

  private onDown(e: PointerEvent): void {
    if (!e.isPrimary) {
      this.down = null; // a second finger: pinch-zoom
      return;
    }
    this.down = press(e);
    this.lastPointerType = e.pointerType;
    if (!isTapPointer(e.pointerType)) return;
    const target = this.options.findTarget(e.clientX, e.clientY);
    if (target && !pageActionAt(target.mark.startNode)) this.options.prepare();
  }

  private onUp(e: PointerEvent): void {
    const down = this.down;
    this.down = null;
    if (!e.isPrimary || this.options.isOurs(e.target)) return;
    const up = press(e);
    if (isTap(down, up)) {
      this.tap(up.x, up.y);
      return;
    }
    // A mouse click outside a tap-opened popover's term closes it too (a touch laptop's other pointer).
    const pinned = this.options.pinned();
    if (pinned && up.pointerType === 'mouse' && down?.pointerType === 'mouse') {
      if (this.options.findTarget(up.x, up.y)?.mark !== pinned.mark) this.options.close();
    }
  }

  private tap(x: number, y: number): void {
    const target = this.options.findTarget(x, y);
    // Plain text, or a term inside a link or control (the page's tap): close what is open.
    if (!target || pageActionAt(target.mark.startNode)) {
      this.options.close();
      return;
    }
    if (this.options.pinned()?.mark !== target.mark) this.options.open(target);
  }
}
