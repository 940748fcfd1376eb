import { describe, expect, it } from 'vitest';
import { type HighlightStyle, highlightCss, highlightNames } from '../../lib/dom/painter';

const STYLES: HighlightStyle[] = ['underline', 'background', 'hover-only'];
const NAMES = highlightNames();

/** The selectors of every rule in a stylesheet text (comma lists split). */
function selectors(css: string): string[] {
  return [...css.matchAll(/([^{}]+)\{[^}]*\}/g)].flatMap((m) =>
    (m[1] as string).split(',').map((s) => s.trim()),
  );
}

describe('highlightCss', () => {
  it.each(STYLES)('%s: styles both highlights on every element by default (Firefox)', (style) => {
    const sel = selectors(highlightCss(style, NAMES));
    expect(sel).toEqual([`::highlight(${NAMES.term})`, `::highlight(${NAMES.safety})`]);
  });

  it.each(STYLES)('%s: with rootOnly every rule sits on :root (Chromium inherits it)', (style) => {
    const sel = selectors(highlightCss(style, NAMES, true));
    expect(sel).toEqual([`:root::highlight(${NAMES.term})`, `:root::highlight(${NAMES.safety})`]);
  });

  it('keeps the declarations the same either way', () => {
    for (const style of STYLES) {
      const body = (css: string) => [...css.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
      expect(body(highlightCss(style, NAMES, true))).toEqual(body(highlightCss(style, NAMES)));
    }
  });
});

describe('highlightNames', () => {
  it('are CSS identifiers that name nothing and differ every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const { term, safety } = highlightNames();
      for (const name of [term, safety]) {
        // A letter, then base-36: a valid <ident> with no hyphen, so no prefix of ours.
        expect(name).toMatch(/^[a-z][0-9a-z]{8,13}$/);
        expect(name).not.toMatch(/ketamine|lens/);
        seen.add(name);
      }
      expect(term).not.toBe(safety);
    }
    expect(seen.size).toBe(1000);
  });

  it('the stylesheet names no one but the two random highlights', () => {
    for (const style of STYLES) {
      const css = highlightCss(style, NAMES, true);
      expect(css).not.toMatch(/ketamine|lens|kl-/i);
      expect([...css.matchAll(/::highlight\(([^)]*)\)/g)].map((m) => m[1])).toEqual([
        NAMES.term,
        NAMES.safety,
      ]);
    }
  });
});
