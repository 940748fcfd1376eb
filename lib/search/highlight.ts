// Turns match ranges into text segments the popup renders, without HTML.
import type { MatchRange } from './types';

export interface TextSegment {
  text: string;
  mark: boolean;
}

/**
 * Split `text` into plain and marked segments from inclusive ranges (fuse.js
 * style). Overlapping or out-of-range ranges are merged and clamped, so a bad
 * range can never throw or duplicate text. Render marked segments as <mark>.
 */
export function highlightSegments(text: string, indices?: readonly MatchRange[]): TextSegment[] {
  if (!text) return [];
  const ranges = (indices ?? [])
    .map(([a, b]) => [Math.max(0, Math.floor(a)), Math.min(text.length - 1, Math.floor(b))] as const)
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && a <= b)
    .sort((x, y) => x[0] - y[0]);
  const segments: TextSegment[] = [];
  let pos = 0;
  for (const [a, b] of ranges) {
    const start = Math.max(a, pos);
    if (start > b) continue;
    if (start > pos) segments.push({ text: text.slice(pos, start), mark: false });
    segments.push({ text: text.slice(start, b + 1), mark: true });
    pos = b + 1;
  }
  if (pos < text.length) segments.push({ text: text.slice(pos), mark: false });
  return segments;
}
