// Calm marking (docs/decisions/0012) in real Chromium: each block paints the
// first occurrence of each entry only, every occurrence is still explained
// (hover uses our own index of all matches), the popup still counts every
// occurrence, and next-term steps through the painted marks. The seed
// article is the demo's (demo/article.html), served as the demo serves it.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { openExtensionPage, pageTerms, setupExtensionBrowser, tabIdOf } from './harness';
import { runCommand } from './page-checks';
import { dialogInfo, waitForPopover } from './popover-helpers';

let demo: Awaited<ReturnType<typeof startStaticServer>>;
beforeAll(async () => {
  demo = await startStaticServer({ root: resolve('demo') });
});
// Registered before the browser's hooks, so it runs after the browser has closed (and its connections with it).
afterAll(async () => {
  await demo?.close();
});
const env = setupExtensionBrowser();

interface PaintedBlock {
  block: string;
  texts: string[];
}

/**
 * In the page's main world: the text of every registered range, by its block
 * (nearest non-inline ancestor, named by tag and index). Our highlight names
 * are random per load, and the page registers none of its own, so all are
 * read; a StaticRange has no toString(), so a Range is built from its ends.
 */
function paintedByBlock(): PaintedBlock[] {
  const inline = new Set([
    'a',
    'abbr',
    'b',
    'cite',
    'em',
    'i',
    'q',
    's',
    'small',
    'span',
    'strong',
    'sub',
    'sup',
  ]);
  const byBlock = new Map<Element, string[]>();
  for (const highlight of CSS.highlights.values()) {
    for (const r of highlight) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      let el = r.startContainer.parentElement;
      while (el && inline.has(el.localName)) el = el.parentElement;
      if (!el) continue;
      byBlock.set(el, [...(byBlock.get(el) ?? []), range.toString()]);
    }
  }
  const all = [...document.querySelectorAll('*')];
  return [...byBlock].map(([el, texts]) => ({ block: `${el.localName}#${all.indexOf(el)}`, texts }));
}

/** Painted blocks once the count has stayed put for a few reads (the scan is over). */
async function settledPaint(page: Page): Promise<PaintedBlock[]> {
  let last = '';
  let same = 0;
  let blocks: PaintedBlock[] = [];
  for (let i = 0; i < 60 && same < 3; i++) {
    await page.waitForTimeout(150);
    blocks = await page.evaluate(paintedByBlock);
    const key = JSON.stringify(blocks);
    same = key === last && blocks.length > 0 ? same + 1 : 0;
    last = key;
  }
  return blocks;
}

/** Centre of the nth occurrence of `word` inside the element matching `selector`, from the page's text. */
async function pointOfText(page: Page, selector: string, word: string, nth = 0) {
  return page.evaluate(
    ({ selector, word, nth }) => {
      const root = document.querySelector(selector);
      if (!root) return null;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n as Text;
        for (let i = text.data.indexOf(word); i >= 0; i = text.data.indexOf(word, i + 1)) {
          if (seen++ < nth) continue;
          const range = document.createRange();
          range.setStart(text, i);
          range.setEnd(text, i + word.length);
          const before = range.getClientRects()[0];
          if (!before) return null;
          if (before.top < 0 || before.bottom > innerHeight) scrollBy(0, before.top - innerHeight / 2);
          const rect = range.getClientRects()[0] as DOMRect;
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
      return null;
    },
    { selector, word, nth },
  );
}

async function openSeed(): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${demo.url}/article.html`);
  return page;
}

describe('calm marking', () => {
  it('paints no entry twice in any paragraph of the seed article, and the popup still counts every occurrence', async () => {
    const page = await openSeed();
    const blocks = await settledPaint(page);
    expect(blocks.length).toBeGreaterThan(5);
    for (const { block, texts } of blocks) {
      const lower = texts.map((t) => t.toLowerCase());
      expect(new Set(lower).size, `${block}: ${texts.join(', ')}`).toBe(lower.length);
    }
    const painted = blocks.flatMap((b) => b.texts);
    // By entry, not by alias text: "Esketamine, sold as Spravato" paints Esketamine only.
    expect(painted).toContain('Esketamine');
    expect(painted).not.toContain('Spravato');
    // "…glutamate, the brain's main excitatory messenger … the burst of glutamate activity": painted once.
    const mechanism = blocks.find((b) => b.texts.includes('BDNF'));
    expect(mechanism?.texts.filter((t) => t === 'glutamate')).toEqual(['glutamate']);

    // The popup still counts every occurrence: Esketamine is said three times, painted twice (h2, paragraph).
    const terms = await pageTerms(env.browser, await tabIdOf(env.browser, page));
    expect(terms.esketamine).toBe(3);
    expect(painted.filter((t) => /esketamine|spravato/i.test(t))).toHaveLength(2);
    const counted = Object.values(terms).reduce((a, b) => a + b, 0);
    expect(counted).toBeGreaterThan(painted.length);

    const popup = await openExtensionPage(env.browser, 'popup', `?tab=${await tabIdOf(env.browser, page)}`);
    const row = popup.locator('.kl-page-term', { hasText: 'Esketamine' }).first();
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 5000 }).toMatch(/3 times/);
    await popup.close();
    await page.close();
  });

  it('explains a later, unpainted occurrence on hover just like a painted one', async () => {
    const page = await openSeed();
    await settledPaint(page);
    await page.waitForTimeout(300); // the popover runtime loads after the first mark
    const p = await pointOfText(page, 'main', 'Spravato');
    expect(p).not.toBeNull();
    await page.mouse.move(p!.x, p!.y);
    await waitForPopover(page, true, 3000, '(hover on the unpainted "Spravato")');
    await expect
      .poll(async () => (await dialogInfo(page))?.label.toLowerCase() ?? '')
      .toContain('esketamine');
    await page.close();
  });

  it('steps next-term through the painted marks, not through every repeat', async () => {
    // "Ketamine is discussed at the top, and ketamine again in this sentence." then "Esketamine is a nasal spray."
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/long-article.html`);
    await settledPaint(page);
    await page.bringToFront();
    await page.waitForTimeout(300);

    await runCommand(env.browser, 'next-term');
    await waitForPopover(page, true, 3000, '(first command)');
    await expect.poll(async () => (await dialogInfo(page))?.label).toBe('Ketamine');
    await runCommand(env.browser, 'next-term');
    await expect
      .poll(async () => (await dialogInfo(page))?.label.toLowerCase() ?? '')
      .toContain('esketamine');
    await page.close();
  });
});
