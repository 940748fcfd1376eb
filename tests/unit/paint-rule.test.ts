// The painting rule (docs/decisions/0012): per block, the first occurrence of
// each entry is painted; repeats stay explained but unpainted. The rule
// itself, then the mark store that feeds it a block's marks in reading order.
import { describe, expect, it } from 'vitest';
import { type Mark, MarkStore, textMark } from '../../lib/dom/mark-store';
import { paintedMarks } from '../../lib/dom/paint-rule';

/** Runs a store's step-by-step generator to its end. */
function drain<T>(steps: Generator<void, T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

// Entry numbers as the matcher gives them (the real glossary's, for readability).
const KETAMINE = 78; // a safety entry
const ESKETAMINE = 80; // aliases "esketamine", "Spravato"
const TRD = 1; // treatment-resistant depression

/** A mark as the rule sees it: an entry, and the alias text for the reader of this test. */
const m = (entry: number, text: string) => ({ entry, text });
const texts = (marks: { text: string }[]) => marks.map((x) => x.text);

describe('paintedMarks', () => {
  it('paints the first occurrence of each entry in a block, in the order given', () => {
    const block = [
      m(KETAMINE, 'Ketamine'),
      m(TRD, 'treatment-resistant depression'),
      m(KETAMINE, 'ketamine'),
      m(TRD, 'treatment-resistant depression'),
      m(ESKETAMINE, 'esketamine'),
    ];
    expect(texts(paintedMarks(block))).toEqual(['Ketamine', 'treatment-resistant depression', 'esketamine']);
  });

  it('decides by entry, not by alias text: "Spravato" after "esketamine" is a repeat', () => {
    const block = [m(ESKETAMINE, 'Esketamine'), m(ESKETAMINE, 'Spravato'), m(ESKETAMINE, 'esketamine')];
    expect(paintedMarks(block)).toEqual([block[0]]);
  });

  it('paints a block of one mark, and nothing for a block of none', () => {
    const one = [m(KETAMINE, 'ketamine')];
    expect(paintedMarks(one)).toEqual(one);
    expect(paintedMarks([])).toEqual([]);
  });

  it('gives the same answer for the same marks (a block repainted later paints the same ones)', () => {
    const block = [m(KETAMINE, 'a'), m(KETAMINE, 'b'), m(TRD, 'c'), m(TRD, 'd')];
    expect(paintedMarks(block)).toEqual(paintedMarks(block.slice()));
  });

  it('thins no entry across blocks: a safety term the page repeats keeps its first occurrence in every block', () => {
    // Thirty paragraphs that each say "ketamine" three times: each paints one, none paints none.
    const blocks = Array.from({ length: 30 }, () => [
      m(KETAMINE, 'ketamine'),
      m(KETAMINE, 'ketamine'),
      m(KETAMINE, 'ketamine'),
    ]);
    for (const block of blocks) expect(paintedMarks(block)).toEqual([block[0]]);
  });
});

describe('mark store feeding the rule', () => {
  /** A paragraph per text; marks at the given [start, end, entry] of its one text node. */
  function page(...paras: string[]) {
    document.body.innerHTML = paras.map((t) => `<p>${t}</p>`).join('');
    return [...document.querySelectorAll('p')].map((p) => ({ p, text: p.firstChild as Text }));
  }
  const at = (block: { p: Element; text: Text }, word: string, entry: number, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = block.text.data.indexOf(word, i + 1);
    return textMark(entry, block.p, block.text, i, block.text, i + word.length, undefined);
  };
  const covered = (x: { startNode: Text; startOffset: number; endOffset: number }) =>
    x.startNode.data.slice(x.startOffset, x.endOffset);

  it('keeps a block in reading order when its earlier text arrives later, so the rule paints the first occurrence', () => {
    const [a] = page('Ketamine first, then ketamine again, and ketamine.');
    if (!a) throw new Error('no paragraph');
    const store = new MarkStore();
    // The walk reached the end of the block first (it skipped ahead to the text on screen).
    store.add(a.p, [at(a, 'ketamine', KETAMINE, 1)]);
    store.add(a.p, [at(a, 'Ketamine', KETAMINE)]);
    store.add(a.p, [at(a, 'ketamine', KETAMINE)]);
    expect(store.marksIn(a.p).map((x) => x.startOffset)).toEqual([0, 21, 41]);
    expect(paintedMarks(store.marksIn(a.p)).map((x) => x.startOffset)).toEqual([0]);
  });

  it('steps through the painted marks of every block in reading order, and still counts every occurrence', () => {
    const [a, b] = page('Ketamine and ketamine.', 'Esketamine, sold as Spravato; ketamine.');
    if (!a || !b) throw new Error('no paragraphs');
    const store = new MarkStore();
    store.add(b.p, [
      at(b, 'Esketamine', ESKETAMINE),
      at(b, 'Spravato', ESKETAMINE),
      at(b, 'ketamine', KETAMINE),
    ]);
    store.add(a.p, [at(a, 'Ketamine', KETAMINE), at(a, 'ketamine', KETAMINE)]);
    // Next-term's steps: the painted marks in reading order, then none after the last.
    const steps: Mark[] = [];
    for (let m = drain(store.nextPainted(null, () => true)); m; m = drain(store.nextPainted(m, () => true))) {
      steps.push(m);
    }
    expect(steps.map(covered)).toEqual(['Ketamine', 'Esketamine', 'ketamine']);
    // Marks `keep` refuses are stepped over.
    expect(covered(drain(store.nextPainted(null, (m) => m.entry !== KETAMINE)) as Mark)).toBe('Esketamine');
    expect(store.countsByEntry(() => true)).toEqual(
      new Map([
        [ESKETAMINE, 2],
        [KETAMINE, 3],
      ]),
    );
  });
});
