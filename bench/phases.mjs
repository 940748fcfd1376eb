// Start-up phases of the content script, measured from outside: N loads of a
// page with an UNMINIFIED build (function names intact) under a trace and a
// fine-grained CPU profile. Each profile sample is put in a phase by the
// function names on its stack; the trace gives the script's evaluation and the
// settings round trip (wall time between the script's evaluation and its next
// task). No product code is instrumented, so the page sees nothing new.
import { contentScriptOf, launch } from './browsers.mjs';
import { median, min } from './cdp.mjs';
import { extProfiledLoad } from './ext-measure.mjs';
import { fmtMs, markdownTable } from './format.mjs';

const INTERVAL_US = 50;
const WINDOW_MS = 2000;

const PAINT = 'painting (visible window → highlights)';
const START = 'Lens start after the reply (painter, sheets, observers)';
const API = 'extension API calls (sendMessage)';

/**
 * Phase of a stack, first rule that matches wins (so matcher tables built
 * lazily inside the first scan count as tables, not as scan). Names may carry
 * a bundler suffix ($1).
 */
const RULES = [
  [
    'popover runtime load',
    (f) => f.url.includes('popover-runtime') || /^(loadPopoverRuntime|createUi|withUi)$/.test(f.name),
  ],
  [
    'matcher tables (decode/construct)',
    (f) =>
      /^(loadMatcher|createContentMatcher|createMatcher|Trie|decodeTrie|buildPrefixGate|buildRules)$/.test(
        f.name,
      ),
  ],
  ['precheck', (f) => f.name === 'precheck'],
  ['scan', (f) => f.name === 'drain'],
  // VisibleWindow's IntersectionObserver callback (#fire → update) and the painter adding StaticRanges.
  [PAINT, (f) => /^(#fire|#add|#remove|#probe|ensureRegistered)$/.test(f.name)],
  // The Lens made and started once the settings are known: painter, sheets, observers (precheck/scan matched above).
  [START, (f) => f.name === 'apply'],
  // V8 shows the extension bindings' native calls (runtime.sendMessage, getURL) under this name.
  [API, (f) => f.name === 'setUninstallURL'],
];

const frameOf = (n) => ({ name: n.callFrame.functionName.replace(/\$\d+$/, ''), url: n.callFrame.url });

/** Per-sample phase and whether the sample ran our scripts, for one profile. */
function classify(profile, contentUrl) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map();
  const phaseOf = (id) => {
    if (memo.has(id)) return memo.get(id);
    const stack = [];
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) stack.push(frameOf(byId.get(cur)));
    const ours = stack.some((f) => f.url.includes(contentUrl) || f.url.includes('popover-runtime'));
    let phase = ours ? 'other' : null;
    if (ours)
      for (const [name, test] of RULES)
        if (stack.some(test)) {
          phase = name;
          break;
        }
    memo.set(id, phase);
    return phase;
  };
  const out = [];
  const self = new Map();
  let t = profile.startTime;
  const n = profile.samples.length;
  for (let i = 0; i < n; i++) {
    t += profile.timeDeltas[i];
    const phase = phaseOf(profile.samples[i]);
    out.push({ ts: t, phase });
    if (phase) {
      const f = frameOf(byId.get(profile.samples[i]));
      const key = `${f.name || '(anonymous)'} ${f.url.split('/').pop() || ''} [${phase}]`.replace('  ', ' ');
      self.set(key, (self.get(key) ?? 0) + INTERVAL_US / 1000); // count × interval: see phasesOfLoad
    }
  }
  return { samples: out, self };
}

const EVAL = 'script evaluation (compile, top level, up to the settings message)';
const TABLES = 'matcher tables (decode/construct)';
const TRIP = 'settings message round trip (wall, not CPU)';
const FIRST = 'first scan slice';
const LATER = 'later scan slices';
const OTHER = 'other content-script JS';
const TOTAL = 'total content-script CPU (trace, thread time)';
const ORDER = [
  EVAL,
  TABLES,
  TRIP,
  START,
  'precheck',
  FIRST,
  LATER,
  PAINT,
  'popover runtime load',
  API,
  OTHER,
  TOTAL,
];

