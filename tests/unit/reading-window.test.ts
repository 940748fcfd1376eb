// Where a walk starts when the reader jumps further down (backUp), and when the
// reading window counts a place as out of reach (beyond). happy-dom lays
// nothing out: element boxes are given per test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backUp, ReadingWindow } from '../../lib/dom/reading-window';

const H = window.innerHeight;
const $ = (id: string) => document.getElementById(id) as Element;

/** Gives each element with an id in `tops` a box of `height` px starting there. */
function boxes(tops: Record<string, number>, height = 100): void {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const top = tops[this.id] ?? 0;
    const h = this.id === 'notes' ? (tops.notesHeight ?? height) : height;
    return { top, bottom: top + h, height: h, width: 100, left: 0, right: 100 } as DOMRect;
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('backUp', () => {
  it('steps back over the blocks that end less than a screen above the viewport', () => {
    document.body.innerHTML = Array.from({ length: 30 }, (_, i) => `<p id="p${i}">text</p>`).join('');
    // p20 at the top of the viewport, 100 px each.
    boxes(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, (i - 20) * 100])));
    const firstKept = 20 - Math.floor(H / 100); // the earliest paragraph whose bottom is at or below -H
    expect(backUp(window, document.body, $('p20'), null)).toBe($(`p${firstKept}`));
  });

  it('never goes back to or before where the walk already is, nor out of its root', () => {
    document.body.innerHTML = '<main id="root"><p id="a">a</p><p id="b">b</p><p id="c">c</p></main>';
    boxes({ a: -50, b: 0, c: 50 });
    expect(backUp(window, $('root'), $('c'), $('a'))).toBe($('b'));
    expect(backUp(window, $('root'), $('c'), null)).toBe($('a'));
    expect(backUp(window, $('a'), $('a'), null)).toBe($('a'));
  });

  it('into a long block that starts far above: back to its last blocks, not its start', () => {
    document.body.innerHTML =
      '<div id="notes"><p id="n1">one</p><p id="n2">two</p><p id="n3">three</p></div><section id="far"><p id="f1">far</p></section>';
    boxes({ notes: -100_000, notesHeight: 100_000, n1: -300, n2: -200, n3: -100, far: 0, f1: 0 });
    // From the far section's first paragraph: up out of the section, into the notes' last paragraphs.
    expect(backUp(window, document.body, $('f1'), null)).toBe($('n1'));
  });

  it('stops at an inline element (no run boundary there)', () => {
    document.body.innerHTML = '<div id="d"><b id="b">bold</b><p id="p">para</p></div>';
    boxes({ b: -10, p: 0 });
    expect(backUp(window, document.body, $('p'), null)).toBe($('p'));
  });
});

describe('ReadingWindow.beyond', () => {
  it('is true a screen above the top, and below the bottom: a screen below once the reader has scrolled', () => {
    document.body.innerHTML = '<p id="above">a</p><p id="on">o</p><p id="near">b</p><p id="below">c</p>';
    boxes({ above: -H - 200, on: H - 50, near: H + 50, below: 2 * H + 1 });
    const w = new ReadingWindow(window, () => {});
    expect(w.beyond($('above'))).toBe(true);
    expect(w.beyond($('on'))).toBe(false);
    // Until the first scroll, the window ends at the viewport's bottom.
    expect(w.beyond($('near'))).toBe(true);
    w.park({ root: document.body, from: { node: $('below'), pos: 0 }, text: null, seen: 0 });
    window.dispatchEvent(new Event('scroll'));
    expect(w.beyond($('near'))).toBe(false);
    expect(w.beyond($('below'))).toBe(true);
    // White space between blocks has no box of its own: the next block's counts.
    const gap = document.createTextNode('\n');
    $('below').before(gap);
    expect(w.beyond(gap)).toBe(true);
    w.stop();
  });
});
