// A page cannot tell that Ketamine Lens is installed, in Firefox ESR
// (docs/decisions/0009-not-identifiable-by-pages.md). Firefox's extension
// UUID is random per install, but highlights, the popover host and messages
// are not: the page's own script (tests/support/identity-probe.ts) tries the
// same ways in as in Chromium, with the real moz-extension:// UUID, on two
// loads, before a hover and with the popover open.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
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
  FIREFOX_EXTENSION_DIR,
  openExtensionPage,
  pointOfTerm,
  setupFirefoxWithExtension,
  sleep,
  waitForHighlights,
  waitForPopover,
} from './harness';

const firefox = setupFirefoxWithExtension({ fixtures: true });

/**
 * What the build lists as web-accessible. The MV2 build (what AMO gets) lists
 * nothing; the MV3 test build must list the frame and the runtime, and Firefox
 * has no dynamic URLs, so there a page that knows the per-install UUID can load them.
 */
const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
const listed: string[] = (manifest.web_accessible_resources ?? []).flatMap(
  (r: string | { resources: string[] }) => (typeof r === 'string' ? [r] : r.resources),
);

const gecko: ProbeDriver<Page> = {
  origin: () => firefox().ff.origin,
  async load() {
    const { ff, fixturesUrl } = firefox();
    const page = await ff.newPage();
    await page.evaluateOnNewDocument(installIdentityProbe, new URL(ff.origin).host);
    await page.goto(`${fixturesUrl}/article.html`);
    return page;
  },
  async run<A, R>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // puppeteer types the argument as it arrives (FlattenHandle<A>); ours are plain data.
    return (await page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg)) as R;
  },
  waitForHighlights,
  // The scan is done (the hover that follows shows it found the term).
  waitForQuietScan: () => sleep(1_500),
  pointOfTerm,
  async waitForPopover(page, open, step) {
    await waitForPopover(page, firefox().ff.origin, open, 4_000, step);
  },
  async setStyle(label) {
    const options = await openExtensionPage(firefox().ff, 'options');
    // Clicked again until stored: until the page has read the stored settings
    // it shows "Loading settings…" and has no such label to click yet.
    await expect
      .poll(
        async () => {
          await options.evaluate((text) => {
            const el = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
            (el as HTMLLabelElement | undefined)?.click();
          }, label);
          await sleep(300);
          return options.evaluate(storedHighlightStyleInPage);
        },
        { timeout: 8_000 },
      )
      .toBe(STYLE_VALUE[label]);
    await options.close();
  },
  mayLoad: (file) => listed.includes(file),
};

describe('Firefox: a page cannot tell that the extension is installed', () => {
  it('the MV2 build lists nothing as web-accessible', () => {
    if (manifest.manifest_version === 2) expect(manifest.web_accessible_resources).toBeUndefined();
    else expect(listed.sort()).toEqual(['popover-runtime.js', 'popover.html']);
  });

  it('two loads, before a hover and with the popover open: nothing names us, nothing repeats', () =>
    expectTwoLoadsShowNothing(gecko));

  it('"No marks": the page sees no highlight and no stylesheet before a hover, nor after', () =>
    expectQuietModeShowsNothing(gecko));
});
