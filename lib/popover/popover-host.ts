// The popover's only footprint on the page: while a popover is open (or about
// to open), one plain <div> with a closed shadow root holding an extension-page
// iframe and the host's own styles. The page can neither read nor restyle what
// is inside (cross-origin frame), and React stays out of the per-page content
// script (docs/decisions/0001-popover-isolation.md). The host carries no name,
// attribute or inline style a page could look for, and it leaves the page when
// the popover closes (docs/decisions/0009-not-identifiable-by-pages.md).
import { autoUpdate, computePosition, flip, inline, offset, type Rect, shift, size } from '@floating-ui/dom';
import { ownNodes } from '../dom/own-nodes';
import { COMPACT_BELOW_PX, compactBox, type Insets, type ViewportBox } from './compact-layout';
import { CONNECT_TYPE, type FromPopover, parseFromPopover, type ToPopover } from './protocol';
import { CLOSED_HOST_MS, PREPARED_MS } from './timing';

const WIDTH = 380;
const GAP = 6;
const EDGE = 8;
/** After the page removed our host this many times, stop putting it back: no fight over the element. */
const MAX_LOST_HOSTS = 3;

// Inside the closed shadow root, out of the page's sight. `!important` on
// :host wins over the page's own rules for `div` (the inner context's
// important declarations come first in the cascade).
const HOST_CSS = `:host { all: initial !important; display: block !important; position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; }
iframe { position: fixed; top: 0; left: 0; border: 0; width: ${WIDTH}px; height: 120px; max-width: calc(100vw - 16px); visibility: hidden; color-scheme: normal; background: transparent; border-radius: 10px; box-shadow: 0 6px 24px rgb(0 0 0 / 0.22); }
.sheet { position: fixed; top: 0; left: 0; box-sizing: border-box; visibility: hidden; background: #ffffff; border: 1px solid #c9ccd1; border-radius: 10px; box-shadow: 0 6px 24px rgb(0 0 0 / 0.22); }
@media (prefers-color-scheme: dark) { .sheet { background: #1e1f22; border-color: #54585f; } }
.safe { position: fixed; visibility: hidden; pointer-events: none; padding: env(safe-area-inset-top, 0px) env(safe-area-inset-right, 0px) env(safe-area-inset-bottom, 0px) env(safe-area-inset-left, 0px); }`;

export interface PopoverHostOptions {
  doc: Document;
  popoverUrl: string;
  /** The popover page's origin, for the one message that hands it our port (Chromium's dynamic URL redirects to the extension's own origin). */
  frameOrigin: string;
  /** at: when the pointer entered, in ms since the epoch (null if the frame did not say). */
  onPointerEnter(at: number | null): void;
  onPointerLeave(): void;
  onClose(returnFocus: boolean): void;
}

export class PopoverHost {
  private host: HTMLElement | null = null;
  private frame: HTMLIFrameElement | null = null;
  private port: MessagePort | null = null;
  private ready = false;
  /** The frame has reported the height of an entry it shows: revealed only then, never as an empty box. */
  private painted = false;
  private queued: ToPopover | null = null;
  private contentHeight = 120;
  private maxHeight = 480;
  private stopAutoUpdate: (() => void) | null = null;
  private anchor: Range | null = null;
  private point: { x: number; y: number } | null = null;
  private visible = false;
  private releaseTimer = 0;
  private lostHosts = 0;
  /** Opened by touch or pen: shown at once (before its entry is drawn, on a themed background), close button, large targets. */
  private touch = false;
  /** Reads env(safe-area-inset-*) (CSS only) for the compact layout. */
  private safeProbe: HTMLElement | null = null;
  /**
   * After a tap, this plain box (the popover's colours, in our shadow root)
   * shows where the popover opens in the very next frame, while the frame
   * loads its entry: a new cross-process frame made visible at once holds the
   * page's next frame back until it has drawn (measured: docs/decisions/0011).
   */
  private sheet: HTMLElement | null = null;
  private stopViewport: (() => void) | null = null;

  constructor(private options: PopoverHostOptions) {}

  /**
   * The pointer rests on a term: put the host in the page and start loading
   * the frame, so it is ready when the hover delay ends. Taken out again if no
   * popover opens soon.
   */
  prepare(): void {
    const win = this.options.doc.defaultView;
    if (!win) return;
    if (this.host && !this.host.isConnected) this.reset(); // the page removed it: start again
    if (!this.host && this.lostHosts < MAX_LOST_HOSTS) this.create(win as Window & typeof globalThis);
    win.clearTimeout(this.releaseTimer);
    if (this.visible) return;
    this.releaseTimer = win.setTimeout(() => {
      if (!this.visible) this.reset();
    }, PREPARED_MS);
  }

