// Page integrity: the serialised DOM (minus our popover host, if open) and the
// select-all text of a page and its named frames, to compare with and without
// the extension.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { isolated } from './hostile-pages';

interface Snapshot {
  hosts: number;
  htmlLength: number;
  htmlHash: string;
  textLength: number;
  textHash: string;
  /** The full strings when they are small, for a readable diff. */
  html: string | null;
  text: string | null;
}

// Our popover host is there only while a popover is open: a bare <div> child
// of <html> with no attribute (docs/decisions/0009). Left out on both sides.
const SNAPSHOT = `(async () => {
  const hosts = (root) =>
    [...root.children].filter((el) => el.localName === 'div' && el.attributes.length === 0 && !el.firstChild);
  const hostsLive = hosts(document.documentElement).length;
  const clone = document.documentElement.cloneNode(true);
  for (const h of hosts(clone)) h.remove();
  const html = clone.outerHTML;
  const sel = document.getSelection();
  sel.removeAllRanges();
  document.execCommand('selectAll');
  const text = sel.toString();
  sel.removeAllRanges();
  const hex = async (s) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)))]
    .map((b) => b.toString(16).padStart(2, '0')).join('');
  return {
    hosts: hostsLive,
    htmlLength: html.length,
    htmlHash: await hex(html),
    textLength: text.length,
    textHash: await hex(text),
    html: html.length <= 50000 ? html : null,
    text: text.length <= 50000 ? text : null,
  };
})()`;

export type PageSnapshot = { frames: Record<string, Snapshot>; extra: unknown };

/**
 * Top document (isolated world) and every named subframe, keyed by name. The
 * fixtures name all their frames; our popover iframe has no name (and no
 * Playwright element handles are used: they install a helper script in the
 * page's main world, which the overrides page would notice).
 */
export async function snapshot(page: Page): Promise<PageSnapshot> {
  const frames: Record<string, Snapshot> = {};
  frames.top = await isolated<Snapshot>(page, SNAPSHOT);
  for (const f of page.frames()) {
    const key = f.name();
    if (f === page.mainFrame() || !key || f.url().startsWith('chrome-extension://')) continue;
    frames[key] = await (f.evaluate(SNAPSHOT) as Promise<Snapshot>).catch((e: Error) => ({
      hosts: -1,
      htmlLength: -1,
      htmlHash: `error: ${e.message}`,
      textLength: -1,
      textHash: '',
      html: null,
      text: null,
    }));
  }
  const extra = await page
    .evaluate(() => {
      const f = (window as unknown as { __integrityExtra?: () => unknown }).__integrityExtra;
      return f ? f() : null;
    })
    .catch(() => null);
  return { frames, extra };
}

export function expectSameSnapshot(
  withExt: PageSnapshot,
  without: PageSnapshot | undefined,
  label: string,
): void {
  expect(without, `no baseline snapshot for ${label}`).toBeDefined();
  if (!without) return;
  expect(Object.keys(withExt.frames).sort(), `${label}: frames`).toEqual(Object.keys(without.frames).sort());
  for (const [key, a] of Object.entries(withExt.frames)) {
    const b = without.frames[key];
    if (!b) continue;
    expect.soft(a.hosts, `${label} [${key}]: at most one host element`).toBeLessThanOrEqual(1);
    if (a.html !== null && b.html !== null)
      expect.soft(a.html, `${label} [${key}]: serialised DOM`).toBe(b.html);
    else
      expect
        .soft([a.htmlLength, a.htmlHash], `${label} [${key}]: serialised DOM (hash)`)
        .toEqual([b.htmlLength, b.htmlHash]);
    if (a.text !== null && b.text !== null)
      expect.soft(a.text, `${label} [${key}]: select-all text`).toBe(b.text);
    else
      expect
        .soft([a.textLength, a.textHash], `${label} [${key}]: select-all text (hash)`)
        .toEqual([b.textLength, b.textHash]);
  }
  expect.soft(withExt.extra, `${label}: page-reported state (shadow roots)`).toEqual(without.extra);
}
