// Privacy (PRIVACY.md): no network requests, no remote code, no analytics. One run
// loads several fixture pages (plain, iframes including cross-origin, strict
// CSP), opens the popup and searches, opens the options page and hovers a
// term so the popover loads. Every request is recorded:
//   - context.on('request') for pages, frames (including the out-of-process
//     popover iframe) and the service worker (request.serviceWorker()),
//   - a CDP Network session per page for the initiator of each request, so a
//     request started by the content script (stack in content.js) is known,
//   - page.on('websocket').
// It fails on any request made by the extension's contexts that is not a
// chrome-extension:// URL, and on any request the same pages do not make
// without the extension.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { markPointInPage } from '../support/page-probes';
import { type ExtensionBrowser, extensionPage, FIXTURES_DIR, launchWithExtension } from './harness';

type Server = Awaited<ReturnType<typeof startStaticServer>>;
let server: Server;
let crossServer: Server;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Recorded {
  url: string;
  /** Who made it: the service worker, an extension page/frame, or a web page/frame. */
  by: 'service-worker' | 'extension-page' | 'web-page';
  frameUrl: string;
  resourceType: string;
}

interface Initiated {
  url: string;
  initiator: string;
  fromExtension: boolean;
}

const isExtensionUrl = (u: string) => u.startsWith('chrome-extension://');
/** Not network: the browser serves these from memory. */
const isLocalScheme = (u: string) => /^(?:data|blob|about|chrome-extension):/.test(u);

function classify(req: Request): Recorded {
  const sw = req.serviceWorker();
  let frameUrl = '';
  try {
    frameUrl = req.frame().url();
  } catch {
    // service-worker requests have no frame
  }
  let by: Recorded['by'] = 'web-page';
  if (sw) by = isExtensionUrl(sw.url()) ? 'service-worker' : 'web-page';
  else if (isExtensionUrl(frameUrl)) by = 'extension-page';
  return { url: req.url(), by, frameUrl: sw ? sw.url() : frameUrl, resourceType: req.resourceType() };
}

/** Records requests of a whole browser context, plus initiators per page through CDP. */
function record(context: ExtensionBrowser['context']) {
  const requests: Recorded[] = [];
  const initiated: Initiated[] = [];
  const sockets: string[] = [];
  const pagesOpened: string[] = [];
  context.on('request', (req) => requests.push(classify(req)));
  const watchPage = async (page: Page) => {
    page.on('websocket', (ws) => sockets.push(ws.url()));
    const cdp = await context.newCDPSession(page).catch(() => null);
    if (!cdp) return;
    cdp.on('Network.requestWillBeSent', (e) => {
      const frames: string[] = [];
      for (let st: typeof e.initiator.stack | undefined = e.initiator.stack; st; st = st.parent) {
        for (const f of st.callFrames) frames.push(f.url);
      }
      const where = [e.initiator.url ?? '', ...frames];
      initiated.push({
        url: e.request.url,
        initiator: `${e.initiator.type} ${where.filter(Boolean).join(' < ')}`,
        fromExtension: where.some(isExtensionUrl),
      });
    });
    await cdp.send('Network.enable').catch(() => {});
  };
  context.on('page', (page) => {
    pagesOpened.push(page.url());
    void watchPage(page);
  });
  for (const page of context.pages()) void watchPage(page);
  return { requests, initiated, sockets, pagesOpened, watchPage };
}

/** The same steps with or without the extension; returns the pages it opened itself. */
async function browse(
  b: ExtensionBrowser,
  withExtension: boolean,
  watch: (p: Page) => Promise<void>,
): Promise<void> {
  const open = async (path: string, settle = 1200) => {
    const page = await b.context.newPage();
    await watch(page);
    await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
    await sleep(settle);
    return page;
  };
  const article = await open('/article.html');
  if (withExtension) {
    // Hover a mark so the popover (an extension page in an iframe) renders an entry.
    const point = await article.evaluate(markPointInPage, { visible: true });
    expect(point, 'a visible mark to hover on the article').not.toBeNull();
    if (point) {
      await article.mouse.move(point.x, point.y, { steps: 3 });
      await sleep(1200);
      const popover = article.frames().find((f) => f.url().includes('/popover.html'));
      expect(popover, 'the popover frame loaded').toBeTruthy();
      // Links in the entry are https sources: they must not be prefetched.
      await article.mouse.move(5, 5);
    }
  }
  await open('/shadow.html');
  await open(`/hostile/iframes.html?xport=${crossServer.port}`, 2000);
  await open('/hostile/csp-strict.html');
  await open('/spa.html', 1500);
  if (withExtension) {
    const popup = await b.context.newPage();
    await watch(popup);
    await popup.goto(extensionPage(b, 'popup'));
    await popup.waitForLoadState('load');
    await popup.keyboard.type('k-hole', { delay: 30 });
    await sleep(800);
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('Enter');
    await sleep(800);
    const options = await b.context.newPage();
    await watch(options);
    await options.goto(extensionPage(b, 'options'));
    await sleep(1000);
  }
}

