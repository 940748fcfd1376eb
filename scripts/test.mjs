// `npm test`: typecheck, lint, unit tests, build, then the real-browser tests.
// Prints one plain summary line at the end: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { findChromium, findFirefox } from './find-browser.mjs';

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function step(label, cmd, args) {
  const ok = run(label, cmd, args);
  if (ok) results.passed += 1;
  else {
    results.failed += 1;
    failures.push(label);
  }
  return ok;
}

function vitest(label, args) {
  mkdirSync('.tmp', { recursive: true });
  const out = `.tmp/vitest-${label}.json`;
  const ok = run(label, 'npx', [
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    results.passed += report.numPassedTests;
    results.failed += report.numFailedTests;
    results.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (!ok && report.numFailedTests === 0) {
      results.failed += 1; // a suite that failed to load counts as a failure
      failures.push(`${label} (suite error)`);
    } else if (report.numFailedTests) failures.push(label);
  } else if (!ok) {
    results.failed += 1;
    failures.push(label);
  }
  return ok;
}

step('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
step('lint', 'npx', ['biome', 'check', '.']);
step('unused code (knip)', 'npx', ['knip']);
vitest('unit', ['--project', 'unit']);
const built = step('build chrome', 'npx', ['wxt', 'build']);
if (built) step('content script size', 'node', ['scripts/check-size.mjs']);
const builtFirefox = step('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);
if (builtFirefox && existsSync('scripts/lint-firefox.mjs'))
  step('web-ext lint', 'node', ['scripts/lint-firefox.mjs']);

if (built) {
  try {
    findChromium();
    vitest('e2e', ['--project', 'e2e']);
  } catch (error) {
    console.error(`\n✖ Real-browser tests cannot run: ${error.message}`);
    results.failed += 1;
    failures.push('e2e (no browser)');
  }
}
if (builtFirefox && existsSync('tests/firefox')) {
  if (findFirefox()) vitest('firefox', ['--project', 'firefox']);
  else {
    // A missing browser is a failure, never a silent pass.
    console.error(
      '\n✖ Firefox tests cannot run: Firefox ESR is not installed (Debian: apt-get install -y firefox-esr).',
    );
    results.failed += 1;
    failures.push('firefox (no browser)');
  }
}

console.log('');
if (failures.length) console.log(`Failed: ${failures.join(', ')}`);
if (results.skipped) console.log(`(${results.skipped} skipped)`);
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed ? 1 : 0);
