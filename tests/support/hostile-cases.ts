// The hostile-page cases' setup: a fixture server and a second one (another
// origin for cross-origin frames), a baseline of each fixture without the
// extension (DOM and text snapshots, page errors), then Chromium with it;
// opening a case and the checks every case ends with.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { type ExtensionBrowser, FIXTURES_DIR, launchWithExtension } from '../e2e/harness';
import { flag, sleep, waitFlag } from './hostile-pages';
import { type ErrorLog, watchErrors } from './page-errors';
import { expectSameSnapshot, type PageSnapshot, snapshot } from './page-integrity';

type Server = Awaited<ReturnType<typeof startStaticServer>>;

/**
 * For the hostile test file: registers its beforeAll/afterAll and returns the
 * environment they fill (read it inside tests) with openCase and finishCase.
 */
export function setupHostileCases() {
  const env = {} as { server: Server; crossServer: Server; browser: ExtensionBrowser };

  const crossPort = () => env.crossServer.port;

  /** URL of each fixture in its deterministic (integrity) form. */
  const INTEGRITY_URLS: Record<string, () => string> = {
    'csp-strict': () => '/hostile/csp-strict.html',
    'huge-dom': () => '/hostile/huge-dom.html',
    'raf-mutate': () => '/hostile/raf-mutate.html?d=1000',
    'shadow-roots': () => '/hostile/shadow-roots.html',
    iframes: () => `/hostile/iframes.html?xport=${crossPort()}`,
    'svg-text': () => '/hostile/svg-text.html',
    overrides: () => '/hostile/overrides.html',
    'host-removal': () => '/hostile/host-removal.html?mode=once',
    'highlights-clear': () => '/hostile/highlights-clear.html',
    frameset: () => '/hostile/frameset.html',
    'long-text': () => '/hostile/long-text.html',
  };

  const baseline: Record<string, PageSnapshot> = {};
  const baselineErrors: Record<string, string[]> = {};

  /**
   * Page errors with the extension that did not happen without it (by message).
   * The browser's own favicon request (a 404 on the fixture server) is timing-
   * dependent and no one's error.
   */
  function newErrors(log: ErrorLog, name: string): string[] {
    const before = new Set((baselineErrors[name] ?? []).map((l) => l.split('\n')[0]));
    return log.all.filter((l) => !before.has(l.split('\n')[0]) && !l.includes('/favicon.ico'));
  }

  async function openCase(name: string, path = (INTEGRITY_URLS[name] as () => string)()) {
    const page = await env.browser.context.newPage();
    const errors = await watchErrors(page);
    await page.goto(`${env.server.url}${path}`, { waitUntil: 'load', timeout: 30_000 });
    return { page, errors };
  }

  async function finishCase(
    name: string,
    page: Page,
    errors: ErrorLog,
    options: { selfTest?: 'click' | 'auto'; integrity?: boolean } = {},
  ): Promise<void> {
    const { selfTest = 'click', integrity = true } = options;
    if (integrity) {
      await waitFlag(page, '__settled');
      // The popover runtime loads ~300 ms after the first mark; a popover hovered last has closed.
      await sleep(700);
      expectSameSnapshot(await snapshot(page), baseline[name], name);
    }
    if (selfTest === 'click') await page.click('#selftest');
    const ok = await waitFlag(page, '__pageOk', 5_000);
    const detail = await flag(page, '__unexpectedCalls').catch(() => undefined);
    expect
      .soft(ok, `${name}: the page's own self-test${detail ? ` (${JSON.stringify(detail)})` : ''}`)
      .toBe(true);
    await sleep(200);
    const fromExtension = errors.extension();
    expect
      .soft(fromExtension, `${name}: errors from the extension:\n${fromExtension.join('\n')}`)
      .toEqual([]);
    const added = newErrors(errors, name);
    expect
      .soft(added, `${name}: page errors that only happen with the extension:\n${added.join('\n')}`)
      .toEqual([]);
    await errors.detach();
    await page.close();
  }

  beforeAll(async () => {
    env.server = await startStaticServer({ root: FIXTURES_DIR });
    env.crossServer = await startStaticServer({ root: FIXTURES_DIR });
    // Baseline: the same pages without the extension.
    const plain = await launchWithExtension({ extension: false });
    try {
      for (const [name, url] of Object.entries(INTEGRITY_URLS)) {
        const page = await plain.context.newPage();
        const errors = await watchErrors(page);
        await page.goto(`${env.server.url}${url()}`, { waitUntil: 'load', timeout: 30_000 });
        await waitFlag(page, '__settled');
        await sleep(300);
        baseline[name] = await snapshot(page);
        baselineErrors[name] = [...errors.all];
        await errors.detach();
        await page.close();
      }
    } finally {
      await plain.close();
    }
    env.browser = await launchWithExtension();
  }, 180_000);

  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
    await env.crossServer?.close();
  });

  return { env, openCase, finishCase };
}
