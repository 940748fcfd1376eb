// CPU use of the content script: V8's sampling profiler and the scheduler's
// task events from one browser-wide trace (so a renderer swap on navigation
// loses nothing, and samples and tasks share one clock).
import type { Page } from 'playwright-core';
import { CONTENT_SCRIPT } from './hostile-pages';

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

function contentScriptCpu(events: TraceEvent[], extensionId: string): CpuUse {
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
    const inContent = onStack(`chrome-extension://${extensionId}/`);
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

/** Starts a trace (before navigation: tracing is browser-wide); `extensionId` is the extension's. */
export async function startCpuTrace(page: Page, extensionId: string): Promise<{ stop(): Promise<CpuUse> }> {
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
      return contentScriptCpu(events, extensionId);
    },
  };
}

export function describeCpu(cpu: CpuUse): string {
  return `content script ${cpu.contentMs.toFixed(0)} ms of ${cpu.wallMs.toFixed(0)} ms (${(cpu.share * 100).toFixed(2)}%), most in one task ${cpu.longestMs.toFixed(1)} ms (task ${cpu.longestTaskMs.toFixed(1)} ms), ${cpu.contentSamples} samples`;
}
