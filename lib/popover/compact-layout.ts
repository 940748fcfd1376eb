// Where a popover may go on a phone or after a touch: inside the visual
// viewport (what the reader sees after pinch-zoom, above the on-screen
// keyboard), away from notches and rounded corners (safe areas), and across
// the whole width below COMPACT_BELOW_PX. Pure, for unit tests.

/** Narrower than this (CSS px of the visual viewport), the popover spans the width, less a margin. */
export const COMPACT_BELOW_PX = 480;

export interface ViewportBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The rectangle (layout-viewport coordinates, as position: fixed uses) the
 * popover must stay inside, and its width: the whole rectangle's below
 * COMPACT_BELOW_PX, else the desktop width (never wider than the rectangle).
 */
export function compactBox(
  view: ViewportBox,
  insets: Insets,
  margin: number,
  desktopWidth: number,
): { rect: ViewportBox; width: number } {
  const rect = {
    x: view.x + insets.left + margin,
    y: view.y + insets.top + margin,
    width: Math.max(0, view.width - insets.left - insets.right - 2 * margin),
    height: Math.max(0, view.height - insets.top - insets.bottom - 2 * margin),
  };
  const width = Math.floor(view.width < COMPACT_BELOW_PX ? rect.width : Math.min(desktopWidth, rect.width));
  return { rect, width };
}