  private create(win: Window & typeof globalThis): void {
    const { doc } = this.options;
    const host = doc.createElement('div');
    const shadow = host.attachShadow({ mode: 'closed' });
    try {
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(HOST_CSS);
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      return; // no constructable stylesheets: no popover rather than an unstyled box
    }
    const frame = doc.createElement('iframe');
    // crypto.randomUUID exists only in secure contexts; plain-http pages need the popover too.
    const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    frame.src = `${this.options.popoverUrl}#${nonce}`;
    frame.title = 'Ketamine Lens explanation';
    frame.setAttribute('allowtransparency', 'true');
    frame.addEventListener('load', () => this.connect(frame, nonce));
    const probe = doc.createElement('div');
    probe.className = 'safe';
    const sheet = doc.createElement('div');
    sheet.className = 'sheet';
    shadow.append(sheet, frame, probe);
    this.safeProbe = probe;
    this.sheet = sheet;
    this.host = host;
    this.frame = frame;
    // The lens's mutation observers skip it by identity.
    ownNodes().add(host);
    this.attach();
  }

  /** Moves the host into the fullscreen element when there is one, so it stays visible. */
  attach(): void {
    if (!this.host) return;
    const { doc } = this.options;
    const parent = doc.fullscreenElement ?? doc.documentElement;
    if (this.host.parentNode !== parent) parent.append(this.host);
  }

  show(
    id: string,
    anchor: Range,
    point: { x: number; y: number } | null,
    focus: boolean,
    siteKey: string | null,
    how: { touch?: boolean } = {},
  ): void {
    this.visible = true;
    this.touch = how.touch === true;
    this.prepare();
    if (!this.host) {
      this.visible = false; // the page keeps removing it: stay away
      return;
    }
    this.attach();
    this.anchor = anchor;
    this.point = point;
    this.send({
      type: 'show',
      id,
      focus,
      siteKey,
      touch: this.touch,
      sentAt: performance.timeOrigin + performance.now(),
    });
    this.startFollowing();
    if (focus) this.frame?.focus();
  }

