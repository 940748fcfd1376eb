import { describe, expect, it } from 'vitest';
import {
  exportSettingsFile,
  type ImportResult,
  importSettingsFile,
  MAX_SETTINGS_FILE_CHARS,
} from '../../lib/settings/import';
import { defaultSettings, type Settings, setSite } from '../../lib/settings/settings';

function custom(): Settings {
  let s = defaultSettings();
  s = setSite(s, 'example.com', false);
  s = setSite(s, 'bücher.de', false);
  s.highlightStyle = 'background';
  s.categories.slang = false;
  s.crisisRegion = 'GB';
  return s;
}

function ok(r: ImportResult) {
  if (!r.ok) throw new Error(`expected ok, got error: ${r.error}`);
  return r;
}

function err(r: ImportResult): string {
  if (r.ok) throw new Error('expected an error result');
  return r.error;
}

function file(settings: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ app: 'ketamine-lens', version: 2, settings, ...extra });
}

describe('exportSettingsFile', () => {
  it('writes pretty JSON in the envelope', () => {
    const text = exportSettingsFile(custom());
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toContain('\n  "app": "ketamine-lens",\n');
    const data = JSON.parse(text);
    expect(data).toEqual({ app: 'ketamine-lens', version: 2, settings: custom() });
    expect(Object.keys(data)).toEqual(['app', 'version', 'settings']);
  });

  it('is deterministic: site keys sorted', () => {
    const a = setSite(setSite(defaultSettings(), 'b.com', false), 'a.com', false);
    const b = setSite(setSite(defaultSettings(), 'a.com', false), 'b.com', false);
    expect(exportSettingsFile(a)).toBe(exportSettingsFile(b));
    expect(Object.keys(JSON.parse(exportSettingsFile(a)).settings.sites)).toEqual(['a.com', 'b.com']);
  });

  it('never exports an invalid value', () => {
    const bad = { ...defaultSettings(), highlightStyle: 'neon', extra: 1 } as unknown as Settings;
    const data = JSON.parse(exportSettingsFile(bad));
    expect(data.settings).toEqual(defaultSettings());
  });
});

