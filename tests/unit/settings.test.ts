// The settings model (lib/settings/settings.ts): migration from older
// versions, the per-site switch, and comparing and writing settings.
// (Defaults and parsing: settings-parse.test.ts.)
import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  isSiteEnabled,
  MAX_SITES,
  migrateSettings,
  parseSettings,
  SETTINGS_VERSION,
  setSite,
  settingsEqual,
  settingsToJson,
  siteOffReason,
} from '../../lib/settings/settings';
import { FILE_SITE_KEY } from '../../lib/settings/site-key';
import { paths, valid } from '../support/settings-fixtures';

describe('migrateSettings', () => {
  it('migrates the v1 shape', () => {
    const r = migrateSettings(
      {
        enabled: false,
        disabledSites: ['WWW.Example.com', 'https://news.site.org/page', 'bücher.de', 'www.example.com'],
      },
      1,
    );
    expect(r.settings).toEqual(
      valid({
        enabled: false,
        sites: { 'example.com': 'off', 'news.site.org': 'off', 'xn--bcher-kva.de': 'off' },
      }),
    );
    expect(r.repaired).toBe(true);
    expect(r.problems).toEqual([]);
  });

  it('reports v1 entries it cannot use', () => {
    const r = migrateSettings(
      { enabled: 'no', disabledSites: ['ok.com', 'not a host!', 3], colour: 'red' },
      1,
    );
    expect(r.settings).toEqual(valid({ sites: { 'ok.com': 'off' } }));
    expect(paths(r)).toEqual(['colour', 'enabled', 'disabledSites[1]', 'disabledSites[2]']);
  });

  it('handles a v1 value that is not an object or has no list', () => {
    expect(migrateSettings(null, 1).settings).toEqual(defaultSettings());
    expect(migrateSettings('x', 1).repaired).toBe(true);
    const r = migrateSettings({ enabled: true, disabledSites: 'a.com' }, 1);
    expect(r.settings).toEqual(defaultSettings());
    expect(paths(r)).toEqual(['disabledSites']);
    expect(migrateSettings({}, 1).settings).toEqual(defaultSettings());
  });

  it('parses a value labelled v1 that is already v2-shaped as v2', () => {
    const s = valid({ sites: { 'a.com': 'off' }, highlightStyle: 'background' });
    const r = migrateSettings(s, 1);
    expect(r.settings).toEqual(s);
    expect(r.repaired).toBe(false);
  });

  it('is parseSettings at the current version', () => {
    const raw = { ...valid(), highlightStyle: 'neon' };
    expect(migrateSettings(raw, SETTINGS_VERSION)).toEqual(parseSettings(raw));
  });

  it('reads settings from a newer version as well as it can', () => {
    const r = migrateSettings({ ...valid({ enabled: false }), newThing: { a: 1 } }, SETTINGS_VERSION + 1);
    expect(r.settings.enabled).toBe(false);
    expect(paths(r)).toEqual(['version', 'newThing']);
    expect(r.repaired).toBe(true);
  });

  it('guesses from the shape when the version is unusable', () => {
    expect(migrateSettings({ disabledSites: ['a.com'] }, Number.NaN).settings.sites).toEqual({
      'a.com': 'off',
    });
    expect(migrateSettings(valid({ crisisRegion: 'US' }), 0).settings.crisisRegion).toBe('US');
  });

  it('caps huge v1 lists', () => {
    const list = Array.from({ length: MAX_SITES + 10 }, (_, i) => `s${i}.example`);
    const r = migrateSettings({ enabled: true, disabledSites: list }, 1);
    expect(Object.keys(r.settings.sites)).toHaveLength(MAX_SITES);
    expect(paths(r)).toEqual(['disabledSites']);
  });
});

describe('isSiteEnabled / siteOffReason', () => {
  it('is on by default', () => {
    expect(isSiteEnabled(defaultSettings(), 'example.com')).toBe(true);
    expect(siteOffReason(defaultSettings(), 'example.com')).toBeNull();
  });

  it('is off on a site set to off, while the global switch is on', () => {
    const s = valid({ sites: { 'example.com': 'off' } });
    expect(isSiteEnabled(s, 'example.com')).toBe(false);
    expect(siteOffReason(s, 'example.com')).toBe('site');
    expect(isSiteEnabled(s, 'other.com')).toBe(true);
    expect(isSiteEnabled(s, 'news.example.com')).toBe(true);
  });

  it('global off means off everywhere, whatever the site says', () => {
    const s = valid({ enabled: false, sites: { 'a.com': 'on', 'b.com': 'off' } });
    for (const key of ['a.com', 'b.com', 'c.com', FILE_SITE_KEY]) {
      expect(isSiteEnabled(s, key)).toBe(false);
      expect(siteOffReason(s, key)).toBe('global');
    }
  });

  it('finds the override for a non-canonical key', () => {
    const s = valid({ sites: { 'example.com': 'off' } });
    expect(isSiteEnabled(s, 'WWW.Example.com')).toBe(false);
  });
});

describe('setSite', () => {
  it('adds an off override and removes it when turned back on', () => {
    const base = defaultSettings();
    const off = setSite(base, 'example.com', false);
    expect(off.sites).toEqual({ 'example.com': 'off' });
    expect(base.sites).toEqual({});
    expect(off).not.toBe(base);
    const on = setSite(off, 'example.com', true);
    expect(on.sites).toEqual({});
    expect(off.sites).toEqual({ 'example.com': 'off' });
  });

  it('normalises the key and replaces an old on override', () => {
    const s = setSite(valid({ sites: { 'a.com': 'on', 'b.com': 'off' } }), 'https://WWW.A.com/x', false);
    expect(s.sites).toEqual({ 'a.com': 'off', 'b.com': 'off' });
    expect(setSite(s, 'a.com', true).sites).toEqual({ 'b.com': 'off' });
  });

  it('works for the file key and leaves the global switch alone', () => {
    const s = setSite(valid({ enabled: false }), FILE_SITE_KEY, false);
    expect(s.sites).toEqual({ [FILE_SITE_KEY]: 'off' });
    expect(s.enabled).toBe(false);
    expect(isSiteEnabled(setSite(s, FILE_SITE_KEY, true), FILE_SITE_KEY)).toBe(false);
  });

  it('throws RangeError on a key that is not a site', () => {
    expect(() => setSite(defaultSettings(), 'not a host!', false)).toThrow(RangeError);
  });
});

describe('settingsToJson / settingsEqual', () => {
  it('ignores site key order', () => {
    const a = valid({ sites: { 'b.com': 'off', 'a.com': 'off' } });
    const b = valid({ sites: { 'a.com': 'off', 'b.com': 'off' } });
    expect(settingsEqual(a, b)).toBe(true);
    expect(settingsToJson(a)).toBe(settingsToJson(b));
    expect(settingsEqual(a, valid())).toBe(false);
  });
});
