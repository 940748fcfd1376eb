// Hostile pages: the built extension in real Chromium against pages that make
// a content script's life hard (tests/fixtures/hostile/). For each page:
//   - the page's own self-test still passes (window.__pageOk),
//   - the extension raises no errors (page errors, console errors from its
//     isolated world, browser log entries naming chrome-extension://),
//   - marks appear where the design says they should,
//   - page integrity: the serialised DOM (minus our single host element) and
//     the select-all text are identical with and without the extension.
// Reads of CSS.highlights and DOM snapshots of top documents run in a fresh
// isolated world (CDP), so a page that patches Range or CSS.highlights in its
// main world cannot skew what the test sees.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { type ExtensionBrowser, FIXTURES_DIR, launchWithExtension } from './harness';

const HOSTILE = join(FIXTURES_DIR, 'hostile');
const CONTENT_SCRIPT = 'page-lens.js';

type Server = Awaited<ReturnType<typeof startStaticServer>>;
let server: Server;
let crossServer: Server;
let browser: ExtensionBrowser;

// ---------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeout: number, step = 100): Promise<T> {
  const deadline = Date.now() + timeout;
  let last = await fn();
  while (!ok(last) && Date.now() < deadline) {
    await sleep(step);
    last = await fn();
  }
  return last;
}

/** Reads a page global from the main world (a plain property read: patches cannot interfere). */
function flag<T = unknown>(target: Page | Frame, name: string): Promise<T> {
  return target.evaluate((n) => (window as unknown as Record<string, unknown>)[n], name) as Promise<T>;
}

async function waitFlag(target: Page | Frame, name: string, timeout = 15_000): Promise<unknown> {
  return poll(
    () => flag(target, name).catch(() => undefined),
    (v) => v !== undefined && v !== null && v !== false && v !== 0,
    timeout,
  );
}

