// The PDF viewer's document-wide term list (lib/pdf/term-index.ts): the same
// matcher and context tiers as the page engine, over every page's text.
import { describe, expect, it } from 'vitest';
import { createContentMatcher } from '../../lib/content/page-matcher';
import type { Alias, Category, GlossaryEntry } from '../../lib/glossary/types';
import { compileMatcherIndex } from '../../lib/matcher';
import { pageLines, TermIndex } from '../../lib/pdf/term-index';

function entry(id: string, aliases: Alias[], category: Category = 'substances'): GlossaryEntry {
  return {
    id,
    term: aliases[0]?.text ?? id,
    aliases,
    category,
    short: `Short text of ${id}.`,
    explanation: `A long explanation of ${id}.`,
    safety: [],
    related: [],
    sources: [{ title: 'Source', url: 'https://example.org/' }],
    reviewed: '2025-01-01',
  };
}

// Entry numbers are positions in this list.
const ENTRIES = [
  entry('ketamine', [{ text: 'ketamine', tier: 1 }]),
  entry('dissociation', [{ text: 'dissociation', tier: 2 }], 'effects'),
  entry('k-hole', [{ text: 'K-hole', tier: 1 }], 'slang'),
];
const [KETAMINE, DISSOCIATION, KHOLE] = [0, 1, 2];

function index() {
  const matcher = createContentMatcher(compileMatcherIndex(ENTRIES));
  return { matcher, terms: new TermIndex(matcher) };
}

describe('pageLines', () => {
  it('joins text items into lines where pdf.js ends one', () => {
    expect(
      pageLines([
        { str: 'Ketamine is an ', hasEOL: false },
        { str: 'anesthetic.', hasEOL: true },
        {},
        { str: 'Second line', hasEOL: false },
      ]),
    ).toEqual(['Ketamine is an anesthetic.', 'Second line']);
    expect(pageLines([{ str: '', hasEOL: true }])).toEqual([]);
  });
});

describe('TermIndex', () => {
  it('counts terms with the pages they appear on, most frequent first', () => {
    const { terms } = index();
    terms.addPage(2, ['Ketamine and the K-hole.', 'More ketamine.']);
    terms.addPage(5, ['ketamine again']);
    expect(terms.terms()).toEqual([
      { entry: KETAMINE, count: 3, pages: [2, 5] },
      { entry: KHOLE, count: 1, pages: [2] },
    ]);
    expect(terms.pagesRead).toBe(2);
  });

  it('holds back tier-2 terms until the document has context, wherever it comes', () => {
    const { terms } = index();
    terms.addPage(1, ['A chemistry note on dissociation of salts in water.']);
    expect(terms.terms()).toEqual([]);
    terms.addPage(9, ['Ketamine research.']);
    expect(terms.terms().map((t) => [t.entry, t.pages])).toEqual([
      [DISSOCIATION, [1]],
      [KETAMINE, [9]],
    ]);
    // Later pages count it at once.
    terms.addPage(3, ['dissociation']);
    expect(terms.terms().find((t) => t.entry === DISSOCIATION)).toEqual({
      entry: DISSOCIATION,
      count: 2,
      pages: [1, 3],
    });
  });

  it('reads each page once and leaves out categories the reader hid', () => {
    const { matcher, terms } = index();
    terms.addPage(1, ['ketamine']);
    terms.addPage(1, ['ketamine ketamine']);
    expect(terms.terms()).toEqual([{ entry: KETAMINE, count: 1, pages: [1] }]);
    expect(terms.hasPage(1)).toBe(true);
    matcher.setHidden(['substances']);
    expect(terms.terms()).toEqual([]);
  });
});
