// Fuzzing every parser that reads data from another context: runtime
// messages (lib/messages.ts) and the popover channel (lib/popover/protocol.ts).
// None may throw; each returns null or a value of exactly the documented
// shape, never passing through fields it does not know, and unknown message
// types are dropped. (Stored settings and settings files: fuzz-settings.test.ts.)
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseContentMessage, parseMessage, parsePageState } from '../../lib/messages';
import { parseFromPopover, parseToPopover } from '../../lib/popover/protocol';
import { anyValue, expectNoPrototypePollution, keys, NUM_RUNS } from '../support/fuzz-values';

afterEach(expectNoPrototypePollution);

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const MESSAGE_TYPES = [
  'kl:get-page-terms',
  'kl:reveal-entry',
  'kl:next-term',
  'kl:explain-selection',
  'kl:count',
  'kl:open-search',
] as const;

const idLike = fc.oneof(
  fc.constantFrom(
    'ketamine',
    'k-hole',
    'esketamine',
    'ketamine-cystitis',
    '',
    '-',
    'a--b',
    'A',
    'ketamine ',
    '__proto__',
  ),
  fc.stringMatching(/^[a-z0-9-]{0,20}$/),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const numberLike = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    2 ** 53,
    4001,
  ),
  fc.string({ maxLength: 4 }),
  fc.constant(null),
);

/** Objects that look almost like real messages: right type, fields of random kinds. */
const nearMessage = fc.record(
  {
    type: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...MESSAGE_TYPES) },
      { weight: 1, arbitrary: fc.string() },
      { weight: 1, arbitrary: anyValue },
    ),
    id: fc.oneof(idLike, anyValue),
    text: fc.oneof(fc.string({ maxLength: 600 }), fc.constant('x'.repeat(501)), anyValue),
    query: fc.oneof(fc.string({ maxLength: 250 }), anyValue),
    count: fc.oneof(numberLike, anyValue),
    frameUrl: fc.oneof(fc.webUrl(), anyValue),
    off: fc.oneof(fc.constantFrom('site', 'global', null, 'SITE', ''), anyValue),
    state: fc.oneof(fc.constantFrom('on', 'off', 'unsupported'), anyValue),
    reason: fc.oneof(fc.constantFrom('site', 'global'), anyValue),
    siteKey: fc.oneof(
      fc.domain(),
      fc.constantFrom('file://', '[::1]', 'Example.com', 'a b', 'x'.repeat(300)),
      anyValue,
    ),
    terms: fc.oneof(
      fc.array(fc.record({ id: idLike, count: numberLike }, { requiredKeys: [] }), { maxLength: 4 }),
      anyValue,
    ),
    extra: anyValue,
    __proto__: fc.oneof(anyValue, fc.constant({ polluted: true })),
  },
  { requiredKeys: ['type'] },
);

/** JSON text as it arrives from a message port or a file (may carry "__proto__" keys). */
const jsonNear = nearMessage.map((v) => {
  try {
    return JSON.parse(JSON.stringify(v) ?? 'null') as unknown;
  } catch {
    return null;
  }
});

// ---------------------------------------------------------------------------
// Shape checks (independent of the implementation)
// ---------------------------------------------------------------------------

function expectWellFormedMessage(msg: unknown): void {
  expect(msg).not.toBeUndefined();
  if (msg === null) return;
  expect(typeof msg).toBe('object');
  const m = msg as Record<string, unknown>;
  expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
  switch (m.type) {
    case 'kl:get-page-terms':
    case 'kl:next-term':
      expect(keys(m)).toEqual(['type']);
      break;
    case 'kl:reveal-entry':
      expect(keys(m)).toEqual(['id', 'type']);
      expect(typeof m.id === 'string' && ID.test(m.id)).toBe(true);
      break;
    case 'kl:explain-selection':
      expect(keys(m)).toEqual(['text', 'type']);
      expect(typeof m.text === 'string' && m.text.length <= 500).toBe(true);
      break;
    case 'kl:count':
      // `off` (whether the lens is off in that frame) is optional in older builds.
      expect(keys(m)).toEqual(['count', 'frameUrl', 'off', 'partial', 'type']);
      expect(Number.isInteger(m.count) && (m.count as number) >= 0).toBe(true);
      expect(typeof m.frameUrl).toBe('string');
      expect([null, 'site', 'global']).toContain(m.off);
      // Whether part of the page is still unread (the reading window): anything but `true` reads as false.
      expect(typeof m.partial).toBe('boolean');
      break;
    case 'kl:open-search':
      expect(keys(m)).toEqual(['query', 'type']);
      expect(typeof m.query === 'string' && m.query.length <= 200).toBe(true);
      break;
    default:
      throw new Error(`parseMessage returned an unknown type: ${JSON.stringify(m.type)}`);
  }
}

