// What counts as a tap, and where a tap belongs to the page rather than to us.
// Pure logic (no listeners) so it can be unit tested; the glue is
// tap-controller.ts. Rules: docs/decisions/0011-touch-and-links.md.
import { TAP_MAX_MS, TAP_SLOP_PX } from './timing';

export interface Press {
  x: number;
  y: number;
  /** Event time (ms, the document's clock). */
  at: number;
  pointerType: string;
}

/** Touch and pen have no reliable hover: a tap opens the popover. Decided per event by pointerType, never by the user agent. */
export function isTapPointer(pointerType: string): boolean {
  return pointerType === 'touch' || pointerType === 'pen';
}

/** A short press that barely moved: not a scroll, a drag, a selection handle or a long-press. */
export function isTap(down: Press | null, up: Press): boolean {
  if (!down || !isTapPointer(up.pointerType) || down.pointerType !== up.pointerType) return false;
  if (up.at - down.at > TAP_MAX_MS) return false;
  return Math.hypot(up.x - down.x, up.y - down.y) <= TAP_SLOP_PX;
}

// Elements whose tap does something for the page: the page's action wins over ours.
const PAGE_ACTION =
  'a[href], area[href], button, summary, label, select, [role="link"], [role="button"], [role="tab"], [role="menuitem"], [role="option"], [role="checkbox"], [role="switch"]';

/**
 * The link or control a tap on `node` activates, if any (also across open
 * shadow roots, where marks can be). A term inside one is left to the page.
 */
export function pageActionAt(node: Node | null): Element | null {
  let el: Element | null = node?.nodeType === 1 ? (node as Element) : (node?.parentElement ?? null);
  while (el) {
    const hit = el.closest(PAGE_ACTION);
    if (hit) return hit;
    const root = el.getRootNode();
    el = root && 'host' in root ? ((root as ShadowRoot).host ?? null) : null;
  }
  return null;
}
