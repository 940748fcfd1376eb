// `web-ext lint` (Mozilla's addons-linter, the same checks AMO runs on upload)
// over the built Firefox extension. Exits non-zero on any error; warnings and
// notices are printed but allowed (the known ones come from bundled React,
// e.g. its innerHTML assignment for dangerouslySetInnerHTML, which we never use).
//   npx wxt build -b firefox && node scripts/lint-firefox.mjs [source-dir]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = resolve(root, process.argv[2] ?? '.output/firefox-mv2');
const webExt = join(root, 'node_modules/.bin', process.platform === 'win32' ? 'web-ext.cmd' : 'web-ext');

if (!existsSync(join(sourceDir, 'manifest.json'))) {
  console.error(`No built Firefox extension in ${sourceDir}: run \`npx wxt build -b firefox\` first.`);
  process.exit(2);
}
if (!existsSync(webExt)) {
  console.error(`web-ext is not installed (${webExt}): run \`npm install\`.`);
  process.exit(2);
}

const r = spawnSync(
  webExt,
  ['lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery', '--no-input'],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
let report;
try {
  // web-ext may print a line or two before the JSON document.
  const out = r.stdout ?? '';
  report = JSON.parse(out.slice(out.indexOf('{')));
} catch {
  console.error('web-ext lint did not produce a JSON report.');
  if (r.error) console.error(r.error.message);
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  process.exit(2);
}

const where = (m) =>
  m.file ? `${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}` : 'extension';
for (const [kind, label] of [
  ['errors', 'error'],
  ['warnings', 'warning'],
  ['notices', 'notice'],
]) {
  for (const m of report[kind] ?? []) {
    console.log(
      `${label.padEnd(7)} ${m.code}  ${where(m)}\n        ${m.message}${m.description ? `\n        ${String(m.description).replace(/\s+/g, ' ').slice(0, 300)}` : ''}`,
    );
  }
}
const { errors = 0, warnings = 0, notices = 0 } = report.summary ?? {};
console.log(
  `web-ext lint ${sourceDir.slice(root.length + 1) || sourceDir}: ${errors} errors, ${warnings} warnings, ${notices} notices`,
);
process.exit(errors > 0 ? 1 : 0);
