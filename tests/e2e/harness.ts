// Real-browser harness: system Chromium (playwright-core) with the built
// extension loaded, plus a local server for fixture pages.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/find-browser.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { type HighlightedRange, highlightsInPage } from '../support/page-probes';

export const EXTENSION_DIR = resolve(process.env.KL_EXT_DIR ?? '.output/chrome-mv3');
export const FIXTURES_DIR = resolve('tests/fixtures');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  userDataDir: string;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export async function launchWithExtension(
  options: { userDataDir?: string; extension?: boolean; colorScheme?: 'light' | 'dark' } = {},
): Promise<ExtensionBrowser> {
  const withExtension = options.extension ?? true;
  if (withExtension && !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'kl-profile-')));
  const args = [...CHROMIUM_FLAGS];
  if (withExtension) {
    args.push(`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    args,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1100, height: 800 },
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
  });
  let worker: Worker | undefined;
  let extensionId = '';
  if (withExtension) {
    worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    worker: worker as Worker,
    userDataDir,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function startFixtureServer(port = 0) {
  return startStaticServer({ root: FIXTURES_DIR, port });
}

export function extensionPage(
  browser: ExtensionBrowser,
  name: 'popup' | 'options' | 'popover' | 'sidepanel',
) {
  return `chrome-extension://${browser.extensionId}/${name}.html`;
}

export async function openExtensionPage(
  browser: ExtensionBrowser,
  name: 'popup' | 'options' | 'sidepanel',
  query = '',
): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(extensionPage(browser, name) + query);
  return page;
}

export type { HighlightedRange };

/** Reads the page's CSS.highlights registry from the main world. */
export async function readHighlights(
  page: Page | import('playwright-core').Frame,
): Promise<HighlightedRange[]> {
  return page.evaluate(highlightsInPage);
}

/** Polls until the page has at least `min` highlighted ranges (or times out). */
export async function waitForHighlights(
  page: Page | import('playwright-core').Frame,
  min = 1,
  timeout = 5_000,
): Promise<HighlightedRange[]> {
  const deadline = Date.now() + timeout;
  let last: HighlightedRange[] = [];
  while (Date.now() < deadline) {
    last = await readHighlights(page);
    if (last.length >= min) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last;
}

/**
 * The id chrome.tabs knows for a Playwright page: bring it to the front and
 * ask for the active tab (without the tabs permission the extension cannot
 * match tabs by URL).
 */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await browser.worker.evaluate(async () => {
    const tabsApi = (
      globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }
    ).chrome.tabs;
    const [tab] = await tabsApi.query({ active: true, lastFocusedWindow: true });
    return tab?.id ?? -1;
  });
  if (id < 0) throw new Error(`no active tab for ${page.url()}`);
  return id;
}

/**
 * The terms on a tab's page (what the popup lists), by entry id, ids sorted.
 * Asking makes the content script read the whole page first (see ReadingWindow).
 */
export async function pageTerms(browser: ExtensionBrowser, tabId: number): Promise<Record<string, number>> {
  const reply = await browser.worker.evaluate(async (tab) => {
    const tabsApi = (
      globalThis as unknown as {
        chrome: { tabs: { sendMessage(t: number, m: object, o: object): Promise<unknown> } };
      }
    ).chrome.tabs;
    return tabsApi.sendMessage(tab, { type: 'kl:get-page-terms' }, { frameId: 0 });
  }, tabId);
  const terms = (reply as { terms?: { id: string; count: number }[] } | undefined)?.terms ?? [];
  const sorted = [...terms].sort((a, b) => (a.id < b.id ? -1 : 1));
  return Object.fromEntries(sorted.map((t) => [t.id, t.count]));
}

/** The toolbar button's title for a tab ("Ketamine Lens: N terms explained …"). */
export async function actionTitle(browser: ExtensionBrowser, tabId: number): Promise<string> {
  return browser.worker.evaluate(async (tab) => {
    const api = (globalThis as unknown as { chrome: { action: { getTitle(d: object): Promise<string> } } })
      .chrome.action;
    return api.getTitle({ tabId: tab });
  }, tabId);
}

export function highlightTexts(ranges: HighlightedRange[]): string[] {
  return ranges.map((r) => r.text);
}

export type FixtureServer = Awaited<ReturnType<typeof startFixtureServer>>;

/**
 * For a test file: starts the fixture server and Chromium with the extension
 * before its tests and closes both after. Read them from the returned object.
 */
export function setupExtensionBrowser(): { browser: ExtensionBrowser; server: FixtureServer } {
  const env = {} as { browser: ExtensionBrowser; server: FixtureServer };
  beforeAll(async () => {
    env.server = await startFixtureServer();
    env.browser = await launchWithExtension();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
