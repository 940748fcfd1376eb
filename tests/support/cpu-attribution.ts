// Which main-thread tasks are ours: a Chromium trace (CDP Tracing) gives every
// task of a renderer's main thread (RunTask, exact start and length) and the
// V8 sampling profile on the same clock; each sample is charged to the
// innermost script with a URL on its stack (native calls such as layout
// reads count for the script that made them). Used to show that no long task
// is caused by our page engine, and which are pdf.js's own. Budgets are
// checked on CPU time: on a shared machine the OS stretches wall time.

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs: what the thread ran, not counting time the OS gave others. */
  tdur?: number;
  id?: string;
  args?: {
    data?: {
      startTime?: number;
      cpuProfile?: {
        nodes?: { id: number; parent?: number; callFrame: { url?: string; functionName?: string } }[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

export interface Task {
  /** Wall-clock length, ms. */
  ms: number;
  /** CPU time the thread ran in it, ms (on a loaded machine far less than `ms`). */
  cpuMs: number;
  /** CPU time in scripts `isOurs` accepts: cpuMs × their share of the task's samples. */
  oursMs: number;
}

/** Tasks of the main thread whose profile ran scripts `isOurs` accepts (the page's renderer), longest first. */
export function tasksByScript(events: readonly TraceEvent[], isOurs: (url: string) => boolean): Task[] {
  // Samples per profile (one per thread: Profile names the thread, its
  // ProfileChunks come from the profiler's own thread and say which profile).
  const nodeUrl = new Map<string, string>();
  const nodeParent = new Map<string, number | undefined>();
  const threadOf = new Map<string, string>();
  const last = new Map<string, number>();
  const samples: { key: string; at: number; node: number }[] = [];
  for (const e of events) {
    if (e.name === 'Profile' && e.id !== undefined) {
      threadOf.set(e.id, `${e.pid}:${e.tid}`);
      last.set(e.id, e.args?.data?.startTime ?? e.ts);
    }
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.id === undefined || !threadOf.has(e.id)) continue;
    const key = e.id;
    const cpu = e.args?.data?.cpuProfile;
    for (const n of cpu?.nodes ?? []) {
      nodeUrl.set(`${key}:${n.id}`, n.callFrame.url ?? '');
      nodeParent.set(`${key}:${n.id}`, n.parent);
    }
    let at = last.get(key) ?? e.ts;
    const deltas = e.args?.data?.timeDeltas ?? [];
    (cpu?.samples ?? []).forEach((node, i) => {
      at += deltas[i] ?? 0;
      samples.push({ key, at, node });
    });
    last.set(key, at);
  }
  const owner = (key: string, node: number): string => {
    for (let n: number | undefined = node; n !== undefined; n = nodeParent.get(`${key}:${n}`)) {
      const url = nodeUrl.get(`${key}:${n}`);
      if (url) return url;
    }
    return '';
  };
  // The thread that ran our scripts, its samples in time order.
  const ourProfiles = new Set(samples.filter((s) => isOurs(owner(s.key, s.node))).map((s) => s.key));
  const tasks: Task[] = [];
  const byThread = new Map<string, { at: number; ours: boolean }[]>();
  for (const s of samples) {
    if (!ourProfiles.has(s.key)) continue;
    const thread = threadOf.get(s.key) as string;
    const list = byThread.get(thread) ?? [];
    list.push({ at: s.at, ours: isOurs(owner(s.key, s.node)) });
    byThread.set(thread, list);
  }
  for (const list of byThread.values()) list.sort((a, b) => a.at - b.at);
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name !== 'RunTask' || e.ph !== 'X' || !e.dur || !byThread.has(key)) continue;
    const list = byThread.get(key) ?? [];
    // First sample at or after the task's start (samples are in time order).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as { at: number }).at < e.ts) lo = mid + 1;
      else hi = mid;
    }
    let oursUs = 0;
    let allUs = 0;
    for (let i = lo; i < list.length - 1; i++) {
      const s = list[i] as { at: number; ours: boolean };
      if (s.at >= e.ts + e.dur) break;
      const span = (list[i + 1] as { at: number }).at - s.at;
      allUs += span;
      if (s.ours) oursUs += span;
    }
    const cpuMs = (e.tdur ?? e.dur) / 1000;
    tasks.push({ ms: e.dur / 1000, cpuMs, oursMs: allUs ? (cpuMs * oursUs) / allUs : 0 });
  }
  return tasks.sort((a, b) => b.ms - a.ms);
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
