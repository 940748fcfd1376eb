// `npm run glossary:stats`: entry count, entries with safety notes, the
// mean reading grade (Flesch–Kincaid) of the one-line `short` definitions, and
// the regions with crisis numbers (data/crisis-resources.json).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'data/glossary';
const entries = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));

/** Syllables by vowel groups, with a silent final "e": rough but standard for FK estimates. */
function syllables(word) {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 0;
  if (w.length <= 3) return 1;
  const groups = w
    .replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '')
    .replace(/^y/, '')
    .match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups ? groups.length : 1);
}

function grade(sentence) {
  const words = sentence.split(/\s+/).filter((w) => /[a-z0-9]/i.test(w));
  const syl = words.reduce((n, w) => n + syllables(w), 0);
  return 0.39 * words.length + 11.8 * (syl / words.length) - 15.59;
}

const grades = entries.map((e) => ({ id: e.id, grade: grade(e.short) }));
const mean = grades.reduce((n, g) => n + g.grade, 0) / grades.length;
const byCategory = {};
for (const e of entries) byCategory[e.category] = (byCategory[e.category] ?? 0) + 1;

console.log(`entries: ${entries.length}`);
console.log(`entries with safety notes: ${entries.filter((e) => e.safety.length > 0).length}`);
console.log(
  `entries with a danger note: ${entries.filter((e) => e.safety.some((s) => s.severity === 'danger')).length}`,
);
console.log(`entries showing crisis resources: ${entries.filter((e) => e.crisis).length}`);
const crisis = JSON.parse(readFileSync('data/crisis-resources.json', 'utf8'));
const crisisRegions = crisis.regions ?? [];
console.log(`crisis regions: ${crisisRegions.length} (${crisisRegions.map((r) => r.code).join(', ')})`);
const crisisServices = crisisRegions.flatMap((r) => [
  ...(r.services ?? []),
  ...(r.nations ?? []).flatMap((n) => n.services ?? []),
]);
console.log(`crisis services (with UK nations): ${crisisServices.length}`);
console.log(`aliases: ${entries.reduce((n, e) => n + e.aliases.length, 0)}`);
console.log(`mean reading grade of "short" (Flesch–Kincaid): ${mean.toFixed(1)}`);
console.log(`"short" at grade 9 or below: ${grades.filter((g) => g.grade <= 9).length} of ${grades.length}`);
console.log(
  'per category:',
  Object.entries(byCategory)
    .map(([c, n]) => `${c} ${n}`)
    .join(', '),
);
const hardest = grades.sort((a, b) => b.grade - a.grade).slice(0, 5);
console.log('hardest "short" lines:', hardest.map((g) => `${g.id} ${g.grade.toFixed(1)}`).join(', '));
