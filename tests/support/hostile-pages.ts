// Helpers for the hostile-page tests (tests/e2e/hostile.test.ts): polling,
// main-world flags the fixtures set, evaluation in a fresh isolated world (CDP)
// so a page that patches Range or CSS.highlights cannot skew what the test
// sees, our marks as read from CSS.highlights, and hovering one until the
// popover shows.
import type { Frame, Page } from 'playwright-core';
import { RUNTIME_KEY } from '../../lib/contracts';

/** The content script's file in the built extension. */
export const CONTENT_SCRIPT = 'page-lens.js';

// ---------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function poll<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeout: number,
  step = 100,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last = await fn();
  while (!ok(last) && Date.now() < deadline) {
    await sleep(step);
    last = await fn();
  }
  return last;
}

/** Reads a page global from the main world (a plain property read: patches cannot interfere). */
export function flag<T = unknown>(target: Page | Frame, name: string): Promise<T> {
  return target.evaluate((n) => (window as unknown as Record<string, unknown>)[n], name) as Promise<T>;
}

export async function waitFlag(target: Page | Frame, name: string, timeout = 15_000): Promise<unknown> {
  return poll(
    () => flag(target, name).catch(() => undefined),
    (v) => v !== undefined && v !== null && v !== false && v !== 0,
    timeout,
  );
}

