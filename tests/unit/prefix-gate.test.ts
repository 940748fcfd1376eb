// The prefix gate is written twice: passesPrefixGate (lib/matcher/prefix-gate.ts)
// and a copy inlined in Trie.scan for speed. These tests run the real scan on
// random text, record which word starts it walks (a Trie whose tryAt only
// records), and compare them with the word starts passesPrefixGate lets
// through. If either copy changes alone, the two sets differ.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordBefore } from '../../lib/matcher/char-classes';
import { compileMatcherIndex } from '../../lib/matcher/compile';
import { decodeTrie, encodeTrie, type PackedTrie } from '../../lib/matcher/packed-format';
import { buildPrefixGate, passesPrefixGate } from '../../lib/matcher/prefix-gate';
import { type HitFn, Trie } from '../../lib/matcher/trie';
import { aliasVariants } from '../../lib/matcher/variants';
import { readGlossaryFiles } from '../../modules/matcher-index';

/** Records every word start the scan walks from, and never matches (so no start is skipped). */
class WalkRecorder extends Trie {
  walked: number[] = [];
  override tryAt(_text: string, i: number, _node: number, _onMatch: HitFn, _overlapping: boolean): number {
    this.walked.push(i);
    return -1;
  }
}

/** Every form stored in a packed trie (the paths to nodes with outputs). */
function formsOf(packed: PackedTrie): string[] {
  const [labels, , edgeStart, , count, nextSib, outStart] = decodeTrie(packed);
  const forms: string[] = [];
  const visit = (node: number, path: string): void => {
    if (outStart[node] !== outStart[node + 1]) forms.push(path);
    for (let j = count[node] ? node + 1 : 0; j !== 0; j = nextSib[j]!) {
      visit(j, path + labels.slice(edgeStart[j], edgeStart[j + 1]));
    }
  };
  visit(0, '');
  return forms;
}

/** A packed trie of the given normalised forms (output = position in the list). */
function packForms(forms: readonly string[]): PackedTrie {
  interface Node {
    children: Map<number, Node>;
    value: number;
  }
  const root: Node = { children: new Map(), value: -1 };
  forms.forEach((form, value) => {
    let node = root;
    for (let i = 0; i < form.length; i++) {
      const c = form.charCodeAt(i);
      let next = node.children.get(c);
      if (next === undefined) {
        next = { children: new Map(), value: -1 };
        node.children.set(c, next);
      }
      node = next;
    }
    node.value = value;
  });
  return encodeTrie(root, (n) => (n.value < 0 ? [] : [{ value: n.value }]));
}

interface Subject {
  name: string;
  packed: PackedTrie;
  forms: string[];
}

const INDEX = compileMatcherIndex(readGlossaryFiles());
/** Short, separator-second, separator-third and non-ASCII patterns: every kind of gate entry. */
const SYNTHETIC = [
  'k',
  'x',
  'ab',
  'a b',
  'ab c',
  'abc',
  'abcd',
  'abcde',
  'ke',
  'ket',
  "k'",
  "o'k",
  'ké',
  'kéta',
  'kétamine',
  'é',
  'éa',
  'żółw',
  'mg/kg',
  '5-ht2a',
  ...aliasVariants({ text: 'K-hole' }),
];
const SUBJECTS: Subject[] = [
  { name: 'glossary terms', packed: INDEX.terms, forms: formsOf(INDEX.terms) },
  { name: 'context words', packed: INDEX.words, forms: formsOf(INDEX.words) },
  { name: 'synthetic', packed: packForms(SYNTHETIC), forms: SYNTHETIC },
];

/** The ASCII word starts the scan should walk from, by passesPrefixGate. */
function expectedWalker(packed: PackedTrie): (text: string) => number[] {
  const decoded = decodeTrie(packed);
  const [, , , first, count, nextSib] = decoded;
  const gate = buildPrefixGate(decoded);
  const roots = new Set<number>();
  for (let j = count[0] ? 1 : 0; j !== 0; j = nextSib[j]!) roots.add(first[j]!);
  return (text) => {
    const out: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128 || wordBefore(text, i)) continue;
      if (!roots.has(c >= 65 && c <= 90 ? c + 32 : c)) continue;
      if (passesPrefixGate(gate, text, i)) out.push(i);
    }
    return out;
  };
}

