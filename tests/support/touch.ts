// Phone-sized Chromium for the touch tests (tests/e2e/touch.test.ts): the built
// extension in a context with a touch screen and a mobile viewport, a page
// served through request interception (the fixture server's origin, our own
// HTML), and a page-side probe of how soon the popover's box is on screen.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/find-browser.mjs';

export const PHONE = { width: 390, height: 844 };

export interface TouchBrowser {
  context: BrowserContext;
  worker: Worker;
  close(): Promise<void>;
}

export async function launchTouchBrowser(extensionDir: string): Promise<TouchBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'kl-touch-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    viewport: PHONE,
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 3,
    colorScheme: 'light',
  });
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return {
    context,
    worker,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A phone-width article. "K-hole" appears only inside a link to another page,
 * "ketamine bladder" only inside a link within the page; "esketamine" and
 * "dissociation" in plain text; #plain holds no term.
 */
const TOUCH_ARTICLE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ketamine on a phone</title>
<style>body { font: 18px/1.6 sans-serif; margin: 0; padding: 16px; } p { margin: 0 0 24px; }</style>
</head><body><main>
<h1>Ketamine treatment notes</h1>
<p id="p1">A clinic watches each person for two hours after a dose of esketamine, given as a nasal spray for depression.</p>
<p id="plain">This sentence is about the weather and the morning bus, nothing else.</p>
<p id="p2">Some people describe dissociation during a ketamine session, a detached dreamlike state.</p>
<p id="p3">Read more: <a id="link" href="/touch-next.html">what a K-hole is and why it is risky</a> after ketamine use.</p>
<p id="p4">Higher doses of ketamine can cause nausea, and the effects usually pass within hours of a session.</p>
<p id="p5">Frequent heavy use can harm the bladder: see the <a id="inpage" href="#p1">ketamine bladder notes</a> at the top.</p>
</main></body></html>`;

const NEXT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Next</title></head>
<body><p id="next">The next page.</p></body></html>`;

/** Serves TOUCH_ARTICLE at `${origin}/touch.html` and NEXT_PAGE at `${origin}/touch-next.html`. */
export async function routeTouchPages(context: BrowserContext, origin: string): Promise<void> {
  await context.route(`${origin}/touch*.html`, (route) => {
    const body = route.request().url().endsWith('/touch-next.html') ? NEXT_PAGE : TOUCH_ARTICLE;
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}

export interface FrameProbe {
  /** Rendering updates (requestAnimationFrame turns) from the tap's pointerup to the first with the popover's box hit-testable at a point, or -1. */
  frames: number;
  /** ms from the pointerup event to that turn. */
  ms: number;
}

/**
 * Main world, before a tap: from the next pointerup, looks at each following
 * animation frame for our popover's box under any of `points` (the page sees
 * our host element when it hit-tests the popover; its inside is closed). A box
 * hit in the first turn is painted in the first frame after the tap. Read the
 * result with readFrameProbe.
 */
export function armFrameProbe(points: { x: number; y: number }[]): void {
  const w = window as unknown as { klProbe?: FrameProbe };
  w.klProbe = { frames: -1, ms: -1 };
  const ownTree = (el: Element | null) =>
    !el || document.body.contains(el) || el === document.documentElement;
  addEventListener(
    'pointerup',
    (e) => {
      let n = 0;
      const look = (t: number) => {
        n++;
        if (points.some((p) => !ownTree(document.elementFromPoint(p.x, p.y)))) {
          w.klProbe = { frames: n, ms: t - e.timeStamp };
          return;
        }
        if (n < 120) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    },
    { capture: true, once: true },
  );
}

export async function readFrameProbe(page: Page): Promise<FrameProbe> {
  return page.evaluate(() => (window as unknown as { klProbe: FrameProbe }).klProbe);
}