/** Evaluates an expression in a fresh isolated world of the page's top frame. */
export async function isolated<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'kl-hostile-test',
    })) as { executionContextId: number };
    const r = (await cdp.send('Runtime.evaluate', {
      expression,
      contextId: executionContextId,
      returnByValue: true,
      awaitPromise: true,
    })) as {
      result: { value: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (r.exceptionDetails) {
      throw new Error(
        `isolated evaluate failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`,
      );
    }
    return r.result.value as T;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function evalIn<T>(target: Page | Frame, expression: string): Promise<T> {
  if ('mainFrame' in target) return isolated<T>(target, expression);
  return target.evaluate(expression) as Promise<T>;
}

// ---------------------------------------------------------------------------
// Marks
// ---------------------------------------------------------------------------

export interface MarkInfo {
  name: string;
  text: string;
  /** The mark's text node is inside a shadow root. */
  shadow: boolean;
  /** Nearest element with an id (crossing into the shadow host), for locating marks. */
  near: string;
}

/**
 * Our highlight names are random per load: a letter, then base-36 (lib/dom/painter.ts).
 * The fixtures' own highlights ('page-own', 'x') have hyphens or are short.
 */
const OURS = '/^[a-z][0-9a-z]{8,}$/';

const READ_MARKS = `(() => {
  const out = [];
  for (const [name, h] of CSS.highlights) {
    if (!${OURS}.test(name)) continue;
    for (const r of h) {
      const range = new Range();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const root = r.startContainer.getRootNode();
      let el = r.startContainer.parentElement;
      let near = '';
      for (let n = el; n && !near; ) {
        if (n.id) near = n.id;
        n = n.parentElement || (n.getRootNode() instanceof ShadowRoot ? n.getRootNode().host : null);
      }
      if (!near && root instanceof ShadowRoot) near = root.host.id;
      out.push({ name, text: range.toString(), shadow: root instanceof ShadowRoot, near });
    }
  }
  return out;
})()`;

export function readMarks(target: Page | Frame): Promise<MarkInfo[]> {
  return evalIn<MarkInfo[]>(target, READ_MARKS).catch(() => []);
}

export async function waitForMarks(
  target: Page | Frame,
  ok: (marks: MarkInfo[]) => boolean,
  timeout = 8_000,
): Promise<MarkInfo[]> {
  return poll(() => readMarks(target), ok, timeout, 100);
}

export const texts = (marks: MarkInfo[]) => marks.map((m) => m.text);
export const hasAll =
  (...want: string[]) =>
  (marks: MarkInfo[]) =>
    want.every((w) => texts(marks).includes(w));

/** Centre of the first line box of the mark with this text, read in an isolated world. */
async function pointOfMark(page: Page, text: string): Promise<{ x: number; y: number } | null> {
  return isolated(
    page,
    `(() => {
      for (const [name, h] of CSS.highlights) {
        if (!${OURS}.test(name)) continue;
        for (const r of h) {
          const range = new Range();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          if (range.toString() !== ${JSON.stringify(text)}) continue;
          const rect = [...range.getClientRects()].find((c) => c.width > 0);
          if (rect) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
      return null;
    })()`,
  );
}

/**
 * Whether our popover iframe is showing: its owner element (inside the host's
 * closed shadow root) is found through CDP and checked in an isolated world.
 */
async function popoverShown(page: Page): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    type DomNode = {
      nodeName: string;
      backendNodeId: number;
      attributes?: string[];
      children?: DomNode[];
      shadowRoots?: DomNode[];
    };
    // The host is a child of <html>; its closed root holds the iframe, whose src is our popover page.
    const { root } = (await cdp.send('DOM.getDocument', { depth: 5, pierce: true })) as { root: DomNode };
    const frames: number[] = [];
    const visit = (n: DomNode, inShadow: boolean) => {
      const ours = (n.attributes ?? []).some((a) => a.includes('/popover.html#'));
      if (inShadow && n.nodeName === 'IFRAME' && ours) frames.push(n.backendNodeId);
      for (const c of n.children ?? []) visit(c, inShadow);
      for (const c of n.shadowRoots ?? []) visit(c, true);
    };
    visit(root, false);
    if (frames.length === 0) return false;
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'kl-hostile-test',
    })) as { executionContextId: number };
    for (const backendNodeId of frames) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId, executionContextId })) as {
        object: { objectId?: string };
      };
      if (!object.objectId) continue;
      const { result } = (await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration:
          'function () { return this.isConnected && getComputedStyle(this).visibility === "visible" && this.getBoundingClientRect().height > 0; }',
        returnByValue: true,
      })) as { result: { value: boolean } };
      if (result.value === true) return true;
    }
    return false;
  } catch {
    return false;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Whether the popover UI has loaded: its runtime is installed in the content
 * script's isolated world (no element of ours is in the page until a popover opens).
 */
async function uiLoaded(page: Page): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    type Context = { id: number; origin: string; auxData?: { frameId?: string } };
    const contexts: Context[] = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: Context }) => contexts.push(e.context));
    await cdp.send('Runtime.enable'); // reports the contexts that exist
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const world = contexts.find(
      (c) => c.origin.startsWith('chrome-extension://') && c.auxData?.frameId === frameTree.frame.id,
    );
    if (!world) return false;
    const r = (await cdp.send('Runtime.evaluate', {
      expression: `!!globalThis[${JSON.stringify(RUNTIME_KEY)}]`,
      contextId: world.id,
      returnByValue: true,
    })) as { result: { value: unknown } };
    return r.result.value === true;
  } catch {
    return false;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Moves the pointer onto a mark (from outside it) and waits for the popover.
 * The popover UI loads after the first mark is found; like a reader's hand,
 * the pointer keeps moving slightly over the term while we wait.
 */
export async function hoverShowsPopover(
  page: Page,
  text: string,
  timeout = 3_000,
  waitForUi = true,
): Promise<boolean> {
  if (waitForUi)
    await poll(
      () => uiLoaded(page),
      (v) => v,
      3_000,
    );
  const point = await pointOfMark(page, text);
  if (!point) throw new Error(`no mark "${text}" to hover`);
  await page.mouse.move(5, 5);
  await sleep(50);
  await page.mouse.move(point.x - 2, point.y, { steps: 3 });
  await page.mouse.move(point.x, point.y, { steps: 2 });
  const deadline = Date.now() + timeout;
  let shown = false;
  for (let i = 0; !shown && Date.now() < deadline; i++) {
    shown = await popoverShown(page);
    if (!shown) {
      await sleep(100);
      if (i % 5 === 4) await page.mouse.move(point.x + ((i / 5) % 2 ? 1 : -1), point.y);
    }
  }
  await page.mouse.move(5, 5);
  return shown;
}
