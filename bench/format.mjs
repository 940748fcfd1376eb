// Number formatting and small helpers shared by the benchmark's reports.
import { median, min } from './cdp.mjs';

export const fmtMs = (x) => {
  if (x === Number.POSITIVE_INFINITY) return '∞';
  if (!Number.isFinite(x)) return 'n/a';
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(2)} ms`;
};
export const fmtMB = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
export const medMin = (xs, f = fmtMs) => `${f(median(xs))} (min ${f(min(xs))})`;
export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN);
export const fmtX = (r) => (Number.isFinite(r) ? `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×` : 'n/a');
/** PASS / FAIL on a budget; `null` = no budget. */
export const verdict = (ok) => (ok === null ? '—' : ok ? 'PASS' : '**FAIL**');
/** One field of a list of timing entries ({ cpu, wall, sampled, now }). */
export const col = (list, key = 'cpu') => (list ?? []).map((x) => x[key]);
export const raw = (xs, digits = 1) => xs.map((x) => x.toFixed(digits)).join(', ');

export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function markdownTable(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