  /**
   * Closes the popover at once; the host leaves the page a moment later, not
   * inside the key or pointer event that closed it (a frame removed while the
   * browser still routes that event's key-up to it can leave the input
   * unanswered). Shown again meanwhile, it is used again.
   */
  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    this.stopViewport?.();
    this.stopViewport = null;
    if (this.frame) this.frame.style.visibility = 'hidden';
    if (this.sheet) this.sheet.style.visibility = 'hidden';
    // Cleared, so that a show in the meantime reveals it only once its new entry is drawn.
    this.painted = false;
    this.send({ type: 'hide' });
    const win = this.options.doc.defaultView;
    if (!win) {
      this.reset();
      return;
    }
    win.clearTimeout(this.releaseTimer);
    this.releaseTimer = win.setTimeout(() => {
      if (!this.visible) this.reset();
    }, CLOSED_HOST_MS);
  }

  destroy(): void {
    this.visible = false;
    this.reset();
  }

  private reset(): void {
    this.options.doc.defaultView?.clearTimeout(this.releaseTimer);
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    this.stopViewport?.();
    this.stopViewport = null;
    this.port?.close();
    this.port = null;
    this.ready = false;
    this.painted = false;
    this.queued = null;
    if (this.host && !this.host.isConnected) this.lostHosts++;
    this.host?.remove();
    this.host = null;
    this.frame = null;
    this.safeProbe = null;
    this.sheet = null;
  }

  private connect(frame: HTMLIFrameElement, nonce: string): void {
    const channel = new MessageChannel();
    this.port?.close();
    this.port = channel.port1;
    this.ready = false;
    channel.port1.onmessage = (event) => this.onMessage(parseFromPopover(event.data));
    frame.contentWindow?.postMessage({ type: CONNECT_TYPE, nonce }, this.options.frameOrigin, [
      channel.port2,
    ]);
  }

  private onMessage(msg: FromPopover | null): void {
    if (!msg) return;
    if (msg.type === 'ready') {
      this.ready = true;
      if (this.queued) {
        this.port?.postMessage(this.queued);
        this.queued = null;
      }
    } else if (msg.type === 'size') {
      this.contentHeight = msg.height;
      if (msg.height > 0) this.painted = true;
      this.applyHeight();
      if (this.visible) void this.position();
    } else if (msg.type === 'hover') {
      if (msg.inside) this.options.onPointerEnter(msg.at);
      else this.options.onPointerLeave();
    } else if (msg.type === 'close') {
      this.options.onClose(msg.returnFocus);
    }
  }

  private send(msg: ToPopover): void {
    if (this.ready && this.port) this.port.postMessage(msg);
    else this.queued = msg.type === 'hide' ? null : msg;
  }

  private applyHeight(): void {
    if (!this.frame) return;
    this.frame.style.height = `${Math.max(60, Math.min(this.contentHeight, this.maxHeight))}px`;
    if (this.sheet) this.sheet.style.height = this.frame.style.height;
  }

  private startFollowing(): void {
    const frame = this.frame;
    const anchor = this.anchor;
    if (!frame || !anchor) return;
    this.stopAutoUpdate?.();
    const reference = {
      getBoundingClientRect: () => anchor.getBoundingClientRect(),
      getClientRects: () => anchor.getClientRects(),
      contextElement: anchor.startContainer.parentElement ?? undefined,
    };
    this.stopAutoUpdate = autoUpdate(reference, frame, () => void this.position(), { animationFrame: false });
    this.stopViewport?.();
    this.stopViewport = null;
    // Touch: the visual viewport moves on its own (pinch-zoom, the on-screen keyboard), which autoUpdate does not watch.
    const vv = this.options.doc.defaultView?.visualViewport;
    if (vv && (this.touch || this.compact())) {
      const again = () => void this.position();
      vv.addEventListener('resize', again, { passive: true });
      vv.addEventListener('scroll', again, { passive: true });
      this.stopViewport = () => {
        vv.removeEventListener('resize', again);
        vv.removeEventListener('scroll', again);
      };
    }
  }

  /** Phone width: the popover spans the visible part of the page, minus a margin and the safe areas. */
  private compact(): boolean {
    const vv = this.options.doc.defaultView?.visualViewport;
    return !!vv && vv.width < COMPACT_BELOW_PX;
  }

  private insets(): Insets {
    const probe = this.safeProbe;
    const win = this.options.doc.defaultView;
    if (!probe || !win) return { top: 0, right: 0, bottom: 0, left: 0 };
    const cs = win.getComputedStyle(probe);
    const px = (v: string) => Number.parseFloat(v) || 0;
    return {
      top: px(cs.paddingTop),
      right: px(cs.paddingRight),
      bottom: px(cs.paddingBottom),
      left: px(cs.paddingLeft),
    };
  }

  /** The box popovers may use: the visual viewport (what the reader sees) minus safe areas, or null for the desktop layout. */
  private boundary(): { rect: Rect; width: number | null } | null {
    const vv = this.options.doc.defaultView?.visualViewport;
    if (!vv || !(this.touch || this.compact())) return null;
    const view: ViewportBox = { x: vv.offsetLeft, y: vv.offsetTop, width: vv.width, height: vv.height };
    return compactBox(view, this.insets(), EDGE, WIDTH);
  }

  private async position(): Promise<void> {
    const frame = this.frame;
    const anchor = this.anchor;
    if (!frame || !anchor || !this.visible) return;
    const reference = {
      getBoundingClientRect: () => anchor.getBoundingClientRect(),
      getClientRects: () => anchor.getClientRects(),
      contextElement: anchor.startContainer.parentElement ?? undefined,
    };
    const box = this.boundary();
    // Desktop keeps the stylesheet's width; touch and phone width get an explicit one.
    frame.style.width = box?.width ? `${box.width}px` : '';
    const within = box ? { rootBoundary: box.rect, padding: 0 } : { padding: EDGE };
    const { x, y } = await computePosition(reference, frame, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        inline(this.point ?? undefined),
        offset(GAP),
        flip(within),
        shift(within),
        size({
          ...within,
          apply: ({ availableHeight }) => {
            this.maxHeight = Math.max(120, Math.floor(availableHeight));
            this.applyHeight();
          },
        }),
      ],
    });
    if (!this.visible) return;
    frame.style.left = `${Math.round(x)}px`;
    frame.style.top = `${Math.round(y)}px`;
    if (this.painted) frame.style.visibility = 'visible';
    const sheet = this.sheet;
    if (sheet) {
      sheet.style.left = frame.style.left;
      sheet.style.top = frame.style.top;
      sheet.style.width = `${frame.offsetWidth}px`;
      sheet.style.height = frame.style.height;
      // Only until the entry is drawn: the frame then covers it (and has its own shadow).
      sheet.style.visibility = this.touch && !this.painted ? 'visible' : 'hidden';
    }
  }
}
