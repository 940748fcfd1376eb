// The painter with the paint rule (docs/decisions/0012), in happy-dom: what
// it registers in CSS.highlights for blocks near the viewport (happy-dom lays
// nothing out, so every block is), fed by a real mark store.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Mark, MarkStore, textMark } from '../../lib/dom/mark-store';
import { Painter } from '../../lib/dom/painter';
import {
  type FakeHighlight,
  installFakes,
  removeFakes,
  fakeWindow as win,
} from '../support/fake-highlight-api';

const KETAMINE = 0; // a safety entry here
const TRD = 1; // treatment-resistant depression

let store: MarkStore;
let painter: Painter | null = null;

beforeEach(() => {
  installFakes();
  store = new MarkStore();
  painter = new Painter(document, { isSafety: (e) => e === KETAMINE, style: 'underline' }, (c) =>
    store.marksIn(c),
  );
  painter.start();
});

afterEach(() => {
  painter?.stop();
  painter = null;
  document.body.replaceChildren();
  removeFakes();
});

/** The paragraphs of the page, each with its one text node. */
function page(...paras: string[]) {
  document.body.innerHTML = paras.map((t) => `<p>${t}</p>`).join('');
  return [...document.querySelectorAll('p')].map((p) => ({ p, text: p.firstChild as Text }));
}

/** The mark of the nth (from 0) occurrence of `word` in a paragraph. */
function mark(block: { p: Element; text: Text }, word: string, entry: number, nth = 0): Mark {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = block.text.data.indexOf(word, i + 1);
  if (i < 0) throw new Error(`no ${word} #${nth}`);
  return textMark(entry, block.p, block.text, i, block.text, i + word.length, undefined);
}

/** As the Lens does: a new block is observed, more marks of one already seen are "added". */
function scanned(container: Element, marks: Mark[]): void {
  if (store.add(container, marks)) painter?.observe(container);
  else painter?.added(container, marks);
}

/** What each of our two highlights holds: "paragraph index:offset" of every range. */
function painted(blocks: { text: Text }[]): { term: string[]; safety: string[] } {
  const where = (h: FakeHighlight | undefined) =>
    [...(h ?? [])]
      .map((r) => `${blocks.findIndex((b) => b.text === r.startContainer)}:${r.startOffset}`)
      .sort();
  const names = (painter as Painter).names;
  return {
    term: where(win.CSS.highlights.get(names.term)),
    safety: where(win.CSS.highlights.get(names.safety)),
  };
}

describe('painter', () => {
  it('paints the first occurrence of each entry per block, safety terms in their own colour', async () => {
    const blocks = page(
      'Ketamine for treatment-resistant depression: ketamine, treatment-resistant depression.',
      'Again ketamine and ketamine.',
    );
    const [a, b] = blocks as [(typeof blocks)[0], (typeof blocks)[0]];
    scanned(a.p, [
      mark(a, 'Ketamine', KETAMINE),
      mark(a, 'treatment-resistant depression', TRD),
      mark(a, 'ketamine', KETAMINE),
      mark(a, 'treatment-resistant depression', TRD, 1),
    ]);
    scanned(b.p, [mark(b, 'ketamine', KETAMINE), mark(b, 'ketamine', KETAMINE, 1)]);

    await vi.waitFor(() => expect(painted(blocks)).toEqual({ term: ['0:13'], safety: ['0:0', '1:6'] }));
    // Every occurrence is still in the store (hover, the counts).
    expect(store.size).toBe(6);
  });

  it('leaves a later repeat unpainted when it arrives in a block already shown', async () => {
    const blocks = page('Ketamine here, and ketamine in a later run of the same block.');
    const [a] = blocks as [(typeof blocks)[0]];
    scanned(a.p, [mark(a, 'Ketamine', KETAMINE)]);
    await vi.waitFor(() => expect(painted(blocks).safety).toEqual(['0:0']));

    scanned(a.p, [mark(a, 'ketamine', KETAMINE)]);
    await new Promise((r) => setTimeout(r, 10));
    expect(painted(blocks).safety).toEqual(['0:0']);
  });

  it("moves the paint to a block's earlier occurrence that is scanned later, never leaving the entry unpainted", async () => {
    const blocks = page('Ketamine at the start, ketamine at the end.');
    const [a] = blocks as [(typeof blocks)[0]];
    // The walk reached the block's end first (it skipped ahead to the text on screen).
    scanned(a.p, [mark(a, 'ketamine', KETAMINE)]);
    await vi.waitFor(() => expect(painted(blocks).safety).toEqual(['0:23']));

    scanned(a.p, [mark(a, 'Ketamine', KETAMINE)]);
    expect(painted(blocks).safety).toEqual(['0:0']);
  });

  it('takes every range of a forgotten block off the page', async () => {
    const blocks = page('Ketamine and treatment-resistant depression.');
    const [a] = blocks as [(typeof blocks)[0]];
    scanned(a.p, [mark(a, 'Ketamine', KETAMINE), mark(a, 'treatment-resistant depression', TRD)]);
    await vi.waitFor(() => expect(painted(blocks)).toEqual({ term: ['0:13'], safety: ['0:0'] }));

    painter?.forget(store.removeWithin(a.p));
    expect(painted(blocks)).toEqual({ term: [], safety: [] });
  });

  it("keeps painting a shadow host's other marks when only its shadow text is dropped", async () => {
    document.body.innerHTML = '<div id="host">Ketamine and depression; ketamine again.</div>';
    const host = document.getElementById('host') as HTMLElement;
    const light = host.firstChild as Text;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append('Glutamate, in the shadow.');
    const inShadow = shadow.firstChild as Text;
    const at = (t: Text, word: string, entry: number) => {
      const i = t.data.indexOf(word);
      return textMark(entry, host, t, i, t, i + word.length, undefined);
    };
    const GLUTAMATE = 7;
    // One block, the host's: its shadow text's marks and its light text's.
    scanned(host, [at(inShadow, 'Glutamate', GLUTAMATE)]);
    scanned(host, [
      at(light, 'Ketamine', KETAMINE),
      at(light, 'depression', TRD),
      at(light, 'ketamine', KETAMINE),
    ]);
    const shown = () => {
      const names = (painter as Painter).names;
      const of = (h: FakeHighlight | undefined) =>
        [...(h ?? [])]
          .map((r) => `${r.startContainer === inShadow ? 'shadow' : 'light'}:${r.startOffset}`)
          .sort();
      return {
        term: of(win.CSS.highlights.get(names.term)),
        safety: of(win.CSS.highlights.get(names.safety)),
      };
    };
    await vi.waitFor(() => expect(shown()).toEqual({ term: ['light:13', 'shadow:0'], safety: ['light:0'] }));

    // The shadow root is rescanned: only its text's marks leave the store.
    painter?.forget(store.removeWithin(shadow));
    expect(shown()).toEqual({ term: ['light:13'], safety: ['light:0'] });
    // The block is still in the window: its shadow text's marks, found again, are painted.
    scanned(host, [at(inShadow, 'Glutamate', GLUTAMATE)]);
    expect(shown()).toEqual({ term: ['light:13', 'shadow:0'], safety: ['light:0'] });
  });
});