describe('importSettingsFile', () => {
  it('round-trips an export', () => {
    const r = ok(importSettingsFile(exportSettingsFile(custom())));
    expect(r.settings).toEqual(custom());
    expect(r.rejected).toEqual([]);
    expect(r.messages).toEqual([]);
    expect(r.fromVersion).toBe(2);
  });

  it('accepts a byte-order mark and surrounding whitespace', () => {
    const r = ok(importSettingsFile(`\uFEFF\n  ${exportSettingsFile(custom())}  \n`));
    expect(r.settings).toEqual(custom());
  });

  describe('refuses files it cannot use, with a clear message', () => {
    it.each([
      ['empty', '', /empty/],
      ['whitespace', '  \n ', /empty/],
      ['not JSON', 'enabled: true', /not valid JSON/],
      ['truncated JSON', '{"app": "ketamine-lens", "settings": {', /not valid JSON/],
      ['a JSON string', '"ketamine-lens"', /JSON object/],
      ['a JSON array', '[{"enabled": true}]', /JSON object/],
      ['JSON null', 'null', /JSON object/],
      [
        'another app',
        '{"app": "other-extension", "version": 1, "settings": {}}',
        /"other-extension", not Ketamine Lens/,
      ],
      ['app not a string', '{"app": 7, "settings": {}}', /another app/],
      ['no settings section', '{"app": "ketamine-lens", "version": 2}', /no "settings"/],
      ['settings null', '{"app": "ketamine-lens", "version": 2, "settings": null}', /no "settings"/],
      [
        'settings not an object',
        '{"app": "ketamine-lens", "version": 2, "settings": [1]}',
        /should be an object/,
      ],
      ['bad version', '{"app": "ketamine-lens", "version": "two", "settings": {}}', /invalid "version"/],
      ['version 0', '{"app": "ketamine-lens", "version": 0, "settings": {}}', /invalid "version"/],
      ['unrelated JSON', '{"name": "my-package", "version": "1.0.0"}', /no "app": "ketamine-lens"/],
    ])('%s', (_name, text, message) => {
      expect(err(importSettingsFile(text))).toMatch(message);
    });

    it('a huge file', () => {
      const text = `{"app": "ketamine-lens", "settings": {"x": "${'a'.repeat(MAX_SETTINGS_FILE_CHARS)}"}}`;
      expect(err(importSettingsFile(text))).toMatch(/too large/);
    });

    it('a non-string', () => {
      expect(err(importSettingsFile(undefined as unknown as string))).toMatch(/Could not read/);
    });
  });

  it('imports the valid parts of a partly valid file and names the rest', () => {
    const r = ok(
      importSettingsFile(
        file({
          enabled: 'sometimes',
          sites: {
            'ok.com': 'off',
            'not a host!': 'off',
            'bad-value.com': 'maybe',
            'WWW.Norm.com': 'off',
          },
          highlightStyle: 'neon',
          categories: { slang: false, risks: 'no', astrology: true },
          crisisRegion: 'GB',
          theme: 'dark',
        }),
      ),
    );
    expect(r.settings).toEqual({
      ...defaultSettings(),
      sites: { 'ok.com': 'off', 'norm.com': 'off' },
      categories: { ...defaultSettings().categories, slang: false },
      crisisRegion: 'GB',
    });
    expect(r.rejected).toEqual(
      expect.arrayContaining([
        'enabled',
        'sites["not a host!"]',
        'sites["bad-value.com"]',
        'highlightStyle',
        'categories.risks',
        'categories.astrology',
        'theme',
      ]),
    );
    expect(r.rejected).toHaveLength(7);
    // A normalised key is not rejected, but it is mentioned.
    expect(r.rejected).not.toContain('sites["WWW.Norm.com"]');
    expect(r.messages).toContain('sites["WWW.Norm.com"]: read as "norm.com"');
    expect(r.messages.find((m) => m.startsWith('highlightStyle:'))).toMatch(/"neon"/);
  });

  it('fills fields missing from the file with defaults without rejecting anything', () => {
    const r = ok(importSettingsFile(file({ enabled: false })));
    expect(r.settings).toEqual({ ...defaultSettings(), enabled: false });
    expect(r.rejected).toEqual([]);
    expect(r.messages).toEqual([]);
  });

  it('migrates a version 1 file', () => {
    const r = ok(
      importSettingsFile(
        JSON.stringify({
          app: 'ketamine-lens',
          version: 1,
          settings: { enabled: true, disabledSites: ['WWW.Example.com', 'nope nope'] },
        }),
      ),
    );
    expect(r.fromVersion).toBe(1);
    expect(r.settings.sites).toEqual({ 'example.com': 'off' });
    expect(r.rejected).toEqual(['disabledSites[1]']);
  });

  it('infers the version when the envelope has none', () => {
    const v1 = ok(importSettingsFile('{"app": "ketamine-lens", "settings": {"disabledSites": ["a.com"]}}'));
    expect(v1.fromVersion).toBe(1);
    expect(v1.settings.sites).toEqual({ 'a.com': 'off' });
    expect(v1.messages[0]).toMatch(/no "version"/);
    const v2 = ok(importSettingsFile('{"app": "ketamine-lens", "settings": {"enabled": false}}'));
    expect(v2.fromVersion).toBe(2);
    expect(v2.settings.enabled).toBe(false);
  });

  it('reads a file from a newer version, skipping what it does not know', () => {
    const r = ok(importSettingsFile(file({ enabled: false, sparkles: true }, { version: 3 })));
    expect(r.fromVersion).toBe(3);
    expect(r.settings.enabled).toBe(false);
    expect(r.rejected).toEqual(['sparkles']);
    expect(r.messages[0]).toMatch(/newer version/);
  });

  it('accepts bare settings without the envelope, and says so', () => {
    const r = ok(importSettingsFile('{"enabled": false, "highlightStyle": "hover-only"}'));
    expect(r.settings).toEqual({
      ...defaultSettings(),
      enabled: false,
      highlightStyle: 'hover-only',
    });
    expect(r.messages[0]).toMatch(/bare settings/);
  });

  it('ignores extra envelope fields (e.g. a future exportedAt)', () => {
    const r = ok(importSettingsFile(file({ enabled: false }, { exportedAt: '2025-01-01' })));
    expect(r.rejected).toEqual([]);
  });

  it('is not fooled by prototype keys', () => {
    const text =
      '{"app": "ketamine-lens", "version": 2, "settings": {"__proto__": {"enabled": false},' +
      ' "sites": {"__proto__": "off"}}, "__proto__": {"app": "x"}}';
    const r = ok(importSettingsFile(text));
    expect(r.settings.enabled).toBe(true);
    expect(r.settings.sites).toEqual({});
    expect(r.rejected).toEqual(['__proto__', 'sites["__proto__"]']);
    expect(({} as Record<string, unknown>).enabled).toBeUndefined();
  });

  it('bounds the rejected list for a file full of junk', () => {
    const sites: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) sites[`bad host ${i}`] = 'off';
    const r = ok(importSettingsFile(file({ sites })));
    expect(r.rejected.length).toBeLessThanOrEqual(102);
    expect(r.rejected.at(-1)).toMatch(/^…and \d+ more problems not listed$/);
    expect(r.messages.at(-1)).toMatch(/more problems not listed/);
  });
});
