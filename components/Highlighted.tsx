import { highlightSegments, type MatchRange } from '../lib/search/search';

export interface HighlightedProps {
  text: string;
  /** Inclusive [start, end] ranges of `text` to emphasise. */
  indices?: readonly MatchRange[];
}

/** Text with matched ranges wrapped in <mark>. Built from text nodes only: never HTML. */
export function Highlighted({ text, indices }: HighlightedProps) {
  if (!indices || indices.length === 0) return <>{text}</>;
  return (
    <>
      {highlightSegments(text, indices).map((s, i) =>
        // Segments never reorder, so the index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}
