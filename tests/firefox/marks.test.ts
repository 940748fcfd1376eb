// The built Firefox extension in Firefox ESR: glossary terms on a fixture
// article are marked through CSS.highlights, read from the page's main world.
import { describe, expect, it } from 'vitest';
import { setupFirefoxWithExtension, waitForHighlights } from './harness';

const firefox = setupFirefoxWithExtension({ fixtures: true });

describe('Firefox: marks on a fixture article', () => {
  it('marks glossary terms (one split across inline elements) and leaves look-alikes alone', async () => {
    const { ff, fixturesUrl } = firefox();
    const page = await ff.newPage();
    await page.goto(`${fixturesUrl}/article.html`);
    const ranges = await waitForHighlights(page, 5);
    const texts = ranges.map((r) => r.text);
    expect(texts).toContain('Ketamine');
    expect(texts).toContain('anesthetic');
    expect(texts).toContain('NMDA receptor antagonist'); // spans "NMDA <em>receptor</em> antagonist"
    expect(texts).toContain('esketamine');
    for (const word of ['market', 'ticket', 'keto', 'OK', 'basket']) expect(texts).not.toContain(word);
    // Two highlights under random names (a letter, then base-36: ADR 0009).
    expect(new Set(ranges.map((r) => r.highlight)).size).toBeLessThanOrEqual(2);
    for (const r of ranges) expect(r.highlight).toMatch(/^[a-z][0-9a-z]{8,}$/);
    // Painted: Firefox does not inherit highlight styles from :root, so the rule must reach <p> itself (ADR 0006).
    const underline = await page.evaluate(() =>
      [...CSS.highlights.keys()]
        .map((name) => getComputedStyle(document.getElementById('p1') as Element, `::highlight(${name})`))
        .map((style) => style.textDecorationLine)
        .join(' '),
    );
    expect(underline).toContain('underline');
    await page.close();
  });

  it('changes no element of the article: marks are highlights, not wrappers', async () => {
    const { ff, fixturesUrl } = firefox();
    const page = await ff.newPage();
    await page.goto(`${fixturesUrl}/article.html`);
    await waitForHighlights(page, 5);
    const dom = await page.evaluate(() => ({
      p1: document.getElementById('p1')?.innerHTML,
      extra: [...document.querySelectorAll('body *')]
        .map((e) => e.localName)
        .filter((n) => !['main', 'h1', 'p', 'em'].includes(n)),
      // Anything beside <head> and <body>: our popover host comes only with a popover.
      outside: [...document.documentElement.children].filter(
        (e) => e !== document.head && e !== document.body,
      ).length,
    }));
    expect(dom.p1).toBe(
      'Ketamine was first used as an anesthetic. Researchers now study how an NMDA <em>receptor</em> antagonist can lift mood within hours.',
    );
    expect(dom.extra).toEqual([]);
    expect(dom.outside).toBe(0);
    await page.close();
  });
});
