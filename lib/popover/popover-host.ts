// The popover's only footprint on the page: one host element with a closed
// shadow root holding an extension-page iframe. The page can neither read
// nor restyle what is inside (cross-origin frame), and React stays out of
// the per-page content script (docs/decisions/0001-popover-isolation.md).
import { autoUpdate, computePosition, flip, inline, offset, shift, size } from '@floating-ui/dom';
import { CONNECT_TYPE, type FromPopover, parseFromPopover, type ToPopover } from './protocol';

export const HOST_TAG = 'ketamine-lens-ui';
const WIDTH = 380;
const GAP = 6;
const EDGE = 8;

export interface PopoverHostOptions {
  doc: Document;
  popoverUrl: string;
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
  private queued: ToPopover | null = null;
  private contentHeight = 120;
  private maxHeight = 480;
  private stopAutoUpdate: (() => void) | null = null;
  private anchor: Range | null = null;
  private point: { x: number; y: number } | null = null;
  private visible = false;

  constructor(private options: PopoverHostOptions) {}

  get isVisible(): boolean {
    return this.visible;
  }

  get element(): HTMLElement | null {
    return this.host;
  }

  /** Creates the host and loads the iframe (hidden) so the first hover is instant. */
  preload(): void {
    if (this.host?.isConnected) return;
    if (this.host && !this.host.isConnected) this.reset(); // the page removed it: start again
    const { doc } = this.options;
    const host = doc.createElement(HOST_TAG);
    host.setAttribute('data-ketamine-lens-host', '');
    // Inline style on our own element only: fixed, out of the page's flow.
    host.style.cssText =
      'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;';
    const shadow = host.attachShadow({ mode: 'closed' });
    const frame = doc.createElement('iframe');
    // crypto.randomUUID exists only in secure contexts; plain-http pages need the popover too.
    const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    frame.src = `${this.options.popoverUrl}#${nonce}`;
    frame.title = 'Ketamine Lens explanation';
    frame.setAttribute('allowtransparency', 'true');
    frame.style.cssText = [
      'position: fixed',
      'border: 0',
      `width: ${WIDTH}px`,
      'height: 120px',
      'max-width: calc(100vw - 16px)',
      'visibility: hidden',
      'color-scheme: normal',
      'background: transparent',
      'border-radius: 10px',
      'box-shadow: 0 6px 24px rgb(0 0 0 / 0.22)',
      'top: 0',
      'left: 0',
    ].join(';');
    frame.addEventListener('load', () => this.connect(frame, nonce));
    shadow.append(frame);
    this.host = host;
    this.frame = frame;
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
  ): void {
    this.preload();
    this.attach();
    this.anchor = anchor;
    this.point = point;
    this.visible = true;
    this.send({ type: 'show', id, focus, siteKey, sentAt: performance.timeOrigin + performance.now() });
    this.startFollowing();
    if (focus) this.frame?.focus();
  }

  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    if (this.frame) this.frame.style.visibility = 'hidden';
    this.send({ type: 'hide' });
  }

  destroy(): void {
    this.hide();
    this.reset();
  }

  private reset(): void {
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    this.port?.close();
    this.port = null;
    this.ready = false;
    this.host?.remove();
    this.host = null;
    this.frame = null;
  }

  private connect(frame: HTMLIFrameElement, nonce: string): void {
    const channel = new MessageChannel();
    this.port?.close();
    this.port = channel.port1;
    this.ready = false;
    channel.port1.onmessage = (event) => this.onMessage(parseFromPopover(event.data));
    // URL.origin is "null" for chrome-extension: URLs, so build the origin by hand.
    const url = new URL(this.options.popoverUrl);
    const target = `${url.protocol}//${url.host}`;
    frame.contentWindow?.postMessage({ type: CONNECT_TYPE, nonce }, target, [channel.port2]);
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
    const { x, y } = await computePosition(reference, frame, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        inline(this.point ?? undefined),
        offset(GAP),
        flip({ padding: EDGE }),
        shift({ padding: EDGE }),
        size({
          padding: EDGE,
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
    frame.style.visibility = 'visible';
  }
}
