// A page cannot tell that Ketamine Lens is installed
// (docs/decisions/0009-not-identifiable-by-pages.md). The page's own script
// (tests/support/identity-probe.ts, installed before its markup is parsed)
// tries every way in we know of: the names in CSS.highlights, the text of
// adopted and document stylesheets, elements its markup did not create,
// attribute changes, window and document events, performance entries, and
// fetch() of our web-accessible resources under the real extension id. It
// looks on two loads, before a hover and with the popover open, and finds
// nothing that names us and nothing that repeats across loads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { installIdentityProbe } from '../support/identity-probe';
import {
  expectQuietModeShowsNothing,
  expectTwoLoadsShowNothing,
  type ProbeDriver,
  STYLE_VALUE,
  storedHighlightStyleInPage,
} from '../support/identity-probe-steps';
import {
  EXTENSION_DIR,
  openExtensionPage,
  pageTerms,
  setupExtensionBrowser,
  tabIdOf,
  waitForHighlights,
} from './harness';
import { pointOfTerm, waitForPopover } from './popover-helpers';

const env = setupExtensionBrowser();

const chromium: ProbeDriver<Page> = {
  origin: () => `chrome-extension://${env.browser.extensionId}`,
  async load() {
    const page = await env.browser.context.newPage();
    await page.addInitScript(installIdentityProbe, env.browser.extensionId);
    await page.goto(`${env.server.url}/article.html`);
    return page;
  },
  run<A, R>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // playwright types the argument as it arrives (Unboxed<A>); ours are plain data.
    return page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg);
  },
  waitForHighlights,
  async waitForQuietScan(page) {
    // Our index has the terms (the popup could list them), though the page sees none of it.
    const tabId = await tabIdOf(env.browser, page);
    await expect
      .poll(async () => Object.keys(await pageTerms(env.browser, tabId)).length, { timeout: 5_000 })
      .toBeGreaterThan(3);
    await page.waitForTimeout(600);
  },
  pointOfTerm: (page, text) => pointOfTerm(page, text),
  waitForPopover: (page, open, step) => waitForPopover(page, open, open ? 3000 : 2000, step),
  async setStyle(label) {
    const options = await openExtensionPage(env.browser, 'options');
    await options.getByLabel(label, { exact: true }).check();
    await expect
      .poll(() => options.evaluate(storedHighlightStyleInPage), { timeout: 5_000 })
      .toBe(STYLE_VALUE[label]);
    await options.close();
  },
};

describe('a page cannot tell that the extension is installed', () => {
  it('two loads, before a hover and with the popover open: nothing names us, nothing repeats', () =>
    expectTwoLoadsShowNothing(chromium));

  it('the page-side bundles neither post to the page nor dispatch events on its nodes', () => {
    const read = (file: string) => readFileSync(join(EXTENSION_DIR, file), 'utf8');
    const content = read('page-lens.js');
    const runtime = read('popover-runtime.js');
    for (const code of [content, runtime]) expect(code).not.toMatch(/dispatchEvent|CustomEvent/);
    expect(content).not.toContain('postMessage');
    // The runtime posts to its private MessagePort and, once, to the popover frame's own window.
    const posts = runtime.match(/[\w$.?]+\.postMessage\(/g) ?? [];
    for (const post of posts)
      expect(post).toMatch(/\.port\??\.postMessage\(|\.contentWindow\?\.postMessage\(/);
  });

  it('only the popover frame and its runtime are web-accessible, through dynamic URLs', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.web_accessible_resources).toEqual([
      { resources: ['popover.html', 'popover-runtime.js'], matches: ['<all_urls>'], use_dynamic_url: true },
    ]);
  });

  it('"No marks": the page sees no highlight and no stylesheet before a hover, nor after', () =>
    expectQuietModeShowsNothing(chromium));
});