/**
 * The phases of one load (ms). Each content-script task's thread CPU (trace)
 * is shared among the phases in proportion to our samples inside it, so the
 * phases add up to the trace's total (the sampled clock alone over-counts on
 * a loaded machine: a late sample is charged the whole gap).
 */
function phasesOfLoad(e, contentUrl) {
  const { samples, self } = classify(e.profile, contentUrl);
  const entries = e.entries;
  const evalIdx = entries.findIndex((x) => x.name === 'EvaluateScript');
  if (evalIdx < 0) return null; // the trace lost the script's start: no phases for this load
  const row = Object.fromEntries(ORDER.map((k) => [k, 0]));
  let firstScanSeen = false;
  let si = 0;
  for (const [i, x] of entries.entries()) {
    while (si < samples.length && samples[si].ts < x.ts) si++;
    const counts = new Map();
    let ours = 0;
    for (let k = si; k < samples.length && samples[k].ts <= x.end; k++) {
      let phase = samples[k].phase;
      if (i <= evalIdx && (phase === null || phase === 'other')) phase = EVAL; // compile shows as (program)
      if (phase === null) continue; // GC etc.: shared out in proportion
      if (phase === 'other') phase = OTHER;
      if (phase === 'scan') phase = firstScanSeen ? LATER : FIRST;
      counts.set(phase, (counts.get(phase) ?? 0) + 1);
      ours++;
    }
    if (counts.has(FIRST)) firstScanSeen = true;
    if (!ours) {
      counts.set(i <= evalIdx ? EVAL : OTHER, 1); // too short to hold a sample
      ours = 1;
    }
    for (const [phase, c] of counts) row[phase] += (x.cpu * c) / ours;
    row[TOTAL] += x.cpu;
  }
  const next = evalIdx >= 0 ? entries[evalIdx + 1] : null;
  row[TRIP] = next ? (next.ts - entries[evalIdx].end) / 1000 : Number.NaN;
  return { row, self };
}

/** Loads `file` `loads` times (after one discarded warm-up load) with the build at `dir`. */
export async function measurePhases(dir, file, loads) {
  const contentUrl = contentScriptOf(dir);
  const b = await launch({ extensionDir: dir, contentUrl, label: 'phases' });
  const rows = [];
  const self = new Map();
  try {
    await extProfiledLoad(b, file, { windowMs: WINDOW_MS, intervalUs: INTERVAL_US });
    for (let i = 0; i < loads; i++) {
      const e = await extProfiledLoad(b, file, {
        windowMs: WINDOW_MS,
        keepProfile: true,
        intervalUs: INTERVAL_US,
      });
      if (!e.found) continue;
      const p = phasesOfLoad(e, contentUrl);
      if (!p) continue;
      rows.push(p.row);
      for (const [k, v] of p.self) self.set(k, (self.get(k) ?? 0) + v);
    }
  } finally {
    await b.close();
  }
  const top = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([k, v]) => [k, v / Math.max(1, rows.length)]);
  return { file, loads: rows.length, rows, top };
}

export function phaseTable({ file, loads, rows, top }) {
  if (!rows.length) return `No load of ${file} showed the content script.`;
  const names = Object.keys(rows[0]);
  const phases = markdownTable(
    ['phase', `median ms (of ${loads} loads)`, 'min', 'max'],
    names.map((n) => {
      const xs = rows.map((r) => r[n]);
      return [n, fmtMs(median(xs)), fmtMs(min(xs)), fmtMs(Math.max(...xs.filter(Number.isFinite)))];
    }),
  );
  const self = markdownTable(
    ['function (self time: samples × interval)', 'ms per load (mean)'],
    top.map(([k, v]) => [`\`${k}\``, fmtMs(v)]),
  );
  return `${phases}\n\nSampled every ${INTERVAL_US} µs, window load + ${WINDOW_MS / 1000} s, one warm-up load discarded; an unminified build of the same sources (its code is the shipped code, unminified). Each content-script task's thread CPU (trace) is shared among the phases in proportion to the samples inside it, by the functions on each sample's stack (first match: popover runtime, matcher tables, precheck, scan, painting, Lens start, extension API calls); the evaluation task's other samples are script evaluation; the round trip is the wall time from the end of the evaluation to the script's next task (the background's reply).\n\n${self}`;
}
