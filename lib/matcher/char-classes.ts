// Character classes: which code units are separators, apostrophes, word
// characters or ignorable, and how they case-fold. The predicates are the one
// definition, used at build time (normalised forms, the precheck) and at run
// time; the tables below cache them for the scan, which runs on every page
// and must not allocate or run a RegExp per character.

// ---------------------------------------------------------------------------
// The classes
// ---------------------------------------------------------------------------

/** The one separator that stands for any run of spaces or dashes in a normalised form. */
export const SEP = ' ';
export const SEP_CODE = 0x20;
/** The one apostrophe that stands for ' ’ ‘ ʼ in a normalised form. */
export const APOS = "'";
export const APOS_CODE = 0x27;

/**
 * Hyphen, space and dash characters are all "the same separator" between two
 * words: whitespace as JavaScript's \s (incl. NBSP U+00A0, narrow NBSP U+202F,
 * newline), hyphen-minus, U+2010–U+2015 (hyphen … horizontal bar), U+2212
 * minus, and the small/full-width hyphen-minus forms.
 */
export function isSeparatorCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || c === 0x2d || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    (c >= 0x2010 && c <= 0x2015) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2212 ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0xfe58 ||
    c === 0xfe63 ||
    c === 0xff0d
  );
}

/** ' U+0027, ‘ U+2018, ’ U+2019 and ʼ U+02BC (a letter in Unicode, but written as an apostrophe). */
export function isApostropheCode(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2018 || c === 0x02bc;
}

/**
 * Soft hyphen: invisible unless the line breaks there, so "keta\u00ADmine" is
 * still "ketamine" (news sites insert them for hyphenation).
 */
export function isIgnorableCode(c: number): boolean {
  return c === 0xad;
}

const WORD_RE = /[\p{L}\p{N}\p{M}_]/u;

/**
 * Word characters block a match on either side: letters, numbers, marks and
 * connector "_". U+02BC is treated as an apostrophe instead (see above).
 */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) {
    return (
      (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39) || cp === 0x5f
    );
  }
  if (cp === 0x02bc) return false;
  return WORD_RE.test(String.fromCodePoint(cp));
}

/**
 * Case folding of one UTF-16 code unit, the same at build time and at run
 * time: ASCII by arithmetic, the rest by toLowerCase when it stays one unit
 * (so "İ" → "i̇", which changes length, is left alone).
 */
export function foldCode(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  const s = String.fromCharCode(c).toLowerCase();
  return s.length === 1 ? s.charCodeAt(0) : c;
}

// ---------------------------------------------------------------------------
// Run-time tables (shared by every matcher in the realm)
// ---------------------------------------------------------------------------

export const C_WORD = 1;
export const C_SEP = 2;
export const C_APOS = 4;
export const C_IGNORE = 8;
export const C_HIGH = 16; // high surrogate: class of the code point decides
const C_KNOWN = 128;

const ASCII_CLASS = new Uint8Array(128);
/** 1 for ASCII word characters [A-Za-z0-9_]. */
export const ASCII_WORD = new Uint8Array(128);
/** What an ASCII code unit is on a trie edge: folded letter, " " for any separator, else itself. */
export const ASCII_STEP = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_CLASS[c] =
    C_KNOWN |
    (isWordCodePoint(c) ? C_WORD : 0) |
    (isSeparatorCode(c) ? C_SEP : 0) |
    (isApostropheCode(c) ? C_APOS : 0);
  ASCII_STEP[c] = isSeparatorCode(c) ? SEP_CODE : foldCode(c);
  ASCII_WORD[c] = isWordCodePoint(c) ? 1 : 0;
}

// BMP classes and folds, filled on first sight of a code unit.
let bmpClass: Uint8Array | undefined;
/** Folds of non-ASCII code units seen so far (a Map: a 64 K-entry table was 128 KB of every tab's heap). */
const bmpFold = new Map<number, number>();
const astralWord = new Map<number, boolean>();

function classifyBmp(c: number): number {
  let k = C_KNOWN;
  if (c >= 0xd800 && c <= 0xdbff) k |= C_HIGH;
  else if (c >= 0xdc00 && c <= 0xdfff)
    k |= 0; // lone low surrogate: not a word char
  else {
    if (isWordCodePoint(c)) k |= C_WORD;
    if (isSeparatorCode(c)) k |= C_SEP;
    if (isApostropheCode(c)) k |= C_APOS;
    if (isIgnorableCode(c)) k |= C_IGNORE;
  }
  (bmpClass as Uint8Array)[c] = k;
  return k;
}

/** Character class bits (C_*) of one UTF-16 code unit. */
export function charClass(c: number): number {
  if (c < 128) return ASCII_CLASS[c] as number;
  if (bmpClass === undefined) bmpClass = new Uint8Array(65536);
  return bmpClass[c] || classifyBmp(c);
}

/** foldCode of a non-ASCII code unit, cached. */
export function foldNonAscii(c: number): number {
  let f = bmpFold.get(c);
  if (f === undefined) {
    f = foldCode(c);
    bmpFold.set(c, f);
  }
  return f;
}

/** isWordCodePoint of an astral code point, cached. */
export function isAstralWord(cp: number): boolean {
  let w = astralWord.get(cp);
  if (w === undefined) {
    w = isWordCodePoint(cp);
    astralWord.set(cp, w);
  }
  return w;
}

/** Is the character at i (a whole surrogate pair if it starts one) a word character? */
function wordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const k = charClass(c);
  if (k & C_HIGH) {
    const d = text.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? isAstralWord((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000) : false;
  }
  return (k & C_WORD) !== 0;
}

/** Is the first non-ignorable character at or after `pos` a word character? */
export function wordAfter(text: string, pos: number): boolean {
  const len = text.length;
  let i = pos;
  while (i < len && charClass(text.charCodeAt(i)) & C_IGNORE) i++;
  return i < len && wordAt(text, i);
}

/** Is the last non-ignorable character before `pos` a word character? */
export function wordBefore(text: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && charClass(text.charCodeAt(i)) & C_IGNORE) i--;
  if (i < 0) return false;
  const c = text.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = text.charCodeAt(i - 1);
    if (h >= 0xd800 && h <= 0xdbff) return isAstralWord((h - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000);
  }
  return wordAt(text, i);
}
