// Popup search, per keystroke, whole glossary (budget: p95 ≤ 2 ms, docs/architecture.md).
// Run: npx vitest bench --run --project unit bench/search.bench.ts
//
// A "keystroke" is what the popup does on each input event: search(query)
// and, when that finds nothing, suggestions(query). Queries are typed one
// character at a time, so short prefixes (the expensive, broad ones) count
// as often as they do for a real reader.
import { bench, describe } from 'vitest';
import { COMBINATIONS } from '../lib/combinations/data';
import { GLOSSARY } from '../lib/glossary/glossary';
import { createSearch } from '../lib/search/search';

// As the popup builds it: with the combination checker's records.
const build = () => createSearch(GLOSSARY, { combinations: COMBINATIONS.records });
const search = build();

const TYPED = [
  'ketamine',
  'ketamin',
  'spravto',
  'khole',
  'k hole',
  'disociation',
  'esketamine nasal spray',
  'bladder',
  'respiratory depression',
  'benzodiazepines',
  'samaritans',
  'suicidal thoughts',
  'recovery position',
  'nmda receptor',
  'zzqxj',
  'horse tranquilizer',
  'what is a k-hole and is it dangerous',
  // Questions as readers type them (keywords, stop words, combinations).
  'is ketamine addictive',
  'how long does ketamine last',
  'ketamine and weed',
  'spravato side effects',
  'peeing blood',
  'can you die from ketamine',
  'xanax ket',
  'is it safe to drink on ket',
];
const KEYSTROKES = TYPED.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));

function keystroke(q: string): number {
  const r = search.search(q);
  return r.length > 0 ? r.length : search.suggestions(q).length;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

// Warm-up (JIT), then time each keystroke.
for (let i = 0; i < 5; i++) for (const q of KEYSTROKES) keystroke(q);
const times: number[] = [];
const ROUNDS = 30;
for (let round = 0; round < ROUNDS; round++) {
  for (const q of KEYSTROKES) {
    const t0 = performance.now();
    keystroke(q);
    times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
const buildStart = performance.now();
build();
const buildMs = performance.now() - buildStart;
console.log(
  `[search-latency] entries=${GLOSSARY.length} keystrokes=${times.length} ` +
    `p50=${percentile(times, 50).toFixed(3)}ms p95=${percentile(times, 95).toFixed(3)}ms ` +
    `p99=${percentile(times, 99).toFixed(3)}ms max=${(times[times.length - 1] ?? 0).toFixed(3)}ms ` +
    `index build=${buildMs.toFixed(2)}ms`,
);

describe('popup search', () => {
  let i = 0;
  bench('one keystroke (cycling through typed prefixes)', () => {
    keystroke(KEYSTROKES[i++ % KEYSTROKES.length] ?? '');
  });
  bench('typing every prefix of all queries', () => {
    for (const q of KEYSTROKES) keystroke(q);
  });
  bench('build the index', () => {
    build();
  });
});
