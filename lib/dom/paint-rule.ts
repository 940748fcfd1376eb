// Which marks are painted (docs/decisions/0012): in each block (paragraph,
// list item, heading, table cell) only the first occurrence of each glossary
// entry. Every occurrence stays in the mark store, so hover, tap, the
// keyboard and the counts work on repeats just as on painted marks. Decided
// by entry, not by alias text: "Spravato" after "esketamine" is a repeat.

/**
 * The marks of one block to paint: the first of each entry, given the
 * block's marks in reading order. Pure: the same marks give the same answer
 * however they arrived, so a block repainted later paints the same ones.
 */
export function paintedMarks<M extends { entry: number }>(marks: readonly M[]): M[] {
  // A block of one mark (most blocks): nothing to thin out.
  if (marks.length < 2) return marks.slice();
  const seen = new Set<number>();
  const out: M[] = [];
  for (const m of marks) {
    if (seen.has(m.entry)) continue;
    seen.add(m.entry);
    out.push(m);
  }
  return out;
}
