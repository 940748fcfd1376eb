// The built extension in real Chromium: terms are marked through
// CSS.highlights, nothing of the page changes, and hard places are covered.
import { describe, expect, it } from 'vitest';
import { allMarked } from '../support/page-probes';
import {
  actionTitle,
  highlightTexts,
  launchWithExtension,
  pageTerms,
  readHighlights,
  setupExtensionBrowser,
  tabIdOf,
  waitForHighlights,
} from './harness';

const env = setupExtensionBrowser();

describe('marks on a fixture article', () => {
  it('marks glossary terms, including one split across inline elements', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/article.html`);
    const texts = highlightTexts(await waitForHighlights(page, 5));
    expect(texts).toContain('Ketamine');
    expect(texts).toContain('anesthetic');
    expect(texts).toContain('NMDA receptor antagonist');
    expect(texts).toContain('esketamine');
    expect(texts).toContain('treatment-resistant depression');
    for (const word of ['market', 'ticket', 'keto', 'OK', 'basket']) expect(texts).not.toContain(word);
    await page.close();
  });

  it('marks terms glued to their neighbours by minified markup or a footnote number', async () => {
    // A term in a list item between two others (the page's textContent reads
    // "PhysiotherapyEsketamineSleep support") and one followed by <sup>2</sup>.
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/glued-blocks.html`);
    expect(highlightTexts(await waitForHighlights(page, 2)).sort()).toEqual(['Esketamine', 'esketamine']);
    // A page whose only term, after 10 KB of other text, carries a footnote number
    // ("esketamine2" in its textContent).
    await page.goto(`${env.server.url}/footnote-only.html`);
    // (Below the first screens: read once the reader scrolls to it.)
    await page.evaluate(() => document.querySelector('sup')?.scrollIntoView());
    expect(highlightTexts(await waitForHighlights(page, 1))).toEqual(['esketamine']);
    await page.close();
  });

  it('leaves inputs, textareas, editable areas, code, pre and opted-out subtrees alone', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/skipped.html`);
    await waitForHighlights(page, 1);
    await page.waitForTimeout(300);
    const ranges = await page.evaluate(() => {
      const out: string[] = [];
      for (const h of CSS.highlights.values()) {
        for (const r of h) {
          const el = r.startContainer.parentElement;
          out.push(el?.id || el?.tagName || '?');
        }
      }
      return out;
    });
    expect(ranges).toEqual(['visible']);
    await page.close();
  });

  it('marks inside an open shadow root and in same-origin and srcdoc iframes', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/shadow.html`);
    await waitForHighlights(page, 2);
    // Both roots: the one on a <div> and the one on a custom element.
    const shadowMarked = await page.waitForFunction(
      () => {
        const hosts = new Set<Element>();
        for (const h of CSS.highlights.values()) {
          for (const r of h) {
            const root = r.startContainer.getRootNode();
            if (root instanceof ShadowRoot) hosts.add(root.host);
          }
        }
        return hosts.size === 2;
      },
      null,
      { timeout: 5000 },
    );
    expect(await shadowMarked.jsonValue()).toBe(true);
    const child = page.frames().find((f) => f.url().endsWith('frame-child.html'));
    expect(child).toBeTruthy();
    const childTexts = highlightTexts(await waitForHighlights(child!, 2));
    expect(childTexts).toEqual(expect.arrayContaining(['K-hole', 'ketamine']));
    const srcdoc = page.frames().find((f) => f.url() === 'about:srcdoc');
    expect(srcdoc).toBeTruthy();
    expect(highlightTexts(await waitForHighlights(srcdoc!, 1))).toContain('esketamine');
    await page.close();
  });

  it('marks a shadow root even when the rest of the page has no terms (whole-page precheck)', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/shadow-only.html`);
    expect(highlightTexts(await waitForHighlights(page, 1))).toEqual(['esketamine']);
    await page.close();
  });

  it('marks tier-2 terms of the page once a shadow root or later text gives it context', async () => {
    // The precheck finds nothing context-giving in the light DOM and skips the walk;
    // the light DOM must still be walked when context turns up elsewhere.
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/context-later.html?shadow`);
    await waitForHighlights(page, 3);
    await page.waitForTimeout(500); // and no mark twice
    expect(highlightTexts(await readHighlights(page)).sort()).toEqual([
      'dissociation',
      'esketamine',
      'treatment-resistant depression',
    ]);
    await page.goto(`${env.server.url}/context-later.html?later`);
    await waitForHighlights(page, 3);
    await page.waitForTimeout(500);
    expect(highlightTexts(await readHighlights(page)).sort()).toEqual([
      'dissociation',
      'ketamine',
      'treatment-resistant depression',
    ]);
    // Without anything giving context, nothing is marked.
    await page.goto(`${env.server.url}/context-later.html`);
    await page.waitForTimeout(800);
    expect(highlightTexts(await readHighlights(page))).toEqual([]);
    await page.close();
  });

  it('drops the marks of text the page removes or rewrites, and marks what the block reads now', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/removals.html`);
    await waitForHighlights(page, 5);
    expect(highlightTexts(await readHighlights(page)).sort()).toEqual([
      'Ketamine infusion',
      'NMDA receptor antagonist',
      'Spravato',
      'esketamine',
      'ketamine bladder',
    ]);
    await page.evaluate(() => {
      document.getElementById('a')?.remove(); // a marked block
      document.querySelector('#b em')?.remove(); // part of a mark across inline markup
      const c = document.getElementById('c')?.firstChild as Text;
      c.data = 'Coffee notes.'; // text rewritten in place
      document.getElementById('d')?.firstChild?.remove(); // a marked text node
      document.querySelector('#e p')?.remove(); // a block inside a block
    });
    const deadline = Date.now() + 3000;
    let texts: string[] = [];
    while (Date.now() < deadline) {
      texts = highlightTexts(await readHighlights(page));
      if (texts.length === 1) break;
      await page.waitForTimeout(50);
    }
    // "The NMDA  antagonist idea." still names an entry.
    expect(texts).toEqual(['NMDA  antagonist']);
    await page.close();
  });

  it('marks text that arrives after load within a second', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/spa.html`);
    await waitForHighlights(page, 1);
    await page.waitForSelector('#late', { state: 'attached', timeout: 5000 });
    const added = Date.now();
    let texts: string[] = [];
    while (Date.now() - added < 1000) {
      texts = highlightTexts(await readHighlights(page));
      if (texts.includes('NMDA receptor antagonist')) break;
      await page.waitForTimeout(25);
    }
    expect(texts).toEqual(expect.arrayContaining(['esketamine', 'NMDA receptor antagonist']));
    await page.close();
  });

  it('still marks on a page with a strict Content-Security-Policy', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/csp.html`);
    const texts = highlightTexts(await waitForHighlights(page, 2));
    expect(texts).toEqual(expect.arrayContaining(['ketamine', 'esketamine']));
    // Our highlight names are random: read the style through each one the page has.
    const underline = await page.evaluate(() => {
      const p = document.getElementById('p') as HTMLElement;
      return [...CSS.highlights.keys()]
        .map((name) => getComputedStyle(p, `::highlight(${name})`).textDecorationLine)
        .join(' ');
    });
    expect(underline).toContain('underline');
    await page.close();
  });
});

describe('visible part first', () => {
  it('marks the text on screen of a page opened far down and the screen above it, not the ~1.2 MB above, and all of it when asked', async () => {
    const expected = await finalTerms('far-anchor.html');
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/far-anchor.html#far`);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(100_000);
    // The far section on screen, and the note just above it (the reader meets it first when scrolling up).
    await page.waitForFunction(allMarked, ['far', 'last-note'], { polling: 'raf', timeout: 15_000 });
    const tabId = await tabIdOf(env.browser, page);
    // The notes at the top are left until the reader comes near them (or asks).
    await expect.poll(() => actionTitle(env.browser, tabId), { timeout: 5_000 }).toMatch(/ so far /);
    // Asked for the page's terms: the same marks as the page opened at the top, nothing read twice or missed.
    await expect
      .poll(async () => JSON.stringify(await pageTerms(env.browser, tabId)), { timeout: 5_000 })
      .toBe(expected);
    await page.close();
  });
});

/** The terms of a page opened at its top, once they stop changing. */
async function finalTerms(file: string): Promise<string> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.url}/${file}`);
  const tabId = await tabIdOf(env.browser, page);
  let last = '';
  for (let stable = 0; stable < 3; ) {
    await page.waitForTimeout(300);
    const now = JSON.stringify(await pageTerms(env.browser, tabId));
    stable = now === last && now !== '{}' ? stable + 1 : 0;
    last = now;
  }
  await page.close();
  return last;
}

describe('page integrity', () => {
  it('leaves the serialised DOM identical (no element of ours until a popover opens)', async () => {
    const plain = await launchWithExtension({ extension: false });
    const without = await plain.context.newPage();
    await without.goto(`${env.server.url}/article.html`);
    await without.waitForTimeout(300);
    const before = await without.evaluate(() => document.documentElement.outerHTML);
    await plain.close();

    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}/article.html`);
    await waitForHighlights(page, 5);
    await page.waitForTimeout(600); // the popover runtime loads after the first mark
    const after = await page.evaluate(() => document.documentElement.outerHTML);
    expect(after).toBe(before);
    await page.close();
  });
});
