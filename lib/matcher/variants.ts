// Variant generation for glossary aliases. Everything that decides which
// written forms of an alias count as "the same term" lives here as data
// (tables and small predicates), so the matcher itself has no per-term code
// paths. Build time only (compileMatcherIndex and the glossary checks); the
// character classes it builds on are in char-classes.ts.

import type { Alias } from '../glossary/types';
import {
  APOS,
  foldCode,
  isApostropheCode,
  isIgnorableCode,
  isSeparatorCode,
  isWordCodePoint,
  SEP,
} from './char-classes';

// ---------------------------------------------------------------------------
// Normalised forms
// ---------------------------------------------------------------------------

/**
 * The normalised form of a written term: apostrophes unified to "'",
 * separator runs collapsed to one " ", trimmed, soft hyphens removed, and
 * case-folded unless caseSensitive.
 */
export function normalizeForm(text: string, caseSensitive: boolean): string {
  let out = '';
  let pendingSep = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isIgnorableCode(c)) continue;
    if (isSeparatorCode(c)) {
      pendingSep = out.length > 0;
      continue;
    }
    if (pendingSep) {
      out += SEP;
      pendingSep = false;
    }
    if (isApostropheCode(c)) out += APOS;
    else out += String.fromCharCode(caseSensitive ? c : foldCode(c));
  }
  return out;
}

/** Case-folds an already normalised form (the trie key of a case-sensitive alias). */
export function foldForm(form: string): string {
  let out = '';
  for (let i = 0; i < form.length; i++) out += String.fromCharCode(foldCode(form.charCodeAt(i)));
  return out;
}

// ---------------------------------------------------------------------------
// Spelling pairs (British ↔ American)
// ---------------------------------------------------------------------------

export interface SpellingPair {
  /** British / Commonwealth spelling fragment (lower case). */
  readonly uk: string;
  /** American spelling fragment (lower case). */
  readonly us: string;
  /**
   * Where the fragment may sit inside a word: anywhere, at the start of a word,
   * or at the end of a word.
   */
  readonly at: 'any' | 'start' | 'end';
  /** Minimum letters of the word before the fragment ("rise" must not become "rize"). */
  readonly minStem?: number;
}

/**
 * Both directions are generated. A form that does not exist in either
 * spelling ("advize") never occurs in text, so it costs a few bytes of index
 * but can never mark anything; the rules only have to avoid producing a
 * *different real word*, which is why -ise/-ize needs a stem of 3+ letters
 * (prise/prize, seise/seize).
 */
export const SPELLING_PAIRS: readonly SpellingPair[] = [
  { uk: 'anaesthe', us: 'anesthe', at: 'any' }, // anaesthetic, anaesthesia, anaesthetist
  { uk: 'isation', us: 'ization', at: 'any' }, // depersonalisation, hospitalisation
  { uk: 'iser', us: 'izer', at: 'any' }, // tranquiliser
  { uk: 'ise', us: 'ize', at: 'end', minStem: 3 }, // stabilise
  { uk: 'ised', us: 'ized', at: 'end', minStem: 3 }, // hospitalised
  { uk: 'ises', us: 'izes', at: 'end', minStem: 3 },
  { uk: 'ising', us: 'izing', at: 'end', minStem: 3 },
  { uk: 'tranquilli', us: 'tranquili', at: 'any' }, // tranquilliser → tranquilizer (with iser/izer)
  { uk: 'haem', us: 'hem', at: 'start' }, // haemorrhage (start only: "them", "chemical")
  { uk: 'oedema', us: 'edema', at: 'any' }, // (pulmonary) oedema, lymphoedema
  { uk: 'paed', us: 'ped', at: 'start' }, // paediatric (start only: "speed")
  { uk: 'behaviour', us: 'behavior', at: 'any' },
  { uk: 'counsell', us: 'counsel', at: 'any' }, // counselling, counsellor
];

/** Upper bound of spelling variants per alias (the closure is tiny in practice). */
const MAX_SPELLING_FORMS = 16;

function isWordCharInForm(ch: string | undefined): boolean {
  return ch !== undefined && ch !== SEP && ch !== APOS && isWordCodePoint(ch.codePointAt(0) ?? 0);
}

function occurrences(form: string, frag: string): number[] {
  const at: number[] = [];
  if (frag.length === 0) return at;
  for (let i = form.indexOf(frag); i >= 0; i = form.indexOf(frag, i + 1)) at.push(i);
  return at;
}

