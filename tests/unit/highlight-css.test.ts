import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_NAMES, type HighlightStyle, highlightCss } from '../../lib/dom/painter';

const STYLES: HighlightStyle[] = ['underline', 'background', 'hover-only'];

/** The selectors of every rule in a stylesheet text (comma lists split). */
function selectors(css: string): string[] {
  return [...css.matchAll(/([^{}]+)\{[^}]*\}/g)].flatMap((m) =>
    (m[1] as string).split(',').map((s) => s.trim()),
  );
}

describe('highlightCss', () => {
  it.each(STYLES)('%s: styles both highlights on every element by default (Firefox)', (style) => {
    const sel = selectors(highlightCss(style));
    expect(sel).toEqual([`::highlight(${HIGHLIGHT_NAMES.term})`, `::highlight(${HIGHLIGHT_NAMES.safety})`]);
  });

  it.each(STYLES)('%s: with rootOnly every rule sits on :root (Chromium inherits it)', (style) => {
    const sel = selectors(highlightCss(style, true));
    expect(sel).toEqual([
      `:root::highlight(${HIGHLIGHT_NAMES.term})`,
      `:root::highlight(${HIGHLIGHT_NAMES.safety})`,
    ]);
  });

  it('keeps the declarations the same either way', () => {
    for (const style of STYLES) {
      const body = (css: string) => [...css.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
      expect(body(highlightCss(style, true))).toEqual(body(highlightCss(style)));
    }
  });
});
