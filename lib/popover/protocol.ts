// Messages between the content script and the popover iframe. They travel
// over a private MessageChannel handed to the iframe once, with a nonce the
// page never sees (the iframe's URL is inside our closed shadow root).

export type ToPopover =
  /**
   * sentAt: wall-clock ms (timeOrigin + now) when the content script asked, for the show-latency benchmark.
   * touch: opened by a touch or pen tap (a close button, touch-sized targets).
   */
  | { type: 'show'; id: string; focus: boolean; siteKey: string | null; sentAt: number; touch: boolean }
  | { type: 'hide' };

export type FromPopover =
  | { type: 'ready' }
  | { type: 'size'; height: number }
  | { type: 'close'; returnFocus: boolean }
  /**
   * The pointer entered or left the popover (the page cannot see pointer events inside our frame).
   * at: wall-clock ms (timeOrigin + event.timeStamp) of the pointer event, to order it against the page's.
   */
  | { type: 'hover'; inside: boolean; at: number | null };

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function parseToPopover(raw: unknown): ToPopover | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  if (m.type === 'hide') return { type: 'hide' };
  if (m.type === 'show' && typeof m.id === 'string' && ID.test(m.id) && typeof m.focus === 'boolean') {
    return {
      type: 'show',
      id: m.id,
      focus: m.focus,
      siteKey: typeof m.siteKey === 'string' ? m.siteKey : null,
      sentAt: typeof m.sentAt === 'number' && Number.isFinite(m.sentAt) ? m.sentAt : 0,
      touch: m.touch === true,
    };
  }
  return null;
}

export function parseFromPopover(raw: unknown): FromPopover | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  if (m.type === 'ready') return { type: 'ready' };
  if (m.type === 'size' && typeof m.height === 'number' && Number.isFinite(m.height) && m.height >= 0) {
    return { type: 'size', height: Math.min(m.height, 4000) };
  }
  if (m.type === 'close') return { type: 'close', returnFocus: m.returnFocus === true };
  if (m.type === 'hover' && typeof m.inside === 'boolean') {
    return {
      type: 'hover',
      inside: m.inside,
      at: typeof m.at === 'number' && Number.isFinite(m.at) ? m.at : null,
    };
  }
  return null;
}

export const CONNECT_TYPE = 'ketamine-lens:connect';
