// Command line of bench/run.mjs (flags documented in bench/README.md).
import { parseArgs } from 'node:util';

/** What a run can measure; `--only` picks some (comma-separated). */
export const SCENARIOS = {
  'article-1mb': '1 MB article: content-script CPU, marks settle, heap; mark.js, walk, isolated-world floors',
  'article-100k': '100 KB article: content-script CPU incl. start-up; mark.js RegExp on the same page',
  'article-20k': '20 KB article: the same (report only)',
  'no-terms': '1 MB page without terms: content-script CPU; walk, mark.js',
  'no-match': 'the 1 MB article with a build that finds nothing (HEAD sources, built in the run)',
  'mark-array': 'mark.js with the term array on a 100 KB slice (slow: up to a minute)',
  '5mb': '5 MB article: longest task that ran the extension',
  frame: "page's DOM change → next frame, with and without the extension",
  phases: 'start-up phases of the content script on the 100 KB article (CPU profile of an unminified build)',
  size: 'content script gzipped',
};

const USAGE = `node bench/run.mjs [--ext DIR] [--base DIR] [--only a,b] [--rounds N] [--phase-loads N] [--phase-ext DIR] [--no-write] [--results FILE]
scenarios: ${Object.keys(SCENARIOS).join(', ')}`;

export function parseCli(argv = process.argv.slice(2), env = process.env) {
  const { values } = parseArgs({
    args: argv,
    options: {
      ext: { type: 'string', default: '.output/chrome-mv3' },
      base: { type: 'string' },
      only: { type: 'string' },
      rounds: { type: 'string' },
      'phase-loads': { type: 'string', default: '15' },
      'phase-ext': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      results: { type: 'string', default: 'bench/RESULTS.md' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      `${USAGE}\n\n${Object.entries(SCENARIOS)
        .map(([k, v]) => `  ${k.padEnd(13)} ${v}`)
        .join('\n')}`,
    );
    process.exit(0);
  }
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(SCENARIOS);
  const unknown = only.filter((s) => !(s in SCENARIOS));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}\n${USAGE}`);
  const rounds = Number(values.rounds ?? env.BENCH_REPS ?? 5);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number ≥ 1`);
  return {
    ext: values.ext,
    base: values.base ?? null,
    only: new Set(only),
    full: !values.only,
    rounds,
    phaseLoads: Math.max(3, Number(values['phase-loads'])),
    phaseExt: values['phase-ext'] ?? null,
    // RESULTS.md is the record of a full run of one build; partial and A/B runs go to bench/out/.
    writeResults: !values['no-write'] && !values.only && !values.base && rounds >= 5,
    resultsPath: values.results,
  };
}
