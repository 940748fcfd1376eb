// Content lint: the safety rules the glossary's text must keep. The table
// below reintroduces the wording that once shipped (and that a review
// flagged as dangerous) and shows each rule catching it; the real glossary
// must pass every rule.
import { describe, expect, it } from 'vitest';
import crisis from '../../data/crisis-resources.json';
import { lintContent, lintFirstAid, lintNumbers, lintSeverity } from '../../lib/glossary/content-lint';
import { GLOSSARY } from '../../lib/glossary/glossary';
import type { GlossaryEntry } from '../../lib/glossary/types';

/** Every digit string the crisis data offers as a number to call or text. */
function checkedNumbers(data: unknown): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown, key: string): void => {
    if (typeof v === 'string' && /tel|sms|emergency|number|display/i.test(key)) {
      for (const part of v.split(/\bor\b|,|\//)) {
        const digits = part.replace(/\D/g, '');
        if (digits.length >= 3) out.add(digits);
      }
    } else if (Array.isArray(v)) for (const x of v) visit(x, key);
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v))
        visit(x, /^(?:tel|sms|emergency|number|display)$/i.test(k) ? k : key);
  };
  visit(data, '');
  return out;
}
const KNOWN = checkedNumbers(crisis);

function entry(
  id: string,
  notes: GlossaryEntry['safety'],
  extra: Partial<GlossaryEntry> = {},
): GlossaryEntry {
  return {
    id,
    term: id,
    aliases: [{ text: id, tier: 1 }],
    category: 'risks',
    short: 'A short sentence.',
    explanation: 'One sentence. Two sentences.',
    safety: notes,
    related: [],
    sources: [{ title: 'Source', url: 'https://example.org/' }],
    reviewed: '2026-12-05',
    ...extra,
  };
}
const danger = (text: string) => ({ severity: 'danger' as const, text });

describe('content lint: wording that once shipped is caught', () => {
  it.each([
    [
      'k-hole: recovery position for a breathing person, call only if breathing is not normal',
      entry('k-hole', [
        danger(
          'If the person cannot be woken but is breathing, the recovery position helps keep their airway clear; if their breathing is not normal, call emergency services.',
        ),
      ]),
      'k-hole: safety[0] says what to do for someone who cannot be woken but not to call',
    ],
    [
      'respiratory-depression: the same fault after a call for slowed breathing',
      entry('respiratory-depression', [
        danger(
          "If someone's breathing is very slow, irregular or has stopped, call emergency services straight away; if they are breathing but cannot be woken, the recovery position helps keep the airway open.",
        ),
      ]),
      'respiratory-depression: safety[0] says what to do for someone who cannot be woken',
    ],
    [
      'cns-depressants: "it is an emergency" without saying to call',
      entry('cns-depressants', [
        danger(
          'If someone cannot be woken or their breathing is irregular, it is an emergency; if they are breathing, the recovery position helps keep their airway clear.',
        ),
      ]),
      'cns-depressants: safety[0] says what to do for someone who cannot be woken',
    ],
    [
      'recovery-position: no CPR anywhere for someone not breathing',
      entry('recovery-position', [
        danger(
          'Call the emergency number if someone cannot be woken; if they are breathing, put them in the recovery position and stay with them.',
        ),
      ]),
      'recovery-position: teaches the recovery position but points nowhere for someone not breathing normally (CPR)',
    ],
  ])('%s', (_label, bad, expected) => {
    expect(lintFirstAid([bad]).join('\n')).toContain(expected);
  });

  it('catches a number nobody checked (the old "call 112" for every other country)', () => {
    const bad = entry('emergency-numbers', [danger('Outside these countries, call 112 for an ambulance.')]);
    expect(KNOWN.has('112')).toBe(true); // 112 is a checked number in Europe…
    expect(lintNumbers([bad], new Set(['911', '999']))).toEqual([
      'emergency-numbers: safety[0] gives the number "112", which is not a checked number in the crisis data',
    ]);
    const invented = entry('emergency-numbers', [danger('In a crisis, call 0800 123 456.')]);
    expect(lintNumbers([invented], KNOWN)).toHaveLength(1);
  });

  it('lists a fact one entry calls danger and another only info (the esketamine aneurysm note)', () => {
    const esk = entry('esketamine', [
      { severity: 'info', text: 'People with an aneurysm should not use it.' },
    ]);
    const screening = entry('contraindications-screening', [
      danger('An aneurysm can burst when blood pressure rises.'),
    ]);
    expect(lintSeverity([esk, screening])).toContain(
      'esketamine: calls "aneurysm" info, while contraindications-screening calls it danger',
    );
  });

  it('accepts first aid done right, in one note or with the call first', () => {
    const good = entry(
      'overdose',
      [
        danger(
          'Call the emergency number if someone cannot be woken; if they are breathing, put them in the recovery position and stay with them; if not, start CPR as the call handler directs.',
        ),
        danger(
          'If someone cannot be woken, or their breathing is slow or irregular, call emergency services right away.',
        ),
      ],
      { related: ['cpr'] },
    );
    expect(lintFirstAid([good])).toEqual([]);
  });
});

describe('content lint: the real glossary', () => {
  it('passes every rule (first aid calls for help, numbers are checked, one fact has one severity)', () => {
    expect(lintContent(GLOSSARY, KNOWN)).toEqual([]);
  });
});
