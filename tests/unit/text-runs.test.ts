// The page scanner (lib/dom/text-runs.ts) on written examples: where markup
// glues words or splits them, and the textContent snapshot it reads from.
import { afterEach, describe, expect, it } from 'vitest';
import { gluedAt, walkTextRuns } from '../../lib/dom/text-runs';

afterEach(() => {
  document.body.textContent = '';
});

describe('words glued by markup', () => {
  /** Run texts of a paragraph built from trusted test markup (DOMParser, not innerHTML). */
  function runTexts(markup: string): string[] {
    const parsed = new DOMParser().parseFromString(`<p>${markup}</p>`, 'text/html');
    const p = document.importNode(parsed.body.firstElementChild as Element, true);
    document.body.append(p);
    return [...walkTextRuns(p)].map((r) => r.text);
  }

  it.each([
    ['a footnote number after a term', 'Ketamine<sup>12</sup> is used', ['Ketamine', '12 is used']],
    [
      'minified links',
      '<a href="#">Home</a><a href="#">Ketamine</a><a href="#">About</a>',
      ['Home', 'Ketamine', 'About'],
    ],
    ['a number before a capital', '<sup>3</sup>Esketamine', ['3', 'Esketamine']],
  ])('splits the run at %s', (_what, markup, runs) => {
    expect(runTexts(markup)).toEqual(runs);
  });

  it.each([
    ['a drop cap', '<span class="cap">K</span>etamine', ['Ketamine']],
    ['part of a word in an element', 'keta<mark>mine</mark> and <b>K</b>-hole', ['ketamine and K-hole']],
    ['a term split by emphasis', 'NMDA <em>receptor</em> antagonist', ['NMDA receptor antagonist']],
    ['capitals on both sides', '<b>NMDA</b>R', ['NMDAR']],
  ])('keeps %s in one run', (_what, markup, runs) => {
    expect(runTexts(markup)).toEqual(runs);
  });

  it('keeps adjacent text nodes without an element between them in one run (they render glued)', () => {
    const p = document.createElement('p');
    p.append('Home', 'Ketamine');
    document.body.append(p);
    expect([...walkTextRuns(p)].map((r) => r.text)).toEqual(['HomeKetamine']);
  });

  it('gluedAt: lower case or digit then capital, or letter then digit', () => {
    const glued = (before: string, next: string) =>
      gluedAt(before.charCodeAt(before.length - 1), next.charCodeAt(0));
    expect(glued('home', 'Ketamine')).toBe(true);
    expect(glued('2024', 'Ketamine')).toBe(true);
    expect(glued('ketamine', '12')).toBe(true);
    expect(glued('NMDA', 'R')).toBe(false);
    expect(glued('keta', 'mine')).toBe(false);
    expect(glued('ketamine.', '12')).toBe(false);
    expect(glued('ketamine ', 'Esketamine')).toBe(false);
    expect(glued('12', '34')).toBe(false);
  });
});

describe('text snapshot', () => {
  it("falls back to the nodes' data once the page changed during a pause", () => {
    const root = document.createElement('div');
    const p1 = document.createElement('p');
    p1.append('First: ketamine.');
    const p2 = document.createElement('p');
    p2.append('Second: ', document.createElement('b'), 'esketamine.');
    root.append(p1, p2);
    document.body.append(root);
    let current = true;
    const runs = walkTextRuns(root, { snapshot: { text: root.textContent ?? '', current: () => current } });
    expect(runs.next().value?.text).toBe('First: ketamine.');
    // While the walk is paused the page rewrites text the walk has not reached:
    // the snapshot no longer reads as the page.
    (p2.firstChild as Text).data = 'Now: ';
    current = false;
    expect(runs.next().value?.text).toBe('Now: esketamine.');
    expect(runs.next().done).toBe(true);
  });

  it('is ignored for a root whose textContent is not its text (a document)', () => {
    const doc = document.implementation.createHTMLDocument('t');
    doc.body.append('Spravato in a document.');
    const texts = [...walkTextRuns(doc, { snapshot: { text: '', current: () => true } })].map((r) => r.text);
    expect(texts).toEqual(['Spravato in a document.']);
  });
});