/** Word starts the real scan walks from, ASCII ones only (the non-ASCII path has no gate). */
function actualWalks(trie: WalkRecorder, text: string): number[] {
  trie.walked = [];
  trie.scan(text, 0, text.length, () => {});
  return trie.walked.filter((i) => text.charCodeAt(i) < 128);
}

const SEPARATORS = [' ', '  ', '-', '\n', '\t', '\u00a0', '\u2013', ' - '];
const OTHERS = ['.', ',', '(', ')', "'", '\u2019', '"', '/', '0', '7', '_'];
const NON_ASCII = ['é', 'ß', 'İ', 'К', 'ż', '\u00ad', '\u{1F600}', '\u{10400}', '\ud800', '\udc00', '\u2019'];

function randomCase(s: string, flips: readonly boolean[]): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += flips[i % flips.length] ? s[i]!.toUpperCase() : s[i];
  return out;
}

/** Random text of pieces of real forms (cut anywhere, in random case, separators varied) and filler. */
function textArb(forms: readonly string[]): fc.Arbitrary<string> {
  const formPiece = fc
    .tuple(
      fc.constantFrom(...forms),
      fc.nat(),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
      fc.constantFrom(...SEPARATORS),
    )
    .map(([form, cut, flips, sep]) =>
      randomCase(form.slice(0, 1 + (cut % form.length)), flips).replace(/ /g, sep),
    );
  const letters = fc
    .array(fc.constantFrom(...'aekmtinsxcdbop'), { minLength: 1, maxLength: 5 })
    .map((a) => a.join(''));
  const piece = fc.oneof(
    { weight: 6, arbitrary: formPiece },
    { weight: 2, arbitrary: letters },
    { weight: 3, arbitrary: fc.constantFrom(...SEPARATORS) },
    { weight: 1, arbitrary: fc.constantFrom(...OTHERS) },
    { weight: 1, arbitrary: fc.constantFrom(...NON_ASCII) },
  );
  return fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));
}

describe('prefix gate: the copy inlined in Trie.scan agrees with passesPrefixGate', () => {
  for (const subject of SUBJECTS) {
    const trie = new WalkRecorder(subject.packed);
    const expectedWalks = expectedWalker(subject.packed);

    it(`walks the same word starts on random text (${subject.name})`, () => {
      fc.assert(
        fc.property(textArb(subject.forms), (text) => {
          expect(actualWalks(trie, text)).toEqual(expectedWalks(text));
        }),
        { numRuns: 400 },
      );
    });

    it(`walks the same word starts at every cut of every form (${subject.name})`, () => {
      // Text ending inside the first four units is a branch of its own.
      const pieces: string[] = [];
      for (const form of subject.forms) {
        for (let n = 1; n <= Math.min(form.length, 5); n++)
          pieces.push(form.slice(0, n), form.slice(0, n).toUpperCase());
      }
      const text = pieces.join(' ');
      const expected = expectedWalks(text);
      expect(actualWalks(trie, text)).toEqual(expected);
      for (const piece of pieces.slice(0, 400)) {
        expect(actualWalks(trie, piece), JSON.stringify(piece)).toEqual(expectedWalks(piece));
      }
    });
  }

  it('lets most word starts of prose through without a walk, and some with one', () => {
    // Guards the test itself: a gate that always or never walks would agree trivially.
    const text =
      'the doctor gave ketamine after a K-hole was described; several trials of esketamine followed. '.repeat(
        20,
      );
    const walks = expectedWalker(INDEX.terms)(text).length;
    const starts = text.split(/[^a-z0-9]+/i).length;
    expect(walks).toBeGreaterThan(0);
    expect(walks).toBeLessThan(starts);
  });
});
