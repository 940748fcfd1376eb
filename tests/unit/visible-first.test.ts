// Where the Lens moves a running walk when the reader is further down the page.
import { afterEach, describe, expect, it } from 'vitest';
import { firstStartBetween } from '../../lib/dom/visible-first';

function page(): HTMLElement {
  const root = document.createElement('article');
  root.innerHTML = `
    <p id="a">Ketamine at the top.</p>
    <div id="b"><p id="b1">Esketamine, <em id="em">nasal spray</em>.</p>
      <pre id="pre"><code id="code">ketamine in code</code></pre></div>
    <p id="c">Far down: ketamine bladder.</p>
    <p id="d">The end.</p>`;
  document.body.append(root);
  return root;
}
const $ = (id: string) => document.getElementById(id) as Element;

afterEach(() => {
  document.body.replaceChildren();
});

describe('firstStartBetween', () => {
  it('picks the earliest place on screen after the walk, as the block around it', () => {
    const root = page();
    expect(firstStartBetween([$('c'), $('em'), $('d')], root, $('a'))).toBe($('b1'));
  });

  it('never moves backwards, nor into the block the walk is in', () => {
    const root = page();
    expect(firstStartBetween([$('a'), $('b1')], root, $('c'))).toBeNull();
    // The walk is inside #b already: #b precedes it.
    expect(firstStartBetween([$('b')], root, $('b1'))).toBeNull();
  });

  it('starts at the outermost skipped element, so the walk skips it whole', () => {
    const root = page();
    expect(firstStartBetween([$('code')], root, $('a'))).toBe($('pre'));
  });

  it('stays before where this part of the walk stops, and inside its root', () => {
    const root = page();
    expect(firstStartBetween([$('d')], root, $('a'), $('c'))).toBeNull();
    expect(firstStartBetween([$('c')], root, $('a'), $('c'))).toBeNull();
    expect(firstStartBetween([$('b1')], root, $('a'), $('c'))).toBe($('b1'));
    const outside = document.createElement('p');
    document.body.append(outside);
    expect(firstStartBetween([outside], root, $('a'))).toBeNull();
  });
});
