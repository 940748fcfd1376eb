// Real-browser harness for Firefox: Firefox ESR driven by puppeteer-core over
// WebDriver BiDi, with the built Firefox extension (.output/firefox-mv2)
// installed as a temporary add-on, plus a local server for fixture pages.
//
// Two Firefox facts shape this file:
// - WebDriver BiDi in Firefox does not report events for extension contexts
//   (Bugzilla 1755014): a tab or iframe that navigates to moz-extension:// keeps
//   the url it had before (about:blank) in puppeteer, and puppeteer's goto()
//   never sees its load. Script evaluation in such a context still works, so we
//   find our frames by asking them for location.href.
// - BiDi refuses to navigate a tab to moz-extension:// unless Firefox runs with
//   -remote-allow-system-access.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { findFirefox } from '../../scripts/find-browser.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { type HighlightedRange, highlightsInPage, markPointInPage } from '../support/page-probes';

// The MV2 build is what we ship to AMO; KL_FIREFOX_BUILD=.output/firefox-mv3
// runs the same tests against `wxt build -b firefox --mv3`.
export const FIREFOX_EXTENSION_DIR = resolve(process.env.KL_FIREFOX_BUILD ?? '.output/firefox-mv2');
export const FIXTURES_DIR = resolve('tests/fixtures');
/** Fixed moz-extension:// UUID, set through a profile pref before launch. */
export const EXTENSION_UUID = '6b0f4c1e-2d7a-4e39-9c55-0a8e1f3b7d42';

export interface FirefoxWithExtension {
  browser: Browser;
  extensionId: string;
  /** moz-extension://<uuid> */
  origin: string;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export function requireFirefox(): string {
  const path = findFirefox();
  if (!path) {
    throw new Error(
      'Firefox is not installed, so the Firefox tests cannot run: install with apt-get install -y firefox-esr ' +
        '(or set FIREFOX_PATH to a Firefox executable).',
    );
  }
  return path;
}

function geckoId(): string {
  const manifestPath = join(FIREFOX_EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(
      `No built Firefox extension in ${FIREFOX_EXTENSION_DIR}: run \`npx wxt build -b firefox\` first.`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id`);
  return id;
}

/** prefs: extra Firefox preferences for this launch. */
export async function launchFirefoxWithExtension(
  options: { prefs?: Record<string, unknown> } = {},
): Promise<FirefoxWithExtension> {
  const executablePath = requireFirefox();
  const id = geckoId();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    protocol: 'webDriverBiDi',
    // Lets BiDi open moz-extension:// pages in a tab (the popup test).
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: EXTENSION_UUID }),
      // Every host name resolves to 127.0.0.1: http://plain.test:<port>/ reaches the
      // fixture server as an ordinary, non-secure http origin (127.0.0.1 and
      // localhost are secure contexts, most real http sites are not).
      'network.dns.forceResolve': '127.0.0.1',
      ...options.prefs,
    },
  });
  try {
    const installed = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    if (installed !== id) throw new Error(`installExtension returned ${installed}, expected ${id}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return {
    browser,
    extensionId: id,
    origin: `moz-extension://${EXTENSION_UUID}`,
    async newPage() {
      const page = await browser.newPage();
      await page.setViewport({ width: 1100, height: 800 });
      return page;
    },
    close: () => browser.close(),
  };
}

/**
 * Launches Firefox with the extension once per test file (and the fixture
 * server when asked). Returns a getter for the tests: when the launch failed
 * (no Firefox, no build), every test that calls it fails with that message.
 */
export function setupFirefoxWithExtension(
  options: { fixtures?: boolean; prefs?: Record<string, unknown> } = {},
) {
  let ff: FirefoxWithExtension | undefined;
  let server: Awaited<ReturnType<typeof startFixtureServer>> | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      if (options.fixtures) server = await startFixtureServer();
      ff = await launchFirefoxWithExtension({ prefs: options.prefs });
    } catch (error) {
      failure = error;
    }
  });
  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });
  return () => {
    if (failure) throw failure;
    if (!ff) throw new Error('Firefox was not launched');
    return { ff, fixturesUrl: server?.url ?? '' };
  };
}