let baselineUrls = new Set<string>();
let run: ReturnType<typeof record>;
let extensionId = '';

beforeAll(async () => {
  server = await startStaticServer({ root: FIXTURES_DIR });
  crossServer = await startStaticServer({ root: FIXTURES_DIR });

  const plain = await launchWithExtension({ extension: false });
  try {
    const base = record(plain.context);
    await browse(plain, false, base.watchPage);
    baselineUrls = new Set(base.requests.map((r) => r.url));
  } finally {
    await plain.close();
  }

  const b = await launchWithExtension();
  extensionId = b.extensionId;
  try {
    run = record(b.context);
    // Anything the extension opened on install (a welcome tab, a remote page).
    run.pagesOpened.push(...b.context.pages().map((p) => p.url()));
    await browse(b, true, run.watchPage);
    await sleep(1000);
    run.pagesOpened.push(...b.context.pages().map((p) => p.url()));
  } finally {
    await b.close();
  }
}, 180_000);

afterAll(async () => {
  await server?.close();
  await crossServer?.close();
});

describe('privacy: no network requests from the extension', () => {
  it('recorded a real run (pages, the popover and popup pages, the service worker were all seen)', () => {
    expect(run.requests.some((r) => r.by === 'web-page' && r.url.startsWith(server.url))).toBe(true);
    expect(run.requests.some((r) => r.by === 'extension-page' && r.frameUrl.includes('/popover.html'))).toBe(
      true,
    );
    expect(run.requests.some((r) => r.by === 'extension-page' && r.frameUrl.includes('/popup.html'))).toBe(
      true,
    );
    expect(run.initiated.length).toBeGreaterThan(0);
    expect(extensionId).not.toBe('');
  });

  it('the service worker makes no request outside the extension', () => {
    const bad = run.requests.filter((r) => r.by === 'service-worker' && !isExtensionUrl(r.url));
    expect(bad.map((r) => `${r.url} (from ${r.frameUrl})`)).toEqual([]);
  });

  it('extension pages (popup, options, popover iframe) make no request outside the extension', () => {
    const bad = run.requests.filter((r) => r.by === 'extension-page' && !isLocalScheme(r.url));
    expect(bad.map((r) => `${r.resourceType} ${r.url} (from ${r.frameUrl})`)).toEqual([]);
    // …and load only their own extension's files.
    const foreign = run.requests.filter(
      (r) =>
        r.by === 'extension-page' &&
        isExtensionUrl(r.url) &&
        !r.url.startsWith(`chrome-extension://${extensionId}/`),
    );
    expect(foreign.map((r) => r.url)).toEqual([]);
  });

  it('the content script starts no request outside the extension (initiator stacks)', () => {
    const bad = run.initiated.filter((i) => i.fromExtension && !isLocalScheme(i.url));
    expect(bad.map((i) => `${i.url} ← ${i.initiator}`)).toEqual([]);
  });

  it('web pages make no request with the extension that they do not make without it', () => {
    const extra = run.requests.filter(
      (r) =>
        r.by === 'web-page' &&
        !isLocalScheme(r.url) &&
        !baselineUrls.has(r.url) &&
        !r.url.endsWith('/favicon.ico'),
    );
    expect(extra.map((r) => `${r.resourceType} ${r.url} (frame ${r.frameUrl})`)).toEqual([]);
  });

  it('nothing reaches beyond the two local fixture servers; no websockets; no tabs opened by the extension', () => {
    const hosts = new Set([
      new URL(server.url).host,
      `localhost:${crossServer.port}`,
      `127.0.0.1:${crossServer.port}`,
    ]);
    const outside = run.requests.filter((r) => !isLocalScheme(r.url) && !hosts.has(new URL(r.url).host));
    expect(outside.map((r) => `${r.by} ${r.url}`)).toEqual([]);
    expect(run.sockets).toEqual([]);
    const unexpectedPages = run.pagesOpened.filter(
      (u) =>
        u !== 'about:blank' &&
        u !== '' &&
        !u.startsWith(server.url) &&
        !u.startsWith(`chrome-extension://${extensionId}/`),
    );
    expect(unexpectedPages).toEqual([]);
  });
});
