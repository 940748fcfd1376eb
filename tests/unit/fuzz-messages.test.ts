// Fuzzing every parser that reads data from another context or from a file:
// runtime messages (lib/messages.ts), the popover channel
// (lib/popover-protocol.ts), stored settings (lib/settings.ts) and settings
// files (lib/settings-import.ts). None may throw; each returns null (or a
// failure) or a value of exactly the documented shape, never passing through
// fields it does not know, and unknown message types are dropped.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../lib/glossary/types';
import { parseContentMessage, parseMessage, parsePageState } from '../../lib/messages';
import { parseFromPopover, parseToPopover } from '../../lib/popover/protocol';
import { exportSettingsFile, importSettingsFile, MAX_SETTINGS_FILE_CHARS } from '../../lib/settings/import';
import {
  HIGHLIGHT_STYLES,
  MAX_LISTED_ISSUES,
  MAX_SITES,
  migrateSettings,
  parseSettings,
  type Settings,
  settingsToJson,
} from '../../lib/settings/settings';
import { FILE_SITE_KEY, normaliseHostInput } from '../../lib/settings/site-key';

const NUM_RUNS = 200;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const MESSAGE_TYPES = [
  'kl:get-page-terms',
  'kl:reveal-entry',
  'kl:next-term',
  'kl:explain-selection',
  'kl:count',
  'kl:open-search',
] as const;

// ---------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------

/** Values of every JS kind, including the tricky ones structured clone can carry. */
const anyValue = fc.oneof(
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withTypedArray: true,
    withSparseArray: true,
    withUnicodeString: true,
  }),
  fc.jsonValue(),
  fc.string({ unit: 'binary' }),
);

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

function keys(v: object): string[] {
  return Object.keys(v).sort();
}

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
      expect(keys(m).filter((k) => k !== 'off')).toEqual(['count', 'frameUrl', 'type']);
      expect(Number.isInteger(m.count) && (m.count as number) >= 0).toBe(true);
      expect(typeof m.frameUrl).toBe('string');
      if ('off' in m) expect([null, 'site', 'global']).toContain(m.off);
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
  expect(keys(m)).toEqual(['focus', 'id', 'sentAt', 'siteKey', 'type']);
  expect(typeof m.id === 'string' && ID.test(m.id)).toBe(true);
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

function expectWellFormedSettings(s: Settings): void {
  expect(keys(s)).toEqual(['categories', 'crisisRegion', 'enabled', 'highlightStyle', 'sites']);
  expect(typeof s.enabled).toBe('boolean');
  expect(HIGHLIGHT_STYLES).toContain(s.highlightStyle);
  expect(keys(s.categories)).toEqual([...CATEGORIES].sort());
  for (const c of CATEGORIES) expect(typeof s.categories[c]).toBe('boolean');
  expect(s.crisisRegion === 'auto' || (/^[A-Z]{2}$/.test(s.crisisRegion) && s.crisisRegion !== 'UK')).toBe(
    true,
  );
  const siteKeys = Object.keys(s.sites);
  expect(siteKeys.length).toBeLessThanOrEqual(MAX_SITES);
  for (const k of siteKeys) {
    expect(['on', 'off']).toContain(s.sites[k]);
    // Stored keys are canonical: parsing them again changes nothing.
    expect(
      k === FILE_SITE_KEY || normaliseHostInput(k) === k,
      `site key ${JSON.stringify(k)} is not canonical`,
    ).toBe(true);
  }
}

// Prototype pollution would show up on every object in the realm.
afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
});

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
        ).toMatchObject({
          type: 'kl:count',
          count: 3,
          frameUrl: 'https://a.example/',
        });
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

// ---------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------

const hostish = fc.oneof(
  fc.domain(),
  fc.webUrl(),
  fc.constantFrom(
    'WWW.Example.COM',
    'example.com.',
    'bücher.de',
    '127.1',
    '[::1]',
    'file://',
    'not a host!',
    '',
    '__proto__',
    'constructor',
    'localhost:8080',
    'UK',
  ),
  fc.string({ maxLength: 30 }),
);

const nearSettings = fc.record(
  {
    enabled: fc.oneof(fc.boolean(), anyValue),
    sites: fc.oneof(
      fc.dictionary(hostish, fc.oneof(fc.constantFrom('on', 'off', 'ON', ' off ', 'maybe'), anyValue), {
        maxKeys: 20,
      }),
      anyValue,
    ),
    highlightStyle: fc.oneof(
      fc.constantFrom(...HIGHLIGHT_STYLES, 'Underline ', 'BACKGROUND', 'bold'),
      anyValue,
    ),
    categories: fc.oneof(
      fc.dictionary(fc.oneof(fc.constantFrom(...CATEGORIES), fc.string()), fc.oneof(fc.boolean(), anyValue), {
        maxKeys: 12,
      }),
      anyValue,
    ),
    crisisRegion: fc.oneof(fc.constantFrom('auto', 'AUTO', 'US', 'gb', 'UK', 'uk', 'USA', ''), anyValue),
    disabledSites: fc.oneof(fc.array(hostish, { maxLength: 10 }), anyValue),
    extra: anyValue,
  },
  { requiredKeys: [] },
);

