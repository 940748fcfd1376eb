// Name lookup and several-at-once checks: pure functions over the real data.
import { describe, expect, it } from 'vitest';
import { checkMix, lastPart, splitMix } from '../../lib/combinations/check';
import { COMBINATIONS, combinationById } from '../../lib/combinations/data';
import { createNameIndex } from '../../lib/combinations/lookup';

const index = createNameIndex(COMBINATIONS.records);
const check = (text: string) => checkMix(text, index, COMBINATIONS.pairs, combinationById);
const ids = (text: string) =>
  check(text).items.map((i) => (i.kind === 'record' ? i.record.id : `unknown:${i.query}`));

describe('name lookup', () => {
  it.each([
    ['alcohol', 'alcohol', 'exact'],
    ['Xanax', 'benzodiazepines', 'exact'],
    ['benzos', 'benzodiazepines', 'exact'],
    ['booze', 'alcohol', 'exact'],
    ['molly', 'mdma', 'exact'],
    ['g', 'ghb', 'exact'],
    ['oxy', 'oxycodone', 'exact'],
    ['weed', 'cannabis', 'exact'],
    ['Subs', 'buprenorphine', 'exact'],
    ['St. Johns Wort', 'st-johns-wort', 'exact'],
    ['2cb', '2c-x', 'exact'],
    ['Spravato', undefined, undefined],
    ['xanx', 'benzodiazepines', 'typo'],
    ['vallium', 'benzodiazepines', 'typo'],
    ['sertralin', 'ssri-snri', 'typo'],
    ['Adderal', 'amphetamines', 'typo'],
    ['tramadole', 'tramadol', 'typo'],
    ['opioid', 'opioids', 'exact'],
  ])('"%s" finds %s', (text, id, how) => {
    const hit = index.find(text);
    expect(hit?.record.id).toBe(id);
    expect(hit?.how).toBe(how);
  });

  it('finds ambiguous names only when typed in full, never as a typo', () => {
    expect(index.find('coke')?.record.id).toBe('cocaine');
    expect(index.find('coka')).toBeNull();
    expect(index.find('weeds')?.record.id).toBe('cannabis');
  });

  it('does not match a short name inside a longer one', () => {
    expect(index.find('hydroxy')).toBeNull();
  });

  it('suggests as you type, best record first', () => {
    expect(index.suggest('xan')[0]?.record.id).toBe('benzodiazepines');
    expect(index.suggest('tram')[0]?.record.id).toBe('tramadol');
    expect(index.suggest('zzzzzz')).toEqual([]);
  });
});

describe('several substances at once', () => {
  it('splits on commas, "and", "with", "+" and slashes, keeping names that contain commas', () => {
    expect(splitMix('alcohol and xanax, weed + coke / molly with G')).toEqual([
      'alcohol',
      'xanax',
      'weed',
      'coke',
      'molly',
      'G',
    ]);
    expect(splitMix('N,N-DMT, weed')).toEqual(['N,N-DMT', 'weed']);
    expect(lastPart('alcohol, xan')).toEqual({ head: 'alcohol, ', tail: 'xan' });
  });

  it('orders the results worst first and reports the pair between the other substances', () => {
    const r = check('weed, xanax and alcohol');
    expect(ids('weed, xanax and alcohol')).toEqual(['alcohol', 'benzodiazepines', 'cannabis']);
    expect(r.pairs.map((p) => `${p.pair.a}+${p.pair.b}:${p.pair.level}`)).toEqual([
      'benzodiazepines+alcohol:dangerous',
    ]);
    expect(r.worst).toBe('dangerous');
  });

  it('reads "xanax,weed" and "alcohol xanax" without spaces or separators', () => {
    expect(ids('xanax,weed')).toEqual(['benzodiazepines', 'cannabis']);
    expect(ids('alcohol xanax')).toEqual(['alcohol', 'benzodiazepines']);
  });

  it('ignores ketamine itself ("ketamine and alcohol")', () => {
    expect(ids('ketamine and alcohol')).toEqual(['alcohol']);
    expect(check('ketamine').worst).toBeNull();
  });

  it('catches a dangerous pair between two low-risk results (lithium with LSD)', () => {
    const r = check('lithium and acid');
    expect(r.items.every((i) => i.kind === 'record' && i.record.level.startsWith('low'))).toBe(true);
    expect(r.worst).toBe('dangerous');
  });

  it('brings along what a mixture contains (ayahuasca brings an MAOI, which is dangerous with MDMA)', () => {
    const r = check('ayahuasca, molly');
    expect(ids('ayahuasca, molly')).toEqual(expect.arrayContaining(['ayahuasca', 'maois', 'dmt', 'mdma']));
    expect(r.pairs.map((p) => [p.pair.a, p.pair.b].sort().join('+'))).toContain('maois+mdma');
  });
});

describe('a name we have no record for', () => {
  it('is Unknown, not known to be safe, never low risk', () => {
    const r = check('frobnicol');
    expect(r.items).toEqual([{ kind: 'unknown', query: 'frobnicol' }]);
    expect(r.worst).toBe('unknown');
  });

  it('ranks above every low-risk result and below the risky ones', () => {
    expect(ids('caffeine, frobnicol, alcohol')).toEqual(['alcohol', 'unknown:frobnicol', 'caffeine']);
  });
});
