// DevTools-protocol helpers for the benchmark: V8 CPU profiles (Profiler
// domain) and timeline traces (Tracing domain), and their analysis.
// Plain Node ESM; every wait is bounded.

export const SAMPLING_INTERVAL_US = 100;

/** Starts a V8 CPU profile on a page's CDP session (sampling every `intervalUs`). */
export async function startProfile(session, intervalUs = SAMPLING_INTERVAL_US) {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.send('Profiler.start');
}

export async function stopProfile(session) {
  const { profile } = await withTimeout(session.send('Profiler.stop'), 30_000, 'Profiler.stop');
  return profile;
}

// KL_TRACE_EXTRA (comma-separated) adds categories for a diagnosis, e.g. blink_gc,v8.gc.
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  ...(process.env.KL_TRACE_EXTRA?.split(',').filter(Boolean) ?? []),
];

/** Starts a trace; returns `stop()` that resolves to the collected events. */
export async function startTrace(session) {
  const events = [];
  const onData = (e) => {
    for (const ev of e.value) events.push(ev);
  };
  session.on('Tracing.dataCollected', onData);
  let complete;
  const completed = new Promise((resolve) => {
    complete = resolve;
  });
  session.on('Tracing.tracingComplete', () => complete());
  await session.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: TRACE_CATEGORIES, excludedCategories: ['*'] },
  });
  return {
    async stop() {
      await session.send('Tracing.end');
      await withTimeout(completed, 60_000, 'Tracing.tracingComplete');
      session.off('Tracing.dataCollected', onData);
      return events;
    },
  };
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Time spent with a frame of `urlPart` anywhere on the stack (inclusive: DOM
 * calls made by that script count; GC and rendering do not), from a CPU
 * profile. Each sample is charged the interval up to the next sample
 * (DevTools' convention). Returns ms and the samples (µs timestamps, same
 * clock as trace events) for further analysis.
 */
export function scriptTime(profile, urlPart) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map();
  const inScript = (id) => {
    if (memo.has(id)) return memo.get(id);
    // iterative walk to the root
    const chain = [];
    let cur = id;
    let hit = false;
    while (cur !== undefined) {
      if (memo.has(cur)) {
        hit = memo.get(cur);
        break;
      }
      chain.push(cur);
      if (byId.get(cur).callFrame.url.includes(urlPart)) {
        hit = true;
        break;
      }
      cur = parent.get(cur);
    }
    for (const c of chain) memo.set(c, hit);
    return hit;
  };
  const SPECIAL = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);
  const samples = [];
  let t = profile.startTime;
  let totalUs = 0;
  let first = null;
  let last = null;
  let gapUs = 0;
  const n = profile.samples.length;
  for (let i = 0; i < n; i++) {
    t += profile.timeDeltas[i];
    const dur = i + 1 < n ? profile.timeDeltas[i + 1] : 0;
    if (dur > 1000) gapUs += dur;
    const hit = inScript(profile.samples[i]);
    samples.push({
      ts: t,
      dur,
      hit,
      js: hit || !SPECIAL.has(byId.get(profile.samples[i]).callFrame.functionName),
    });
    if (hit) {
      totalUs += dur;
      first ??= t;
      last = t;
    }
  }
  return {
    ms: totalUs / 1000,
    firstTs: first,
    lastTs: last,
    startTs: profile.startTime,
    endTs: profile.endTime,
    sampleCount: n,
    /** share of the profile's time covered by sample gaps > 1 ms (dropped ticks) */
    gapShare: gapUs / Math.max(1, profile.endTime - profile.startTime),
    samples,
  };
}

/**
 * pid/tid of the page's renderer main thread: the thread that parsed
 * `urlPart`, or else the one that ran a script whose URL contains it.
 */
export function rendererMain(events, urlPart) {
  const e =
    events.find((x) => x.name === 'ParseHTML' && (x.args?.beginData?.url ?? '').includes(urlPart)) ??
    events.find((x) => (x.args?.data?.url ?? '').includes(urlPart));
  return e ? { pid: e.pid, tid: e.tid } : null;
}

const JS_ENTRIES = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'RunMicrotasks']);

/**
 * The main thread's top-level JavaScript entry events that belong to the
 * script `urlPart`: FunctionCall / EvaluateScript / v8.compile carrying its
 * URL, and (with `microtasks`) RunMicrotasks checkpoints, which carry no URL:
 * one counts when the CPU samples inside it are mostly the script's (or when
 * it is too short to hold a sample: on the benchmark pages the page itself
 * queues no microtasks). Nested events are counted once, through the outer.
 * Each entry has wall time (`dur`) and thread CPU time (`cpu`, from `tdur`).
 */