function expectWellFormedPageState(state: unknown): void {
  if (state === null) return;
  const s = state as Record<string, unknown>;
  // An optional site key (for the popup's switch) is a host-like string or "file://".
  if ('siteKey' in s) {
    expect(typeof s.siteKey).toBe('string');
    expect(s.siteKey as string).toMatch(/^(?:file:\/\/|\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/);
    expect((s.siteKey as string).length).toBeLessThanOrEqual(253);
  }
  const own = keys(s).filter((k) => k !== 'siteKey');
  switch (s.state) {
    case 'unsupported':
      expect(keys(s)).toEqual(['state']);
      break;
    case 'off':
      expect(own).toEqual(['reason', 'state']);
      expect(['site', 'global']).toContain(s.reason);
      break;
    case 'on':
      expect(own).toEqual(['state', 'terms']);
      expect(Array.isArray(s.terms)).toBe(true);
      for (const t of s.terms as Record<string, unknown>[]) {
        expect(keys(t)).toEqual(['count', 'id']);
        expect(typeof t.id === 'string' && ID.test(t.id)).toBe(true);
        // A count of marks on the page: shown to the reader as a number.
        expect(Number.isInteger(t.count) && (t.count as number) >= 0, `term count ${String(t.count)}`).toBe(
          true,
        );
      }
      break;
    default:
      throw new Error(`parsePageState returned ${JSON.stringify(state)}`);
  }
}

function expectWellFormedToPopover(msg: unknown): void {
  if (msg === null) return;
  const m = msg as Record<string, unknown>;
  if (m.type === 'hide') {
    expect(keys(m)).toEqual(['type']);
    return;
  }
  expect(m.type).toBe('show');
  expect(keys(m)).toEqual(['focus', 'id', 'sentAt', 'siteKey', 'touch', 'type']);
  expect(typeof m.id === 'string' && ID.test(m.id)).toBe(true);
  expect(typeof m.touch).toBe('boolean');
  expect(typeof m.focus).toBe('boolean');
  expect(m.siteKey === null || typeof m.siteKey === 'string').toBe(true);
  expect(typeof m.sentAt === 'number' && Number.isFinite(m.sentAt)).toBe(true);
}

function expectWellFormedFromPopover(msg: unknown): void {
  if (msg === null) return;
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      expect(keys(m)).toEqual(['type']);
      break;
    case 'size':
      expect(keys(m)).toEqual(['height', 'type']);
      expect(Number.isFinite(m.height) && (m.height as number) >= 0 && (m.height as number) <= 4000).toBe(
        true,
      );
      break;
    case 'close':
      expect(keys(m)).toEqual(['returnFocus', 'type']);
      expect(typeof m.returnFocus).toBe('boolean');
      break;
    case 'hover':
      expect(keys(m)).toEqual(['at', 'inside', 'type']);
      expect(typeof m.inside).toBe('boolean');
      expect(m.at === null || Number.isFinite(m.at)).toBe(true);
      break;
    default:
      throw new Error(`parseFromPopover returned ${JSON.stringify(msg)}`);
  }
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

describe('parseMessage / parsePageState', () => {
  it('never throw on anything, and return null or a well-formed value', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, nearMessage, jsonNear), (raw) => {
        expectWellFormedMessage(parseMessage(raw));
        expectWellFormedPageState(parsePageState(raw));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('drop unknown message types, whatever the other fields', () => {
    const unknownType = fc
      .oneof(fc.string(), anyValue)
      .filter((t) => !(MESSAGE_TYPES as readonly unknown[]).includes(t));
    fc.assert(
      fc.property(unknownType, nearMessage, (type, rest) => {
        expect(parseMessage({ ...rest, type })).toBeNull();
        expect(parseMessage({ type })).toBeNull();
      }),
      { numRuns: NUM_RUNS },
    );
    // Near misses of real types.
    for (const t of ['KL:next-term', 'kl:next-term ', ' kl:count', 'kl:', 'next-term', 'kl:get-page-term']) {
      expect(parseMessage({ type: t }), t).toBeNull();
    }
  });

  it('accept each real message and copy only its own fields', () => {
    fc.assert(
      fc.property(anyValue, (extra) => {
        const withExtra = { extra, constructor: extra };
        expect(parseMessage({ type: 'kl:next-term', ...withExtra })).toEqual({ type: 'kl:next-term' });
        expect(parseMessage({ type: 'kl:reveal-entry', id: 'k-hole', ...withExtra })).toEqual({
          type: 'kl:reveal-entry',
          id: 'k-hole',
        });
        expect(
          parseMessage({ type: 'kl:count', count: 3, frameUrl: 'https://a.example/', ...withExtra }),
        ).toEqual({ type: 'kl:count', count: 3, frameUrl: 'https://a.example/', off: null, partial: false });
        // `partial` is true only when it is exactly true.
        const count = { type: 'kl:count', count: 1, frameUrl: '' };
        expect(parseMessage({ ...count, partial: true })).toMatchObject({ partial: true });
        expect(parseMessage({ ...count, partial: extra })).toMatchObject({ partial: extra === true });
      }),
      { numRuns: 50 },
    );
  });

  it('the content script parser is parseMessage restricted to what content scripts receive', () => {
    const forContent = ['kl:get-page-terms', 'kl:next-term', 'kl:reveal-entry', 'kl:explain-selection'];
    fc.assert(
      fc.property(fc.oneof(anyValue, nearMessage, jsonNear), (raw) => {
        const full = parseMessage(raw);
        const content = parseContentMessage(raw);
        if (full && forContent.includes(full.type)) expect(content).toEqual(full);
        else expect(content).toBeNull();
      }),
      { numRuns: NUM_RUNS },
    );
    expect(parseContentMessage({ type: 'kl:count', count: 1, frameUrl: 'https://a.example/' })).toBeNull();
    expect(parseContentMessage({ type: 'kl:get-site-state', url: 'https://a.example/' })).toBeNull();
  });

  it('page states: random "on" lists keep only well-formed terms', () => {
    const term = fc.record({ id: idLike, count: numberLike }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(fc.oneof(term, anyValue), { maxLength: 10 }), anyValue, (terms, extra) => {
        const state = parsePageState({ state: 'on', terms, extra });
        expectWellFormedPageState(state);
        expect(state).not.toBeNull();
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// ---------------------------------------------------------------------------
// Popover channel
// ---------------------------------------------------------------------------

describe('parseToPopover / parseFromPopover', () => {
  const nearPopover = fc.record(
    {
      type: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('show', 'hide', 'ready', 'size', 'close', 'hover') },
        { weight: 1, arbitrary: anyValue },
      ),
      id: fc.oneof(idLike, anyValue),
      focus: fc.oneof(fc.boolean(), anyValue),
      siteKey: fc.oneof(fc.string(), fc.constant(null), anyValue),
      height: fc.oneof(numberLike, anyValue),
      returnFocus: fc.oneof(fc.boolean(), anyValue),
      inside: fc.oneof(fc.boolean(), anyValue),
      at: fc.oneof(numberLike, anyValue),
      extra: anyValue,
    },
    { requiredKeys: ['type'] },
  );

  it('never throw and return null or a well-formed message', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, nearPopover), (raw) => {
        expectWellFormedToPopover(parseToPopover(raw));
        expectWellFormedFromPopover(parseFromPopover(raw));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('drop unknown types', () => {
    fc.assert(
      fc.property(
        fc
          .oneof(fc.string(), anyValue)
          .filter((t) => !['show', 'hide', 'ready', 'size', 'close', 'hover'].includes(t as string)),
        nearPopover,
        (type, rest) => {
          expect(parseToPopover({ ...rest, type })).toBeNull();
          expect(parseFromPopover({ ...rest, type })).toBeNull();
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
