// Point → text node and offset. caretPositionFromPoint (with shadowRoots, so
// text in open shadow trees is found) where available, else the older
// caretRangeFromPoint.

export function caretAt(
  doc: Document,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[],
): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (
      x: number,
      y: number,
      opts?: { shadowRoots: ShadowRoot[] },
    ) => CaretPosition | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos = shadowRoots.length
      ? d.caretPositionFromPoint(x, y, { shadowRoots })
      : d.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** True when (x, y) lies inside one of the range's line boxes (a wrapped term has several). */
export function rangeContainsPoint(range: Range, x: number, y: number): boolean {
  for (const r of range.getClientRects()) {
    if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
  }
  return false;
}