export function scriptEntries(events, main, { urlPart, samples = [], microtasks = false }) {
  if (!main) return [];
  const js = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && JS_ENTRIES.has(e.name))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const sorted = samples; // already in time order
  let si = 0;
  const out = [];
  let coveredEnd = -1; // end of the last outer entry, counted or not
  for (const e of js) {
    if (e.ts < coveredEnd) continue; // nested: belongs to its outer entry
    coveredEnd = e.ts + e.dur;
    const url = e.args?.data?.url ?? e.args?.fileName ?? '';
    let mine = url.includes(urlPart);
    if (!mine && microtasks && e.name === 'RunMicrotasks') {
      while (si < sorted.length && sorted[si].ts < e.ts) si++;
      let hits = 0;
      let other = 0;
      for (let k = si; k < sorted.length && sorted[k].ts <= e.ts + e.dur; k++) {
        if (sorted[k].hit) hits++;
        else if (sorted[k].js) other++;
      }
      mine = hits > 0 ? hits >= other : other === 0;
    }
    if (mine)
      out.push({
        ts: e.ts,
        end: e.ts + e.dur,
        dur: e.dur / 1000,
        cpu: (e.tdur ?? e.dur) / 1000,
        name: e.name,
      });
  }
  return out;
}

export function sumEntries(entries) {
  let wallMs = 0;
  let cpuMs = 0;
  for (const e of entries) {
    wallMs += e.dur;
    cpuMs += e.cpu;
  }
  return {
    wallMs,
    cpuMs,
    count: entries.length,
    lastEnd: entries.length ? entries[entries.length - 1].end : null,
  };
}

/**
 * Main-thread tasks (RunTask) of the page, and which of them ran the content
 * script: one of its entry events, or one of its CPU samples, lies inside.
 */
export function analyzeTasks(events, main, entries, scriptSamples) {
  if (!main) return null;
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const tasks = onMain
    .filter((e) => e.name === 'RunTask' && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts)
    .map((e) => ({
      ts: e.ts,
      end: e.ts + e.dur,
      dur: e.dur / 1000,
      cpu: (e.tdur ?? e.dur) / 1000,
      ext: false,
      extMs: 0,
      extCpu: 0,
      parts: [],
    }));
  const taskAt = (ts) => {
    let lo = 0;
    let hi = tasks.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (tasks[mid].ts <= ts) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const t = found >= 0 ? tasks[found] : null;
    return t && ts <= t.end ? t : null;
  };
  for (const en of entries) {
    const task = taskAt(en.ts);
    if (!task) continue;
    task.ext = true;
    task.extMs += en.dur;
    task.extCpu += en.cpu;
  }
  for (const s of scriptSamples ?? []) {
    if (!s.hit) continue;
    const task = taskAt(s.ts);
    if (task) task.ext = true;
  }
  let ioMax = 0;
  for (const e of onMain) {
    if (e.ph !== 'X' || e.name === 'RunTask') continue;
    if (e.name === 'IntersectionObserverController::computeIntersections')
      ioMax = Math.max(ioMax, e.dur / 1000);
    const task = taskAt(e.ts);
    if (task?.ext && e.dur >= 2000 && task.parts.length < 6)
      task.parts.push(`${e.name} ${(e.dur / 1000).toFixed(1)}`);
  }
  const ext = tasks.filter((t) => t.ext);
  const longestExt = ext.reduce((a, t) => (!a || t.dur > a.dur ? t : a), null);
  const marks = {};
  for (const e of events) {
    if (e.pid === main.pid && (e.name === 'MarkDOMContent' || e.name === 'MarkLoad')) marks[e.name] = e.ts;
  }
  const longestAfterDcl = tasks
    .filter((t) => marks.MarkDOMContent && t.ts >= marks.MarkDOMContent)
    .reduce((a, t) => Math.max(a, t.dur), 0);
  return {
    taskCount: tasks.length,
    extTaskCount: ext.length,
    longestExtTask: longestExt
      ? {
          ts: longestExt.ts,
          dur: longestExt.dur,
          cpu: longestExt.cpu,
          extMs: Math.min(longestExt.extMs, longestExt.dur),
          parts: longestExt.parts,
        }
      : null,
    maxExtJsInOneTask: ext.reduce((a, t) => Math.max(a, Math.min(t.extMs, t.dur)), 0),
    maxExtCpuInOneTask: ext.reduce((a, t) => Math.max(a, Math.min(t.extCpu, t.cpu)), 0),
    extTasksOver50: ext.filter((t) => t.dur > 50).length,
    longestTaskAfterDcl: longestAfterDcl,
    longestIntersectionMs: ioMax,
    marks,
  };
}

// ---- statistics --------------------------------------------------------------

export function median(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return Number.NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export function min(xs) {
  const v = xs.filter((x) => Number.isFinite(x));
  return v.length ? Math.min(...v) : Number.NaN;
}