/** Evaluates an expression in a fresh isolated world of the page's top frame. */
async function isolated<T>(page: Page, expression: string): Promise<T> {
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

interface MarkInfo {
  name: string;
  text: string;
  /** The mark's text node is inside a shadow root. */
  shadow: boolean;
  /** Nearest element with an id (crossing into the shadow host), for locating marks. */
  near: string;
}

const READ_MARKS = `(() => {
  const out = [];
  for (const [name, h] of CSS.highlights) {
    if (!name.startsWith('ketamine-lens')) continue;
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

function readMarks(target: Page | Frame): Promise<MarkInfo[]> {
  return evalIn<MarkInfo[]>(target, READ_MARKS).catch(() => []);
}

async function waitForMarks(
  target: Page | Frame,
  ok: (marks: MarkInfo[]) => boolean,
  timeout = 8_000,
): Promise<MarkInfo[]> {
  return poll(() => readMarks(target), ok, timeout, 100);
}

const texts = (marks: MarkInfo[]) => marks.map((m) => m.text);
const hasAll =
  (...want: string[]) =>
  (marks: MarkInfo[]) =>
    want.every((w) => texts(marks).includes(w));

/** Centre of the first line box of the mark with this text, read in an isolated world. */
async function pointOfMark(page: Page, text: string): Promise<{ x: number; y: number } | null> {
  return isolated(
    page,
    `(() => {
      for (const [name, h] of CSS.highlights) {
        if (!name.startsWith('ketamine-lens')) continue;
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
    // The host is a child of <html>; its closed root holds the iframe.
    const { root } = (await cdp.send('DOM.getDocument', { depth: 5, pierce: true })) as { root: DomNode };
    const frames: number[] = [];
    const visit = (n: DomNode, inHost: boolean) => {
      const isHost = (n.attributes ?? []).includes('data-ketamine-lens-host');
      if (inHost && n.nodeName === 'IFRAME') frames.push(n.backendNodeId);
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) visit(c, inHost || isHost);
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

/** Whether our host element is in the page (the popover UI has loaded). */
function hostPresent(page: Page): Promise<boolean> {
  return isolated<boolean>(page, `!!document.querySelector('[data-ketamine-lens-host]')`).catch(() => false);
}

/**
 * Moves the pointer onto a mark (from outside it) and waits for the popover.
 * The popover UI loads after the first mark is found; like a reader's hand,
 * the pointer keeps moving slightly over the term while we wait.
 */
async function hoverShowsPopover(
  page: Page,
  text: string,
  timeout = 3_000,
  waitForHost = true,
): Promise<boolean> {
  if (waitForHost)
    await poll(
      () => hostPresent(page),
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

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

interface ErrorLog {
  /** Everything: page errors, console errors, browser log errors. */
  all: string[];
  /** Entries attributable to the extension. */
  extension(): string[];
  detach(): Promise<void>;
}

const EXTENSION_MARKERS = ['chrome-extension://', CONTENT_SCRIPT, 'page-lens.js'];

async function watchErrors(page: Page): Promise<ErrorLog> {
  const all: string[] = [];
  const fromExtension: string[] = [];
  page.on('pageerror', (e) => all.push(`pageerror: ${e.message}\n${e.stack ?? ''}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'assert')
      all.push(`console.${m.type()}: ${m.text()} @ ${m.location().url}`);
  });
  // Our own session sees the content script's isolated world (Playwright drops
  // console calls from worlds it does not own).
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const extContexts = new Set<number>();
  cdp.on(
    'Runtime.executionContextCreated',
    (e: { context: { id: number; origin: string; name: string } }) => {
      if (e.context.origin.startsWith('chrome-extension://')) extContexts.add(e.context.id);
    },
  );
  cdp.on(
    'Runtime.consoleAPICalled',
    (e: { type: string; executionContextId: number; args: { value?: unknown; description?: string }[] }) => {
      if (!extContexts.has(e.executionContextId)) return;
      if (e.type === 'error' || e.type === 'assert' || e.type === 'warning') {
        fromExtension.push(
          `extension console.${e.type}: ${e.args.map((a) => String(a.value ?? a.description ?? '')).join(' ')}`,
        );
      }
    },
  );
  cdp.on(
    'Runtime.exceptionThrown',
    (e: {
      exceptionDetails: {
        executionContextId?: number;
        text: string;
        exception?: { description?: string };
        url?: string;
      };
    }) => {
      const d = e.exceptionDetails;
      const line = `exception: ${d.text} ${d.exception?.description ?? ''} @ ${d.url ?? ''}`;
      if (
        (d.executionContextId !== undefined && extContexts.has(d.executionContextId)) ||
        EXTENSION_MARKERS.some((m) => line.includes(m))
      ) {
        fromExtension.push(line);
      }
    },
  );
  cdp.on('Log.entryAdded', (e: { entry: { level: string; text: string; url?: string; source: string } }) => {
    const line = `log.${e.entry.level} (${e.entry.source}): ${e.entry.text} @ ${e.entry.url ?? ''}`;
    if (e.entry.level === 'error') all.push(line);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  return {
    all,
    extension: () => [...fromExtension, ...all.filter((l) => EXTENSION_MARKERS.some((m) => l.includes(m)))],
    detach: () => cdp.detach().catch(() => {}),
  };
}

// ---------------------------------------------------------------------------
// Page integrity snapshots
// ---------------------------------------------------------------------------

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

const SNAPSHOT = `(async () => {
  const hostsLive = document.querySelectorAll('[data-ketamine-lens-host]').length;
  const clone = document.documentElement.cloneNode(true);
  for (const h of clone.querySelectorAll('[data-ketamine-lens-host]')) h.remove();
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

type PageSnapshot = { frames: Record<string, Snapshot>; extra: unknown };

/**
 * Top document (isolated world) and every named subframe, keyed by name. The
 * fixtures name all their frames; our popover iframe has no name (and no
 * Playwright element handles are used: they install a helper script in the
 * page's main world, which the overrides page would notice).
 */
async function snapshot(page: Page): Promise<PageSnapshot> {
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

function expectSameSnapshot(withExt: PageSnapshot, without: PageSnapshot | undefined, label: string): void {
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

// ---------------------------------------------------------------------------
// CPU use of the content script: V8's sampling profiler and the scheduler's
// task events from one browser-wide trace (so a renderer swap on navigation
// loses nothing, and samples and tasks share one clock).
// ---------------------------------------------------------------------------

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      startTime?: number;
      cpuProfile?: {
        nodes?: { id: number; parent?: number; callFrame: { url: string; functionName: string } }[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

interface CpuUse {
  /** Span of the profiled main-thread samples. */
  wallMs: number;
  /** Extension samples on content-script threads (content.js or a module it loaded on the stack), in ms. */
  contentMs: number;
  share: number;
  /** Most content-script time inside one main-thread task. */
  longestMs: number;
  /** Duration of that task (page work included). */
  longestTaskMs: number;
  contentSamples: number;
}

const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

function contentScriptCpu(events: TraceEvent[]): CpuUse {
  const mainThreads = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  // Top-level tasks per main thread, in time order.
  const tasks = new Map<string, { ts: number; end: number; cs: number }[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !TASK_NAMES.has(e.name) || !mainThreads.has(key)) continue;
    const list = tasks.get(key) ?? [];
    list.push({ ts: e.ts, end: e.ts + (e.dur ?? 0), cs: 0 });
    tasks.set(key, list);
  }
  for (const [key, list] of tasks) {
    list.sort((a, b) => a.ts - b.ts);
    const top: typeof list = [];
    for (const t of list)
      if (!top.length || t.ts >= (top[top.length - 1] as (typeof list)[number]).end) top.push(t);
    tasks.set(key, top);
  }
  // Sampled profiles (one per thread), assembled from their chunks.
  const profiles = new Map<
    string,
    {
      thread: string;
      start: number;
      nodes: Map<number, { parent?: number; url: string }>;
      samples: number[];
      deltas: number[];
    }
  >();
  for (const e of events) {
    if (e.name === 'Profile' && e.id) {
      profiles.set(`${e.pid}:${e.id}`, {
        thread: `${e.pid}:${e.tid}`,
        start: e.args?.data?.startTime ?? e.ts,
        nodes: new Map(),
        samples: [],
        deltas: [],
      });
    }
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    const data = e.args?.data;
    if (!p || !data) continue;
    for (const n of data.cpuProfile?.nodes ?? [])
      p.nodes.set(n.id, { parent: n.parent, url: n.callFrame.url ?? '' });
    p.samples.push(...(data.cpuProfile?.samples ?? []));
    p.deltas.push(...(data.timeDeltas ?? []));
  }
  let contentUs = 0;
  let count = 0;
  let wallUs = 0;
  for (const p of profiles.values()) {
    if (!mainThreads.has(p.thread)) continue;
    // Extension code on a stack: the content script, or a module it loaded
    // later (e.g. the popover runtime), on a thread that runs the content
    // script (so the popover's own out-of-process frame is not counted).
    const onStack = (marker: string) => {
      const memo = new Map<number, boolean>();
      const test = (id: number): boolean => {
        const known = memo.get(id);
        if (known !== undefined) return known;
        const node = p.nodes.get(id);
        const v = !!node && (node.url.includes(marker) || (node.parent !== undefined && test(node.parent)));
        memo.set(id, v);
        return v;
      };
      return test;
    };
    if (!p.samples.some(onStack(CONTENT_SCRIPT))) continue;
    const inContent = onStack(`chrome-extension://${browser.extensionId}/`);
    const times: number[] = [];
    let t = p.start;
    for (const d of p.deltas) {
      t += d;
      times.push(t);
    }
    const threadTasks = tasks.get(p.thread) ?? [];
    let k = 0;
    let any = false;
    for (let i = 0; i < p.samples.length; i++) {
      if (!inContent(p.samples[i] as number)) continue;
      any = true;
      const at = times[i] as number;
      // A sample stands for the time until the next one (at most 1 ms).
      const dur = Math.min((times[i + 1] ?? at) - at, 1000);
      contentUs += dur;
      count++;
      while (k < threadTasks.length && (threadTasks[k] as { end: number }).end < at) k++;
      const task = threadTasks[k];
      if (task && task.ts <= at) task.cs += dur;
    }
    if (any && times.length)
      wallUs = Math.max(wallUs, (times[times.length - 1] as number) - (times[0] as number));
  }
  let longest = { cs: 0, ts: 0, end: 0 };
  for (const list of tasks.values()) for (const t of list) if (t.cs > longest.cs) longest = t;
  return {
    wallMs: wallUs / 1000,
    contentMs: contentUs / 1000,
    share: wallUs ? contentUs / wallUs : 0,
    longestMs: longest.cs / 1000,
    longestTaskMs: (longest.end - longest.ts) / 1000,
    contentSamples: count,
  };
}

/** Starts a trace (before navigation: tracing is browser-wide). */
async function startCpuTrace(page: Page): Promise<{ stop(): Promise<CpuUse> }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: [
        '__metadata',
        'toplevel',
        'disabled-by-default-v8.cpu_profiler',
        'disabled-by-default-v8.cpu_profiler.hires',
      ],
    },
    transferMode: 'ReportEvents',
  });
  return {
    async stop() {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach().catch(() => {});
      return contentScriptCpu(events);
    },
  };
}

function describeCpu(cpu: CpuUse): string {
  return `content script ${cpu.contentMs.toFixed(0)} ms of ${cpu.wallMs.toFixed(0)} ms (${(cpu.share * 100).toFixed(2)}%), most in one task ${cpu.longestMs.toFixed(1)} ms (task ${cpu.longestTaskMs.toFixed(1)} ms), ${cpu.contentSamples} samples`;
}

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

const crossPort = () => crossServer.port;

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
  const page = await browser.context.newPage();
  const errors = await watchErrors(page);
  await page.goto(`${server.url}${path}`, { waitUntil: 'load', timeout: 30_000 });
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
    // The popover host is preloaded ~300 ms after the first mark.
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
  expect.soft(fromExtension, `${name}: errors from the extension:\n${fromExtension.join('\n')}`).toEqual([]);
  const added = newErrors(errors, name);
  expect
    .soft(added, `${name}: page errors that only happen with the extension:\n${added.join('\n')}`)
    .toEqual([]);
  await errors.detach();
  await page.close();
}

// ---------------------------------------------------------------------------

beforeAll(async () => {
  server = await startStaticServer({ root: FIXTURES_DIR });
  crossServer = await startStaticServer({ root: FIXTURES_DIR });
  // Baseline: the same pages without the extension.
  const plain = await launchWithExtension({ extension: false });
  try {
    for (const [name, url] of Object.entries(INTEGRITY_URLS)) {
      const page = await plain.context.newPage();
      const errors = await watchErrors(page);
      await page.goto(`${server.url}${url()}`, { waitUntil: 'load', timeout: 30_000 });
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
  browser = await launchWithExtension();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await crossServer?.close();
});

describe('hostile pages', () => {
  it('strict CSP (default-src none + script hash): marks, styled underline, popover, no violations from us', async () => {
    // The sidecar's hash must be the hash of the page's one inline script.
    const html = readFileSync(join(HOSTILE, 'csp-strict.html'), 'utf8');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    const headers = JSON.parse(readFileSync(join(HOSTILE, 'csp-strict.html.headers.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(headers['content-security-policy']).toContain(`default-src 'none'`);
    expect(headers['content-security-policy']).toContain(`'sha256-${hash}'`);

    const { page, errors } = await openCase('csp-strict');
    expect(await flag(page, '__cspActive'), 'the policy is enforced (eval is blocked)').toBe(true);
    const marks = await waitForMarks(
      page,
      hasAll('Esketamine', 'Ketamine', 'NMDA receptor antagonist', 'K-hole'),
    );
    expect(texts(marks)).toEqual(
      expect.arrayContaining(['Esketamine', 'Ketamine', 'NMDA receptor antagonist', 'K-hole']),
    );
    const underline = await isolated<string>(
      page,
      `getComputedStyle(document.getElementById('p'), '::highlight(ketamine-lens)').textDecorationLine`,
    );
    expect.soft(underline, 'the ::highlight rule reaches the page under CSP').toContain('underline');
    expect
      .soft(await hoverShowsPopover(page, 'NMDA receptor antagonist'), 'popover under strict CSP')
      .toBe(true);
    const violations =
      (await flag<{ blocked: string; source: string; directive: string }[]>(page, '__violations')) ?? [];
    expect
      .soft(
        violations.filter((v) => v.blocked !== 'eval'),
        "CSP violations other than the page's own eval probe",
      )
      .toEqual([]);
    await finishCase('csp-strict', page, errors);
  });

  it('100,000-node DOM: marks the first screen, then the end of the page after scrolling; scan is time-sliced', async () => {
    const page = await browser.context.newPage();
    const errors = await watchErrors(page);
    const profiler = await startCpuTrace(page);
    await page.goto(`${server.url}/hostile/huge-dom.html`, { waitUntil: 'load' });
    expect(await flag<number>(page, '__nodeCount')).toBeGreaterThanOrEqual(100_000);
    const first = await waitForMarks(page, (m) => m.some((x) => x.near === 'p0'), 15_000);
    expect(first.find((x) => x.near === 'p0')?.text, 'first paragraph marked').toBe('ketamine');
    await sleep(1500);
    const cpu = await profiler.stop();
    console.log(`[hostile] huge-dom: ${describeCpu(cpu)}`);
    expect.soft(cpu.contentSamples, 'the profile saw the content script').toBeGreaterThan(0);
    expect
      .soft(cpu.longestMs, 'most content-script time in one task (DESIGN §4: no task over 50 ms)')
      .toBeLessThan(50);
    await page.evaluate(() => document.getElementById('p9075')?.scrollIntoView());
    const late = await waitForMarks(
      page,
      (m) => m.some((x) => x.near === 'p9075' || x.near === 'p9050'),
      10_000,
    );
    expect
      .soft(
        late.some((x) => x.near === 'p9075' || x.near === 'p9050'),
        'marks near the end after scrolling',
      )
      .toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await finishCase('huge-dom', page, errors);
  });

  it('text mutated every animation frame for 10 s: the extension throttles itself and catches up afterwards', async () => {
    const page = await browser.context.newPage();
    const errors = await watchErrors(page);
    const profiler = await startCpuTrace(page);
    await page.goto(`${server.url}/hostile/raf-mutate.html`, { waitUntil: 'commit' });
    await waitFlag(page, '__settled', 20_000);
    const cpu = await profiler.stop();
    const frames = await flag<number>(page, '__frames');
    console.log(`[hostile] raf-mutate: ${frames} frames; ${describeCpu(cpu)}`);
    expect(cpu.contentSamples, 'the profile saw the content script').toBeGreaterThan(0);
    expect(cpu.wallMs, 'the profile covers the 10 s of mutations').toBeGreaterThan(9_000);
    expect.soft(cpu.share, 'content-script CPU share of wall time').toBeLessThan(0.15);
    expect.soft(cpu.longestMs, 'most content-script time in one task').toBeLessThan(50);
    // After the storm, the settled text is marked.
    const marks = await waitForMarks(page, (m) => m.filter((x) => x.near === 'ticker').length >= 2, 3_000);
    expect
      .soft(
        marks
          .filter((x) => x.near === 'ticker')
          .map((x) => x.text)
          .sort(),
      )
      .toEqual(['esketamine', 'ketamine']);
    await finishCase('raf-mutate', page, errors, { selfTest: 'auto', integrity: false });
    // Integrity on the short (1 s) form of the same page.
    const short = await openCase('raf-mutate');
    await waitForMarks(short.page, (m) => m.some((x) => x.near === 'ticker'), 5_000);
    await finishCase('raf-mutate', short.page, short.errors, { selfTest: 'auto' });
  });

  describe('shadow roots', () => {
    it('marks open, nested and declarative roots; closed roots stay untouched; page intact', async () => {
      const { page, errors } = await openCase('shadow-roots');
      const marks = await waitForMarks(
        page,
        hasAll('Esketamine', 'Spravato', 'Norketamine', 'NMDA receptor antagonist', 'K-hole'),
      );
      expect(texts(marks)).toEqual(
        expect.arrayContaining([
          'Esketamine',
          'Spravato',
          'Norketamine',
          'NMDA receptor antagonist',
          'K-hole',
        ]),
      );
      expect(marks.filter((m) => m.shadow).length).toBeGreaterThanOrEqual(5);
      // A closed root is the page's business: nothing of ours inside it.
      expect(texts(marks)).not.toContain('Ketamine');
      await finishCase('shadow-roots', page, errors);
    });

    it('marks text that is a direct child of an open shadow root', async () => {
      // blockOf() (lib/dom/text-runs.ts) used to return null for a text node
      // whose parent is a ShadowRoot, so walkTextRuns skipped it.
      const { page, errors } = await openCase('shadow-roots');
      const marks = await waitForMarks(page, hasAll('Arketamine'), 5_000);
      expect(texts(marks)).toContain('Arketamine');
      await errors.detach();
      await page.close();
    });

    it('does not duplicate shadow-root marks when a neighbouring light-DOM block is rescanned', async () => {
      // The page ticks a clock in the block that holds the card's host for 3 s;
      // each tick rescans that block, and the card's root must not gain copies.
      // Known failure: Lens.flush() drops the marks of containers inside the
      // rescanned block (store.removeWithin, which uses Node.contains and so
      // stops at shadow boundaries), then walkTextRuns reports the card's
      // shadow root again and addShadowRoot() queues it for a full rescan
      // without dropping its old marks: one more copy per tick.
      const { page, errors } = await openCase('shadow-roots');
      const before = await waitForMarks(page, hasAll('K-hole'), 5_000);
      const count = (m: MarkInfo[]) => m.filter((x) => x.text === 'K-hole').length;
      expect(count(before)).toBe(1);
      await waitFlag(page, '__settled');
      await sleep(1000);
      const after = await readMarks(page);
      expect(count(after), 'registered K-hole ranges after 12 rescans of the neighbouring block').toBe(1);
      await errors.detach();
      await page.close();
    });

    it('shows the popover for a mark inside an open shadow root', async () => {
      // content-main.ts used to pass an always-empty shadowRoots list to
      // caretPositionFromPoint, so the hit test never reached shadow text.
      const { page, errors } = await openCase('shadow-roots');
      await waitForMarks(page, hasAll('Spravato'));
      expect(await hoverShowsPopover(page, 'Spravato')).toBe(true);
      await errors.detach();
      await page.close();
    });
  });

  describe('iframes', () => {
    it('marks srcdoc, about:blank and cross-origin (second port, other host) frames; parent intact', async () => {
      const { page, errors } = await openCase('iframes');
      await waitFlag(page, '__settled');
      const frame = (name: string) => page.frames().find((f) => f.name() === name);
      expect(texts(await waitForMarks(page, hasAll('ketamine')))).toContain('ketamine');
      const srcdoc = frame('srcdoc');
      const cross = frame('cross');
      const blank = frame('blank');
      expect(srcdoc && cross && blank).toBeTruthy();
      expect
        .soft(texts(await waitForMarks(srcdoc as Frame, hasAll('Esketamine'))), 'srcdoc frame')
        .toContain('Esketamine');
      expect
        .soft(new URL((cross as Frame).url()).port, 'cross-origin frame is on the second server')
        .toBe(String(crossServer.port));
      expect
        .soft(texts(await waitForMarks(cross as Frame, hasAll('ketamine clinic'))), 'cross-origin frame')
        .toContain('ketamine clinic');
      expect
        .soft(
          texts(await waitForMarks(blank as Frame, hasAll('Spravato'))),
          'about:blank frame filled by its parent',
        )
        .toContain('Spravato');
      await finishCase('iframes', page, errors);
    });

    it('marks data: and blob: frames', async () => {
      // Known failure: the content script is declared without
      // match_origin_as_fallback, so Chromium never injects it into data: or
      // blob: documents (match_about_blank covers about:blank/srcdoc only).
      const { page, errors } = await openCase('iframes');
      await waitFlag(page, '__settled');
      const frame = (name: string) => page.frames().find((f) => f.name() === name) as Frame;
      expect
        .soft(texts(await waitForMarks(frame('data'), hasAll('Norketamine'), 4_000)), 'data: frame')
        .toContain('Norketamine');
      expect
        .soft(texts(await waitForMarks(frame('blob'), hasAll('Arketamine'), 2_000)), 'blob: frame')
        .toContain('Arketamine');
      expect(errors.extension()).toEqual([]);
      await errors.detach();
      await page.close();
    });
  });

  it('SVG text: <text>, a term split by <tspan>, linked text and foreignObject', async () => {
    const { page, errors } = await openCase('svg-text');
    const want = ['Ketamine', 'NMDA receptor antagonist', 'Esketamine', 'K-hole', 'Norketamine'];
    const marks = await waitForMarks(page, hasAll(...want));
    expect(texts(marks)).toEqual(expect.arrayContaining(want));
    await finishCase('svg-text', page, errors);
  });

  it('a page that rewrites Node/Range/MutationObserver/CSS.highlights in its main world', async () => {
    const { page, errors } = await openCase('overrides');
    const marks = await waitForMarks(
      page,
      hasAll('Ketamine', 'NMDA receptor antagonist', 'esketamine', 'Spravato'),
    );
    expect(texts(marks)).toEqual(
      expect.arrayContaining(['Ketamine', 'NMDA receptor antagonist', 'esketamine', 'Spravato']),
    );
    expect.soft(await hoverShowsPopover(page, 'Spravato'), 'popover despite the patched platform').toBe(true);
    await finishCase('overrides', page, errors);
    // (The self-test fails if the extension called any of the page's wrappers.)
  });

  describe('a page that removes the extension host element', () => {
    it('once (a hydration pass): marks stay, the popover recovers on the next hover', async () => {
      const { page, errors } = await openCase('host-removal');
      await waitForMarks(page, hasAll('Ketamine', 'Esketamine', 'K-hole'));
      expect(await waitFlag(page, '__removed', 5_000), 'the page removed our preloaded host').toBe(1);
      // The page removed the host (so the UI had loaded): hover at once.
      expect(
        await hoverShowsPopover(page, 'K-hole', 3_000, false),
        'popover after the host was removed',
      ).toBe(true);
      expect(texts(await readMarks(page))).toEqual(
        expect.arrayContaining(['Ketamine', 'Esketamine', 'K-hole']),
      );
      await finishCase('host-removal', page, errors);
    });

    it('always: no errors and no fight over the element', async () => {
      const { page, errors } = await openCase('host-removal', '/hostile/host-removal.html?mode=always');
      await waitForMarks(page, hasAll('Ketamine', 'Esketamine', 'K-hole'));
      await waitFlag(page, '__removed', 5_000);
      for (const term of ['Ketamine', 'K-hole', 'Esketamine'])
        await hoverShowsPopover(page, term, 800, false);
      await sleep(2500);
      const removed = await flag<number>(page, '__removed');
      expect
        .soft(removed, 'host re-inserted a bounded number of times (once per hover at most)')
        .toBeLessThanOrEqual(4);
      expect(texts(await readMarks(page))).toEqual(
        expect.arrayContaining(['Ketamine', 'Esketamine', 'K-hole']),
      );
      await finishCase('host-removal', page, errors, { integrity: false });
    });
  });

  it('a page that calls CSS.highlights.clear() after load: marks come back within ~3 s, the page keeps its own highlight', async () => {
    const { page, errors } = await openCase('highlights-clear');
    await waitForMarks(page, hasAll('Ketamine', 'esketamine'));
    await waitFlag(page, '__settled', 5_000);
    const clearedAt = Date.now();
    expect((await readMarks(page)).length, 'the page really cleared the registry').toBe(0);
    const back = await waitForMarks(
      page,
      hasAll('Ketamine', 'esketamine', 'NMDA receptor antagonist'),
      4_000,
    );
    const took = Date.now() - clearedAt;
    console.log(`[hostile] highlights-clear: marks re-registered after ${took} ms`);
    expect(texts(back)).toEqual(
      expect.arrayContaining(['Ketamine', 'esketamine', 'NMDA receptor antagonist']),
    );
    expect(took).toBeLessThanOrEqual(3_000);
    await finishCase('highlights-clear', page, errors);
  });

  it('a frameset page: each frame marks itself, the frameset document is left alone', async () => {
    const { page, errors } = await openCase('frameset');
    await waitFlag(page, '__settled');
    const left = page.frames().find((f) => f.name() === 'left') as Frame;
    const right = page.frames().find((f) => f.name() === 'right') as Frame;
    expect(texts(await waitForMarks(left, hasAll('Ketamine')))).toContain('Ketamine');
    expect(texts(await waitForMarks(right, hasAll('Esketamine')))).toContain('Esketamine');
    expect(await readMarks(page)).toEqual([]);
    await finishCase('frameset', page, errors, { selfTest: 'auto' });
  });

  it('one 5 MB text node: marks appear, the page keeps working', async () => {
    const page = await browser.context.newPage();
    const errors = await watchErrors(page);
    const profiler = await startCpuTrace(page);
    await page.goto(`${server.url}/hostile/long-text.html`, { waitUntil: 'load', timeout: 30_000 });
    const marks = await waitForMarks(page, hasAll('ketamine', 'esketamine'), 15_000);
    expect(texts(marks)).toEqual(expect.arrayContaining(['ketamine', 'esketamine']));
    await sleep(1000);
    const cpu = await profiler.stop();
    const count = (await readMarks(page)).length;
    console.log(`[hostile] long-text: ${count} registered marks; ${describeCpu(cpu)}`);
    // DESIGN §4 budgets the longest extension task on a 5 MB page at 50 ms;
    // one 5 MB text node is one run, matched in 64K-character pieces with
    // pauses between them (it used to be one ~300 ms call, which this measure
    // only caught when it did not run in the first slice's microtask).
    expect.soft(cpu.longestMs, 'most content-script time in one task, one 5 MB text node').toBeLessThan(50);
    await finishCase('long-text', page, errors);
  });
});
