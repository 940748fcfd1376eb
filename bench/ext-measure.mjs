// Measurements of a browser WITH the extension: the content script's time on a
// page load (trace + CPU profile), the renderer heap, and the extension's own
// count of marks (read from the service worker, so the page does no extra work).
import { setTimeout as sleep } from 'node:timers/promises';
import { url } from './browsers.mjs';
import {
  analyzeTasks,
  rendererMain,
  scriptEntries,
  scriptTime,
  startProfile,
  startTrace,
  stopProfile,
  sumEntries,
  withTimeout,
} from './cdp.mjs';

export const WINDOW_5MB_MAX_MS = 12_000;

/**
 * Loads `file` under a trace and a CPU profile (both started on a same-origin
 * blank page, so the renderer stays) and waits `windowMs` after the load event.
 * Content-script time = its top-level JS entry events on the page's main
 * thread (thread CPU and wall), plus the sampled profile as a cross-check.
 * `keepProfile` returns the raw profile too (for per-function attribution);
 * `intervalUs` sets the profile's sampling interval.
 */
export async function extProfiledLoad(
  b,
  file,
  { windowMs, untilStable = false, keepProfile = false, intervalUs = undefined },
) {
  const contentUrl = b.contentUrl;
  await b.page.goto(url('blank.html'));
  const tracer = await startTrace(b.session);
  await startProfile(b.session, intervalUs);
  await b.page.goto(url(file), { waitUntil: 'load' });
  let waited = windowMs;
  if (untilStable) waited = await waitForStableCount(b, windowMs, WINDOW_5MB_MAX_MS);
  else await sleep(windowMs);
  const profile = await stopProfile(b.session);
  const events = await tracer.stop();
  const sampled = scriptTime(profile, contentUrl);
  const main = rendererMain(events, file);
  // From the page's own parse on: the blank page's copy of the script may still run a timer in the window.
  const parsed = events.find((x) => x.name === 'ParseHTML' && (x.args?.beginData?.url ?? '').includes(file));
  const entries = scriptEntries(events, main, {
    urlPart: contentUrl,
    samples: sampled.samples,
    microtasks: true,
  }).filter((x) => !parsed || x.ts >= parsed.ts);
  const sum = sumEntries(entries);
  // Still scanning at the end? (> 1 ms of its CPU in the last 500 ms; the script
  // also wakes briefly every ~2 s, which is not a scan.)
  const tailCpu = entries.filter((x) => x.end > sampled.endTs - 500_000).reduce((a, x) => a + x.cpu, 0);
  return {
    cpu: sum.cpuMs,
    wall: sum.wallMs,
    sampled: sampled.ms,
    gapShare: sampled.gapShare,
    stillRunning: tailCpu > 1,
    found: main !== null && entries.length > 0,
    waited,
    events,
    main,
    entries,
    samples: sampled.samples,
    profile: keepProfile ? profile : null,
  };
}

export async function heapUsage(session) {
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  await sleep(100);
  await session.send('HeapProfiler.collectGarbage');
  const h = await session.send('Runtime.getHeapUsage');
  return {
    js: h.usedSize,
    embedder: h.embedderHeapUsedSize ?? 0,
    total: h.usedSize + (h.embedderHeapUsedSize ?? 0),
  };
}

/**
 * The extension's own count of marks, as the background shows it in the
 * action title ("Ketamine Lens: N terms explained on this page"). null if unreadable.
 */
async function actionCount(b) {
  try {
    const title = await withTimeout(
      b.worker.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true });
        return tab ? chrome.action.getTitle({ tabId: tab.id }) : '';
      }),
      3000,
      'action title',
    );
    const m = /(\d+) terms?/.exec(title);
    return m ? Number(m[1]) : 0;
  } catch {
    return null;
  }
}

/** Waits at least `minMs`, then until the count is unchanged for 1.5 s (at most `maxMs`). Returns ms waited. */
async function waitForStableCount(b, minMs, maxMs) {
  const start = Date.now();
  await sleep(minMs);
  let last = await actionCount(b);
  let stableSince = Date.now();
  while (Date.now() - start < maxMs) {
    await sleep(250);
    const now = await actionCount(b);
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 1500) break;
  }
  return Date.now() - start;
}

/** Total marks the extension found (its own store, not only the registered ones), via the popup's message. */
export async function extTotalMarks(b) {
  try {
    const replies = await withTimeout(
      b.worker.evaluate(async () => {
        const out = [];
        for (const t of await chrome.tabs.query({})) {
          try {
            out.push(await chrome.tabs.sendMessage(t.id, { type: 'kl:get-page-terms' }, { frameId: 0 }));
          } catch {}
        }
        return out;
      }),
      5000,
      'page terms',
    );
    const on = replies.find((r) => r && r.state === 'on');
    if (!on) return null;
    return on.terms.reduce((a, t) => a + t.count, 0);
  } catch {
    return null;
  }
}

/**
 * On the page already loaded in `b`: what answering the popup's question
 * ("which terms are on this page?") costs. With the reading window that
 * reads the rest of the page, and loads the popover runtime (entry ids live
 * there): content-script CPU (both scripts' top-level entries), the longest
 * task it ran in, and how long the answer took.
 */
export async function extProfiledAsk(b) {
  const tracer = await startTrace(b.session);
  await startProfile(b.session);
  const t0 = performance.now();
  const total = await extTotalMarks(b);
  const askMs = performance.now() - t0;
  await sleep(500);
  const profile = await stopProfile(b.session);
  const events = await tracer.stop();
  const sampled = scriptTime(profile, b.contentUrl);
  const main = rendererMain(events, b.contentUrl);
  const lens = scriptEntries(events, main, {
    urlPart: b.contentUrl,
    samples: sampled.samples,
    microtasks: true,
  });
  // The runtime's own entries, unless they ran inside one of the content script's.
  const inside = (x) => lens.some((l) => x.ts >= l.ts && x.end <= l.end);
  const runtime = scriptEntries(events, main, { urlPart: 'popover-runtime' }).filter((x) => !inside(x));
  const entries = [...lens, ...runtime].sort((a, c) => a.ts - c.ts);
  const a = analyzeTasks(events, main, entries, sampled.samples);
  return {
    cpu: sumEntries(entries).cpuMs,
    longest: a?.longestExtTask?.dur ?? Number.NaN,
    askMs,
    total,
  };
}