/** The fixture server's URL under a host name that is not a secure context. */
export function insecureUrl(fixturesUrl: string): string {
  const url = new URL(fixturesUrl);
  url.hostname = 'plain.test';
  return url.origin;
}

export async function startFixtureServer(port = 0) {
  return startStaticServer({ root: FIXTURES_DIR, port });
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((ok) => setTimeout(ok, ms));
}

/** Navigates a tab to one of our extension pages and waits until it has loaded. */
export async function openExtensionPage(
  ff: FirefoxWithExtension,
  name: 'popup' | 'options' | 'pdf' | 'scan' | 'sidepanel',
  query = '',
) {
  const url = `${ff.origin}/${name}.html${query}`;
  const page = await ff.newPage();
  // puppeteer's goto() waits for a load event that BiDi never sends for
  // extension pages, so send the navigate command itself and let Firefox wait.
  const context = (
    page.mainFrame() as unknown as {
      browsingContext?: { navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void> };
    }
  ).browsingContext;
  if (typeof context?.navigate === 'function') {
    await context.navigate(url, 'complete');
  } else {
    void page.goto(url, { timeout: 5_000 }).catch(() => {});
  }
  const deadline = Date.now() + 10_000;
  let state: { href: string; ready: string } | null = null;
  while (Date.now() < deadline) {
    state = await page
      .evaluate(() => ({ href: location.href, ready: document.readyState }))
      .catch(() => null);
    if (state?.href === url && state.ready === 'complete') return page;
    await sleep(50);
  }
  throw new Error(`${url} did not load (last seen: ${JSON.stringify(state)})`);
}

export type { HighlightedRange };

/** Reads the page's CSS.highlights registry from the main world. */
export async function readHighlights(target: Page | Frame): Promise<HighlightedRange[]> {
  return target.evaluate(highlightsInPage);
}

/** Polls until the page has at least `min` highlighted ranges (or times out). */
export async function waitForHighlights(target: Page | Frame, min = 1, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let last: HighlightedRange[] = [];
  while (Date.now() < deadline) {
    last = await readHighlights(target);
    if (last.length >= min) return last;
    await sleep(50);
  }
  return last;
}

/** Centre of the first client rect of the first mark whose text is `text`. */
export async function pointOfTerm(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(markPointInPage, { text });
  if (!point) throw new Error(`No mark with text "${text}"`);
  return point;
}

/**
 * Our popover's frame: the child frame whose document is
 * moz-extension://<uuid>/popover.html. (Frame.url() stays "about:blank" for
 * it in Firefox, see the top of this file, so each frame is asked.)
 */
export async function findPopoverFrame(page: Page, origin: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const href = await frame.evaluate(() => location.href).catch(() => '');
    if (href.startsWith(`${origin}/popover.html`)) return frame;
  }
  return undefined;
}

/** The popover frame's src and whether it shows; null when it has left the page as we looked. */
export async function popoverFrameState(frame: Frame): Promise<{ src: string; visible: boolean } | null> {
  try {
    const el = await frame.frameElement();
    if (!el) return null;
    return await el.evaluate((iframe) => ({
      src: (iframe as HTMLIFrameElement).src,
      visible:
        iframe.isConnected &&
        getComputedStyle(iframe).visibility === 'visible' &&
        iframe.getBoundingClientRect().height > 0,
    }));
  } catch {
    return null;
  }
}

/** Polls until our popover frame is (in)visible; returns the frame when there is one. */
export async function waitForPopover(
  page: Page,
  origin: string,
  visible: boolean,
  timeout = 4_000,
  step = '',
): Promise<Frame | undefined> {
  const deadline = Date.now() + timeout;
  let frame: Frame | undefined;
  while (Date.now() < deadline) {
    frame = await findPopoverFrame(page, origin);
    const state = frame ? await popoverFrameState(frame) : null;
    if ((state?.visible ?? false) === visible) return frame;
    await sleep(50);
  }
  throw new Error(
    `popover iframe did not become ${visible ? 'visible' : 'hidden'} within ${timeout} ms ${step} ` +
      `(popover frame ${frame ? 'found' : 'not found'} among ${page.frames().length} frames)`,
  );
}