/** Replaces every eligible occurrence of `from` by `to`; null when none is eligible. */
function replaceFragment(form: string, from: string, to: string, pair: SpellingPair): string | null {
  // An occurrence of `from` that is part of an occurrence of `to` is not a
  // real occurrence: "edema" inside "oedema", "counsel" inside "counsell".
  const shadows = occurrences(form, to).map((s) => [s, s + to.length] as const);
  let out = '';
  let last = 0;
  let changed = false;
  for (const s of occurrences(form, from)) {
    if (s < last) continue;
    const e = s + from.length;
    if (shadows.some(([a, b]) => s >= a && e <= b)) continue;
    if (pair.at === 'start' && isWordCharInForm(form[s - 1])) continue;
    if (pair.at === 'end' && isWordCharInForm(form[e])) continue;
    if (pair.minStem !== undefined) {
      let stem = 0;
      for (let k = s - 1; k >= 0 && isWordCharInForm(form[k]); k--) stem++;
      if (stem < pair.minStem) continue;
    }
    out += form.slice(last, s) + to;
    last = e;
    changed = true;
  }
  return changed ? out + form.slice(last) : null;
}

/**
 * All British/American spellings of a normalised form, the form itself first.
 * Rules apply to lower-case fragments, so case-sensitive acronyms are untouched.
 */
export function spellingVariants(form: string): string[] {
  const forms = [form];
  for (let i = 0; i < forms.length && forms.length < MAX_SPELLING_FORMS; i++) {
    const f = forms[i] as string;
    for (const pair of SPELLING_PAIRS) {
      for (const [from, to] of [
        [pair.uk, pair.us],
        [pair.us, pair.uk],
      ] as const) {
        const v = replaceFragment(f, from, to, pair);
        if (v !== null && !forms.includes(v) && forms.length < MAX_SPELLING_FORMS) forms.push(v);
      }
    }
  }
  return forms;
}

// ---------------------------------------------------------------------------
// Plurals and joined forms
// ---------------------------------------------------------------------------

const VOWELS = 'aeiou';

/**
 * Simple English plural of the last word of a normalised form, or null when
 * there is no safe one: acronyms take "s" (SSRIs), -s/-x/-z/-ch/-sh take "es",
 * consonant + y → -ies, a word already ending in a single "s" (cystitis,
 * analgesics) or in a non-letter gets none.
 */
export function pluralOf(form: string): string | null {
  const last = form.charAt(form.length - 1);
  if (!/\p{L}/u.test(last)) return null;
  let wordStart = form.length;
  while (wordStart > 0 && isWordCharInForm(form[wordStart - 1])) wordStart--;
  const word = form.slice(wordStart);
  if (word.length < 2) return null; // "K" → "Ks" is not a plural anyone writes
  if (word === word.toUpperCase() && word !== word.toLowerCase()) return `${form}s`;
  const lower = word.toLowerCase();
  if (/(ss|x|z|ch|sh)$/.test(lower)) return `${form}es`;
  if (lower.endsWith('s')) return null;
  if (lower.endsWith('y') && !VOWELS.includes(lower.charAt(lower.length - 2)))
    return `${form.slice(0, -1)}ies`;
  return `${form}s`;
}

/** "k hole" → "khole": the normalised form without separators (apostrophes stay). */
export function joinedForm(form: string): string {
  return form.split(SEP).join('');
}

/** Default of Alias.plural: words pluralise, case-sensitive acronyms do not. */
export function pluralDefault(alias: Pick<Alias, 'caseSensitive' | 'plural'>): boolean {
  return alias.plural ?? alias.caseSensitive !== true;
}

/**
 * Every normalised written form that matches this alias: spelling pairs ×
 * (joined when `joined`) × (plural when `plural`, default see pluralDefault).
 * Case-insensitive aliases come back case-folded; separators are " ",
 * apostrophes "'". The alias's own form is first.
 */
export function aliasVariants(alias: Pick<Alias, 'text' | 'caseSensitive' | 'joined' | 'plural'>): string[] {
  const cs = alias.caseSensitive === true;
  const base = normalizeForm(alias.text, cs);
  if (base === '') return [];
  const forms = spellingVariants(base);
  if (alias.joined) {
    for (const f of forms.slice()) {
      const j = joinedForm(f);
      if (!forms.includes(j)) forms.push(j);
    }
  }
  if (pluralDefault(alias)) {
    for (const f of forms.slice()) {
      const p = pluralOf(f);
      if (p !== null && !forms.includes(p)) forms.push(p);
    }
  }
  return forms;
}

/**
 * Forms of a context or negative word: case-insensitive, spelling pairs and a
 * simple plural, never joined ("cereal bar", "cereal bars", "Kellogg's").
 */
export function contextWordVariants(word: string): string[] {
  return aliasVariants({ text: word, caseSensitive: false, plural: true });
}
