// The settings model (lib/settings/settings.ts): its defaults, and what
// parseSettings keeps, repairs and reports of stored or hostile values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../lib/glossary/types';
import {
  DEFAULT_SETTINGS,
  defaultSettings,
  isSiteEnabled,
  MAX_LISTED_ISSUES,
  MAX_SITES,
  parseSettings,
  SETTINGS_VERSION,
} from '../../lib/settings/settings';
import { FILE_SITE_KEY } from '../../lib/settings/site-key';
import { paths, valid } from '../support/settings-fixtures';

describe('defaults', () => {
  it('are version 2 with everything on', () => {
    expect(SETTINGS_VERSION).toBe(2);
    expect(DEFAULT_SETTINGS.enabled).toBe(true);
    expect(DEFAULT_SETTINGS.sites).toEqual({});
    expect(DEFAULT_SETTINGS.highlightStyle).toBe('underline');
    expect(DEFAULT_SETTINGS.crisisRegion).toBe('auto');
    for (const c of CATEGORIES) expect(DEFAULT_SETTINGS.categories[c]).toBe(true);
    expect(Object.keys(DEFAULT_SETTINGS.categories).sort()).toEqual([...CATEGORIES].sort());
  });

  it('are frozen, and defaultSettings() returns a fresh copy', () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.sites)).toBe(true);
    const a = defaultSettings();
    a.sites['example.com'] = 'off';
    a.categories.slang = false;
    expect(defaultSettings().sites).toEqual({});
    expect(defaultSettings().categories.slang).toBe(true);
  });
});

