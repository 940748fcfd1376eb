// Safety rules for what the glossary says, beyond its shape (validate.ts).
// A first-aid note that forgets the emergency call, or a phone number nobody
// checked, is the worst thing this extension can show, so these rules run as
// tests and every problem names the entry.

import type { GlossaryEntry, Severity } from './types';

/** Someone who cannot be woken: the situation in which first aid starts with a call. */
const UNRESPONSIVE =
  /\b(?:can(?:no|')?t be woken|cannot be woken|can't wake|won't wake|unrespons\w*|unconscious|passe[sd] out|not waking)\b/i;
/** What a note tells the reader to do for such a person. */
const FIRST_AID_STEP =
  /\b(?:recovery position|on (?:their|his|her) side|stay with (?:them|him|her)|do not leave (?:them|him|her)|not (?:be )?left alone|help(?:s)? keep (?:the|their) airway)\b/i;
/** The call itself. */
const CALLS_FOR_HELP = /\b(?:call|dial|phone|ring)\b[^.;]{0,40}\b(?:emergency|ambulance|999|911|000|112)\b/i;
const RECOVERY_POSITION = /\brecovery position\b/i;
const CPR = /\b(?:CPR|chest compressions|cardiopulmonary resuscitation)\b/;
/** "call 112", "dial 0800 …", "text 85258": a number the reader might act on. */
const NUMBER_TO_USE =
  /\b(?:call|dial|phone|ring|text)(?:ing)?\s+(?:or text\s+)?(\+?\d[\d ()-]{1,16}\d|\d{3})\b/gi;

/**
 * Facts that several entries state, keyed by a word that names them. When one
 * entry calls such a fact dangerous and another calls it only information,
 * a reader gets two answers to one question.
 */
export const SHARED_FACTS: Readonly<Record<string, RegExp>> = {
  bladder: /\b(?:bladder|urinary tract|uropathy|cystitis)\b/i,
  aneurysm: /\baneurysm/i,
  'slowed breathing':
    /\b(?:slow(?:ed|s)? (?:or stopped )?breathing|respiratory depression|breathing (?:slows|stops))\b/i,
  'blood pressure': /\bblood pressure\b/i,
  'choking on vomit': /\b(?:choke|choking)\b[^.]{0,30}\bvomit/i,
  psychosis: /\bpsychosis|psychotic\b/i,
};

const RANK: Record<Severity, number> = { info: 0, caution: 1, danger: 2 };

function texts(e: GlossaryEntry): { where: string; text: string }[] {
  return [
    { where: 'explanation', text: e.explanation },
    ...e.safety.map((n, i) => ({ where: `safety[${i}]`, text: n.text })),
    ...(e.interactions ?? []).map((x, i) => ({ where: `interactions[${i}]`, text: x.why })),
  ];
}

/**
 * A clause that calls for help for someone who cannot be woken: the call is
 * unconditional, or its condition names that person. "If their breathing is
 * not normal, call…" does not count: it leaves the breathing person who
 * cannot be woken without a call, which is the mistake this rule exists for.
 */
function callsForSomeoneUnresponsive(clause: string): boolean {
  const call = CALLS_FOR_HELP.exec(clause);
  if (call === null) return false;
  return UNRESPONSIVE.test(clause) || !/\bif\b/i.test(clause.slice(0, call.index));
}

/**
 * First aid, done right everywhere: a note that tells the reader what to do
 * for someone who cannot be woken says, in that same note, to call for help
 * for them (whether or not they are breathing),
 * and an entry that teaches the recovery position points to CPR (in its text
 * or by relating to the `cpr` entry) for when breathing is not normal.
 */
export function lintFirstAid(entries: readonly GlossaryEntry[]): string[] {
  const problems: string[] = [];
  for (const e of entries) {
    let teachesRecovery = false;
    let mentionsCpr = e.related.includes('cpr') || e.id === 'cpr';
    for (const { where, text } of texts(e)) {
      if (CPR.test(text)) mentionsCpr = true;
      if (!UNRESPONSIVE.test(text) || !FIRST_AID_STEP.test(text)) continue;
      if (RECOVERY_POSITION.test(text)) teachesRecovery = true;
      if (!text.split(/[.;]/).some(callsForSomeoneUnresponsive))
        problems.push(
          `${e.id}: ${where} says what to do for someone who cannot be woken but not to call the emergency number`,
        );
    }
    if (teachesRecovery && !mentionsCpr)
      problems.push(
        `${e.id}: teaches the recovery position but points nowhere for someone not breathing normally (CPR)`,
      );
  }
  return problems;
}

/**
 * No guessed numbers: a number the text tells the reader to call or text must
 * be one of the checked numbers in the crisis data (`known`, digits only).
 */
export function lintNumbers(entries: readonly GlossaryEntry[], known: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const e of entries) {
    for (const { where, text } of texts(e)) {
      for (const m of text.matchAll(NUMBER_TO_USE)) {
        const digits = (m[1] ?? '').replace(/\D/g, '');
        if (!known.has(digits))
          problems.push(
            `${e.id}: ${where} gives the number "${m[1]}", which is not a checked number in the crisis data`,
          );
      }
    }
  }
  return problems;
}

/**
 * One fact, one severity: for each shared fact, an entry whose only notes on
 * it are `info` while another entry calls it `danger` is listed for review.
 */
export function lintSeverity(entries: readonly GlossaryEntry[]): string[] {
  const problems: string[] = [];
  for (const [fact, pattern] of Object.entries(SHARED_FACTS)) {
    const highest = new Map<string, Severity>();
    for (const e of entries) {
      for (const note of e.safety) {
        if (!pattern.test(note.text)) continue;
        const seen = highest.get(e.id);
        if (seen === undefined || RANK[note.severity] > RANK[seen]) highest.set(e.id, note.severity);
      }
    }
    const danger = [...highest].filter(([, s]) => s === 'danger').map(([id]) => id);
    if (danger.length === 0) continue;
    for (const [id, s] of highest) {
      if (s === 'info')
        problems.push(
          `${id}: calls "${fact}" info, while ${danger.join(', ')} call${danger.length > 1 ? '' : 's'} it danger`,
        );
    }
  }
  return problems;
}

export function lintContent(entries: readonly GlossaryEntry[], knownNumbers: ReadonlySet<string>): string[] {
  return [...lintFirstAid(entries), ...lintNumbers(entries, knownNumbers), ...lintSeverity(entries)];
}