describe('parseSettings / migrateSettings', () => {
  it('never throw and always give complete, canonical settings', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyValue, nearSettings),
        fc.oneof(fc.integer({ min: -1, max: 4 }), fc.double()),
        (raw, v) => {
          for (const parsed of [parseSettings(raw), migrateSettings(raw, v)]) {
            expectWellFormedSettings(parsed.settings);
            expect(typeof parsed.repaired).toBe('boolean');
            expect(parsed.problems).toHaveLength(parsed.issues.length);
            expect(parsed.issues.length).toBeLessThanOrEqual(MAX_LISTED_ISSUES + 1);
            for (const p of parsed.problems) expect(typeof p).toBe('string');
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('are idempotent: parsed settings parse to themselves, unrepaired, also through JSON', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, nearSettings), (raw) => {
        const once = parseSettings(raw).settings;
        const again = parseSettings(once);
        expect(again.repaired, again.problems.join('\n')).toBe(false);
        expect(settingsToJson(again.settings)).toBe(settingsToJson(once));
        const viaJson = parseSettings(JSON.parse(settingsToJson(once)));
        expect(viaJson.repaired).toBe(false);
        expect(viaJson.settings).toEqual(once);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  const throwing = (): object =>
    new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor() {
          throw new Error('boom');
        },
        has() {
          throw new Error('boom');
        },
      },
    );
  const hostile = (): unknown[] => {
    const getter = Object.defineProperty({ sites: {} }, 'enabled', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const bigSites: Record<string, string> = {};
    for (let i = 0; i < MAX_SITES + 50; i++) bigSites[`site${i}.example`] = 'off';
    return [throwing(), getter, { sites: bigSites }, { sites: throwing() }, { categories: throwing() }];
  };

  it('parseSettings survives hostile objects: throwing getters, proxies, huge site lists', () => {
    for (const raw of hostile()) expectWellFormedSettings(parseSettings(raw).settings);
  });

  it('migrateSettings survives hostile objects too (its doc comment says "Never throws")', () => {
    // Known failure (reported to the lead): migrateSettings calls
    // looksLikeV2(raw) (Object.hasOwn on the raw value) outside safely(), so a
    // Proxy whose traps throw escapes as an exception. Unreachable from
    // storage (structured clone), but the function promises never to throw.
    for (const raw of hostile()) {
      for (const version of [1, 2, 0, 3]) {
        expect(() => migrateSettings(raw, version), `version ${version}`).not.toThrow();
        expectWellFormedSettings(migrateSettings(raw, version).settings);
      }
    }
  });
});

describe('importSettingsFile', () => {
  const fileText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
    fc
      .record(
        {
          app: fc.oneof(fc.constant('ketamine-lens'), anyValue),
          version: fc.oneof(fc.constantFrom(1, 2, 3, 0, -1, 1.5, '2'), anyValue),
          settings: fc.oneof(nearSettings, anyValue),
        },
        { requiredKeys: [] },
      )
      .map((v) => {
        try {
          return JSON.stringify(v) ?? '';
        } catch {
          return '';
        }
      }),
    nearSettings.map((v) => {
      try {
        return `\uFEFF${JSON.stringify(v, null, 2) ?? ''}`;
      } catch {
        return '';
      }
    }),
    fc.constantFrom(
      '',
      ' ',
      '\uFEFF',
      '{',
      '[]',
      'null',
      '{"app":"ketamine-lens"}',
      '{"__proto__":{"polluted":true},"enabled":false}',
    ),
  );

  it('never throws and returns { ok: false, error } or complete settings', () => {
    fc.assert(
      fc.property(fileText, (text) => {
        const r = importSettingsFile(text);
        if (!r.ok) {
          expect(typeof r.error).toBe('string');
          expect(r.error.length).toBeGreaterThan(0);
          return;
        }
        expectWellFormedSettings(r.settings);
        expect(Number.isInteger(r.fromVersion) && r.fromVersion >= 1).toBe(true);
        for (const x of [...r.rejected, ...r.messages]) expect(typeof x).toBe('string');
        // What was imported exports and imports again unchanged, with nothing rejected.
        const round = importSettingsFile(exportSettingsFile(r.settings));
        expect(round.ok && round.rejected).toEqual([]);
        expect(round.ok && round.settings).toEqual(r.settings);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('refuses non-strings and oversized files without throwing', () => {
    for (const v of [undefined, null, 42, {}, [], new ArrayBuffer(4)]) {
      const r = importSettingsFile(v as unknown as string);
      expect(r.ok).toBe(false);
    }
    expect(importSettingsFile(' '.repeat(MAX_SETTINGS_FILE_CHARS + 1)).ok).toBe(false);
  });
});
