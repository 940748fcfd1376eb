// A huge run is matched in pieces (lens.ts); a piece edge can fall between the
// halves of a surrogate pair. Found by the property test in property-matcher.
import { expect, it } from 'vitest';
import { compileMatcherIndex, loadMatcher } from '../../lib/matcher';
import { readGlossaryFiles } from '../../modules/matcher-index';

const MATCHER = loadMatcher(compileMatcherIndex(readGlossaryFiles()));

it('a piece that begins inside a surrogate pair keeps the astral letter before a term in the word', () => {
  // U+10000 is a letter: "𐀀major depressive disorder" is not a word start.
  const text = 'major depressive disorder, \u{10000}major depressive disorder';
  const glued = text.indexOf('\u{10000}');
  expect(MATCHER.findAll(text, glued + 1)).toEqual([]);
  expect(MATCHER.findAll(text).map((m) => m.start)).toEqual([0]);
});
