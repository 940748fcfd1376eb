// Settings files: export to, and import from, a JSON file the reader keeps.
// Pure: no browser APIs, never throws.
//
// File format (what exportSettingsFile writes):
//   { "app": "ketamine-lens", "version": 2, "settings": { …Settings… } }
// Import accepts that envelope at version 1 (migrated) or 2, a file from a
// newer version (read as well as this version can, unknown fields reported),
// and — for hand-written files — a bare settings object without the envelope.
// Importing replaces all settings: a field absent from the file gets its
// default. Each field or site that could not be used is named in `rejected`.

import {
  migrateSettings,
  type ParseResult,
  parseSettings,
  SETTINGS_VERSION,
  type Settings,
  settingsToJson,
} from './settings';

export const SETTINGS_FILE_APP = 'ketamine-lens';
/** Larger files are refused before parsing (a real one is a few KB). */
export const MAX_SETTINGS_FILE_CHARS = 1_000_000;

export type ImportResult =
  | {
      ok: true;
      settings: Settings;
      /** Names of fields/sites that were dropped or replaced by defaults, e.g. "highlightStyle", 'sites["not a host!"]'. */
      rejected: string[];
      /** Every note about the import, one sentence each (includes the rejected ones, and normalisations). */
      messages: string[];
      /** Settings version the file declared (or was inferred as). */
      fromVersion: number;
    }
  | { ok: false; error: string };

type Rec = Record<string, unknown>;

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SETTINGS_FIELDS = ['enabled', 'sites', 'highlightStyle', 'categories', 'crisisRegion', 'disabledSites'];

function fail(error: string): ImportResult {
  return { ok: false, error };
}

function toResult(parsed: ParseResult, fromVersion: number, extra: string[]): ImportResult {
  const rejected: string[] = [];
  for (const issue of parsed.issues) {
    if (issue.kind === 'invalid' || issue.kind === 'unknown' || issue.kind === 'limit') {
      // The overflow summary has no field name: show its sentence instead.
      const name = issue.path === '…' ? issue.message : issue.path;
      if (!rejected.includes(name)) rejected.push(name);
    }
  }
  // 'missing' is normal for a partial file: defaults fill in, nothing was rejected.
  const messages = [...extra, ...parsed.issues.filter((i) => i.kind !== 'missing').map((i) => i.message)];
  return { ok: true, settings: parsed.settings, rejected, messages, fromVersion };
}

/** Read a settings file's text. Never throws: a file that cannot be used gives { ok: false, error }. */
export function importSettingsFile(text: string): ImportResult {
  if (typeof text !== 'string') return fail('Could not read the file.');
  if (text.length > MAX_SETTINGS_FILE_CHARS) {
    return fail('This file is too large to be a Ketamine Lens settings file.');
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return fail('The file is empty.');

  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return fail(`This is not a Ketamine Lens settings file: it is not valid JSON${detail}.`);
  }
  if (!isRecord(data)) {
    return fail('This is not a Ketamine Lens settings file: it should contain a JSON object.');
  }

  const extra: string[] = [];
  let version: number;
  let settings: unknown;

  if (Object.hasOwn(data, 'app')) {
    if (data.app !== SETTINGS_FILE_APP) {
      const app = typeof data.app === 'string' ? `"${data.app.slice(0, 60)}"` : 'another app';
      return fail(`This settings file is for ${app}, not Ketamine Lens.`);
    }
    if (!Object.hasOwn(data, 'settings') || data.settings === undefined || data.settings === null) {
      return fail('This Ketamine Lens file has no "settings" section.');
    }
    settings = data.settings;
    if (Object.hasOwn(data, 'version')) {
      const v = data.version;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
        return fail(
          'This Ketamine Lens file has an invalid "version": it should be a whole number such as 2.',
        );
      }
      version = v;
    } else {
      version = isRecord(settings) && Object.hasOwn(settings, 'disabledSites') ? 1 : SETTINGS_VERSION;
      extra.push(`The file has no "version"; read as settings version ${version}.`);
    }
  } else if (SETTINGS_FIELDS.some((f) => Object.hasOwn(data, f))) {
    settings = data;
    version = Object.hasOwn(data, 'disabledSites') ? 1 : SETTINGS_VERSION;
    extra.push('The file has no "app": "ketamine-lens" header; read as bare settings.');
  } else {
    return fail('This is not a Ketamine Lens settings file: it has no "app": "ketamine-lens".');
  }

  if (!isRecord(settings)) {
    return fail('The "settings" section of this file should be an object.');
  }
  if (version > SETTINGS_VERSION) {
    extra.push(
      `This file was made by a newer version of Ketamine Lens (settings version ${version}); settings this version does not know were skipped.`,
    );
  }
  const parsed = version === SETTINGS_VERSION ? parseSettings(settings) : migrateSettings(settings, version);
  // migrateSettings adds its own "newer version" issue: keep only ours.
  const issues = parsed.issues.filter((i) => i.path !== 'version');
  return toResult({ ...parsed, issues }, version, extra);
}

/**
 * The text of a settings file: pretty JSON in the envelope, site keys sorted
 * so two exports of the same settings are byte-identical. The settings are
 * validated first, so a file never carries an invalid value.
 */
export function exportSettingsFile(settings: Settings): string {
  const clean = parseSettings(settings).settings;
  const body = JSON.parse(settingsToJson(clean)) as Settings;
  return `${JSON.stringify({ app: SETTINGS_FILE_APP, version: SETTINGS_VERSION, settings: body }, null, 2)}\n`;
}