describe('parseSettings', () => {
  it('accepts a valid value unchanged', () => {
    const s = valid({
      enabled: false,
      sites: { 'example.com': 'off', '[::1]': 'off', [FILE_SITE_KEY]: 'off', 'a.org': 'on' },
      highlightStyle: 'hover-only',
      crisisRegion: 'GB',
    });
    s.categories.slang = false;
    const r = parseSettings(structuredClone(s));
    expect(r).toMatchObject({ repaired: false, problems: [], issues: [] });
    expect(r.settings).toEqual(s);
  });

  it('returns a new object, not the input', () => {
    const s = valid();
    const r = parseSettings(s);
    expect(r.settings).not.toBe(s);
    expect(r.settings.sites).not.toBe(s.sites);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'enabled'],
    ['a number', 42],
    ['an array', [true, {}]],
    ['a boolean', false],
    ['a function', () => 1],
  ])('gives defaults for %s', (_name, raw) => {
    const r = parseSettings(raw);
    expect(r.settings).toEqual(defaultSettings());
    expect(r.repaired).toBe(true);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^settings: expected an object/);
  });

  it('fills missing fields with defaults and says so', () => {
    const r = parseSettings({ enabled: false });
    expect(r.settings).toEqual(valid({ enabled: false }));
    expect(r.repaired).toBe(true);
    expect(paths(r)).toEqual(
      expect.arrayContaining(['sites', 'highlightStyle', 'categories', 'crisisRegion']),
    );
    expect(r.issues.every((i) => i.kind === 'missing')).toBe(true);
  });

  it('replaces each wrong-typed field by its default, keeping the others', () => {
    const r = parseSettings({
      enabled: 'yes',
      sites: ['example.com'],
      highlightStyle: 'neon',
      categories: 'all',
      crisisRegion: 12,
    });
    expect(r.settings).toEqual(defaultSettings());
    expect(paths(r)).toEqual(['enabled', 'sites', 'highlightStyle', 'categories', 'crisisRegion']);
    expect(r.issues.every((i) => i.kind === 'invalid')).toBe(true);
    expect(r.problems[2]).toContain('highlightStyle');
    expect(r.problems[2]).toContain('"neon"');

    const partly = parseSettings({ ...valid({ enabled: false }), highlightStyle: 7 });
    expect(partly.settings.enabled).toBe(false);
    expect(partly.settings.highlightStyle).toBe('underline');
    expect(paths(partly)).toEqual(['highlightStyle']);
  });

  it('drops unknown fields by name', () => {
    const r = parseSettings({ ...valid(), theme: 'dark', '': 1 });
    expect(r.settings).toEqual(valid());
    expect(r.issues).toEqual([
      expect.objectContaining({ path: 'theme', kind: 'unknown' }),
      expect.objectContaining({ path: '""', kind: 'unknown' }),
    ]);
  });

  describe('categories', () => {
    it('validates each category on its own', () => {
      const r = parseSettings({
        ...valid(),
        categories: { ...valid().categories, slang: false, risks: 'no', made_up: false },
      });
      expect(r.settings.categories.slang).toBe(false);
      expect(r.settings.categories.risks).toBe(true);
      expect(r.settings.categories).not.toHaveProperty('made_up');
      expect(paths(r)).toEqual(['categories.made_up', 'categories.risks']);
    });

    it('turns on a category missing from older data', () => {
      const { slang: _slang, ...rest } = valid().categories;
      const r = parseSettings({ ...valid(), categories: { ...rest, research: false } });
      expect(r.settings.categories.slang).toBe(true);
      expect(r.settings.categories.research).toBe(false);
      expect(r.issues).toEqual([expect.objectContaining({ path: 'categories.slang', kind: 'missing' })]);
    });
  });

  describe('highlightStyle and crisisRegion', () => {
    it.each(['underline', 'background', 'hover-only'] as const)('accepts %s', (style) => {
      expect(parseSettings(valid({ highlightStyle: style })).repaired).toBe(false);
    });

    it('normalises case', () => {
      const r = parseSettings({ ...valid(), highlightStyle: ' Background ', crisisRegion: 'us' });
      expect(r.settings.highlightStyle).toBe('background');
      expect(r.settings.crisisRegion).toBe('US');
      expect(r.issues.every((i) => i.kind === 'normalised')).toBe(true);
      expect(r.repaired).toBe(true);
    });

    it('reads "UK" as GB (the ISO code)', () => {
      expect(parseSettings({ ...valid(), crisisRegion: 'UK' }).settings.crisisRegion).toBe('GB');
      expect(parseSettings({ ...valid(), crisisRegion: 'uk' }).settings.crisisRegion).toBe('GB');
    });

    it.each(['USA', 'U', '', 'en-US', '911', null, {}])('rejects region %j', (region) => {
      const r = parseSettings({ ...valid(), crisisRegion: region });
      expect(r.settings.crisisRegion).toBe('auto');
      expect(r.issues).toEqual([expect.objectContaining({ path: 'crisisRegion', kind: 'invalid' })]);
    });
  });

  describe('sites', () => {
    it('normalises keys and reports it', () => {
      const r = parseSettings({
        ...valid(),
        sites: { 'WWW.Example.com': 'off', 'https://bücher.de/x': 'off', 'Other.org:8080': 'on' },
      });
      expect(r.settings.sites).toEqual({
        'example.com': 'off',
        'xn--bcher-kva.de': 'off',
        'other.org': 'on',
      });
      expect(r.repaired).toBe(true);
      expect(r.issues.every((i) => i.kind === 'normalised')).toBe(true);
      expect(r.problems[0]).toBe('sites["WWW.Example.com"]: read as "example.com"');
    });

    it('merges keys that normalise to the same site, off winning', () => {
      const r = parseSettings({
        ...valid(),
        sites: { 'www.a.com': 'on', 'a.com': 'off', 'A.COM': 'on' },
      });
      expect(r.settings.sites).toEqual({ 'a.com': 'off' });
    });

    it('drops invalid keys and values by name', () => {
      const r = parseSettings({
        ...valid(),
        sites: {
          'not a host!': 'off',
          'good.com': 'maybe',
          'ok.com': 'off',
          'x.com': false,
          'y.com': null,
        },
      });
      expect(r.settings.sites).toEqual({ 'ok.com': 'off' });
      expect(paths(r)).toEqual([
        'sites["not a host!"]',
        'sites["good.com"]',
        'sites["x.com"]',
        'sites["y.com"]',
      ]);
      expect(r.issues.every((i) => i.kind === 'invalid')).toBe(true);
    });
  });

  describe('hostile input', () => {
    it('treats "__proto__" and other prototype keys as data', () => {
      const raw = JSON.parse(
        '{"__proto__": {"enabled": false, "polluted": true}, "enabled": true,' +
          ' "sites": {"__proto__": "off", "constructor": "off", "toString": "on", "a.com": "off"},' +
          ' "categories": {"__proto__": {"slang": false}, "constructor": false}}',
      );
      const r = parseSettings(raw);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(r.settings)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(r.settings.sites)).toBe(Object.prototype);
      expect(r.settings.enabled).toBe(true);
      expect(Object.hasOwn(r.settings.sites, '__proto__')).toBe(false);
      // "constructor" is a valid single-label host name; it is stored as plain data.
      expect(Object.hasOwn(r.settings.sites, 'constructor')).toBe(true);
      expect(r.settings.sites['a.com']).toBe('off');
      expect(Object.hasOwn(r.settings.categories, '__proto__')).toBe(false);
      expect(paths(r)).toEqual(
        expect.arrayContaining([
          '__proto__',
          'sites["__proto__"]',
          'categories.__proto__',
          'categories.constructor',
        ]),
      );
      expect(isSiteEnabled(r.settings, 'hasOwnProperty')).toBe(true);
    });

    it('caps huge site maps and lists a bounded number of problems', () => {
      const sites: Record<string, string> = {};
      for (let i = 0; i < MAX_SITES + 250; i++) sites[`site${i}.example`] = 'off';
      for (let i = 0; i < 500; i++) sites[`bad host ${i}`] = 'off';
      const r = parseSettings({ ...valid(), sites });
      expect(Object.keys(r.settings.sites)).toHaveLength(MAX_SITES);
      expect(r.issues.length).toBeLessThanOrEqual(MAX_LISTED_ISSUES + 1);
      expect(r.problems.at(-1)).toMatch(/more problems not listed/);
      expect(r.repaired).toBe(true);
    });

    it('handles huge strings and deep objects without throwing', () => {
      let deep: unknown = {};
      for (let i = 0; i < 10_000; i++) deep = { sites: deep };
      const r = parseSettings({
        ...valid(),
        highlightStyle: 'x'.repeat(1_000_000),
        sites: { ['y'.repeat(100_000)]: 'off' },
        extra: deep,
      });
      expect(r.settings.highlightStyle).toBe('underline');
      expect(r.settings.sites).toEqual({});
      expect(r.problems.every((p) => p.length < 300)).toBe(true);
    });

    it('never throws, even on throwing getters and proxies', () => {
      const evil = {
        get enabled(): boolean {
          throw new Error('boom');
        },
      };
      expect(parseSettings(evil).settings).toEqual(defaultSettings());
      const proxy = new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('nope');
          },
        },
      );
      expect(parseSettings(proxy).settings).toEqual(defaultSettings());
    });

    it('always yields a valid value that parses cleanly (property)', () => {
      const anyValue = fc.anything({
        withObjectString: true,
        withNullPrototype: true,
        maxDepth: 3,
      });
      const settingsLike = fc.record(
        {
          enabled: fc.oneof(fc.boolean(), anyValue),
          sites: fc.oneof(fc.dictionary(fc.string(), fc.constantFrom('on', 'off', 'ON', 1)), anyValue),
          highlightStyle: fc.oneof(fc.constantFrom('underline', 'background', 'hover-only'), anyValue),
          categories: fc.oneof(fc.dictionary(fc.constantFrom(...CATEGORIES, 'x'), fc.boolean()), anyValue),
          crisisRegion: fc.oneof(fc.constantFrom('auto', 'US', 'gb', 'UK'), fc.string()),
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(fc.oneof(settingsLike, anyValue), (raw) => {
          const first = parseSettings(raw);
          const again = parseSettings(structuredClone(first.settings));
          expect(again.repaired).toBe(false);
          expect(again.settings).toEqual(first.settings);
        }),
        { numRuns: 300 },
      );
    });
  });
});
