// The content script runs on every page: `npm test` fails when it passes its
// size budget (gzip level 6, as `gzip` and the bench measure it; kB = 1000 B).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 25_000;
const dir = process.argv[2] ?? '.output/chrome-mv3';
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const files = manifest.content_scripts.flatMap((c) => c.js ?? []);
const bytes = gzipSync(Buffer.concat(files.map((f) => readFileSync(join(dir, f))))).length;
const verdict = bytes <= BUDGET ? 'within' : 'OVER';
console.log(`content script (${files.join(', ')}): ${bytes} B gzipped, ${verdict} the ${BUDGET} B budget`);
process.exit(bytes <= BUDGET ? 0 : 1);
