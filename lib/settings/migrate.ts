// migrateSettings: settings written by older versions.
//
// Settings v1 (the prototype's shape, migrated by migrateSettings):
//   { enabled: boolean, disabledSites: string[] }
// `disabledSites` held host names as the user typed them ("WWW.Example.com",
// "https://example.com/"). Each becomes sites[key] = 'off'; entries that are
// not hosts are dropped and reported.

import {
  defaultSettings,
  MAX_SITES,
  type ParseResult,
  SETTINGS_VERSION,
  type Settings,
  type SettingsIssue,
} from './model';
import { FIELDS, parseSettings } from './parse';
import { clip, describe, type IssueList, isRecord, type Rec, safely, siteKeyFor } from './parse-helpers';

function looksLikeV2(raw: Rec): boolean {
  return !Object.hasOwn(raw, 'disabledSites') && FIELDS.some((f) => f !== 'enabled' && Object.hasOwn(raw, f));
}

function migrateV1(raw: unknown, issues: IssueList): Settings {
  const out = defaultSettings();
  if (!isRecord(raw)) {
    issues.add('settings', 'invalid', `expected an object, got ${describe(raw)}; using the defaults`);
    return out;
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'enabled' && key !== 'disabledSites') {
      issues.add(key === '' ? '""' : clip(key), 'unknown', 'unknown field in version 1 settings; dropped');
    }
  }
  if (Object.hasOwn(raw, 'enabled')) {
    if (typeof raw.enabled === 'boolean') out.enabled = raw.enabled;
    else issues.add('enabled', 'invalid', `expected true or false, got ${describe(raw.enabled)}; on`);
  }
  if (Object.hasOwn(raw, 'disabledSites')) {
    const list = raw.disabledSites;
    if (!Array.isArray(list)) {
      issues.add('disabledSites', 'invalid', `expected a list of sites, got ${describe(list)}; dropped`);
    } else {
      let kept = 0;
      let overLimit = 0;
      list.forEach((entry: unknown, i: number) => {
        const path = `disabledSites[${i}]`;
        const key = typeof entry === 'string' ? siteKeyFor(entry) : null;
        if (key === null) {
          issues.add(path, 'invalid', `${describe(entry)} is not a valid host name; dropped`);
          return;
        }
        if (Object.hasOwn(out.sites, key)) return; // duplicates are expected in old data
        if (kept >= MAX_SITES) {
          overLimit++;
          return;
        }
        kept++;
        out.sites[key] = 'off';
      });
      if (overLimit > 0)
        issues.add('disabledSites', 'limit', `more than ${MAX_SITES} sites; ${overLimit} dropped`);
    }
  }
  return out;
}

/**
 * Bring settings stored by an older version up to SETTINGS_VERSION and parse
 * them. Never throws.
 * - fromVersion 1: the v1 shape above. A value labelled 1 that is clearly
 *   already v2-shaped (no `disabledSites`, has v2 fields) is parsed as v2 —
 *   WXT storage assumes version 1 when a value has no version metadata.
 * - fromVersion SETTINGS_VERSION: same as parseSettings.
 * - fromVersion above SETTINGS_VERSION (settings from a newer build, e.g. via
 *   sync): parsed as best we can; fields this version does not know are
 *   dropped and reported. Callers should not write such a result back.
 * - anything else (0, NaN, non-integer): guessed from the shape.
 * `repaired` is true whenever the result differs from what is stored (always
 * for a real v1 value).
 */
export function migrateSettings(raw: unknown, fromVersion: number): ParseResult {
  const version = Number.isInteger(fromVersion) && fromVersion >= 1 ? fromVersion : null;
  if (version !== null && version > SETTINGS_VERSION) {
    const parsed = parseSettings(raw);
    const note: SettingsIssue = {
      path: 'version',
      kind: 'unknown',
      message: `version: settings are from a newer version (${version}); read as version ${SETTINGS_VERSION}`,
    };
    return {
      ...parsed,
      repaired: true,
      problems: [note.message, ...parsed.problems],
      issues: [note, ...parsed.issues],
    };
  }
  if (version === SETTINGS_VERSION) return parseSettings(raw);
  let v2Shaped = false;
  try {
    v2Shaped = isRecord(raw) && looksLikeV2(raw);
  } catch {
    // A hostile object (throwing getters or proxy traps): read it as v1, which never throws.
  }
  if (v2Shaped) return parseSettings(raw);
  // version 1, or an unknown version with no v2 fields: treat as v1.
  const migrated = safely((issues) => migrateV1(raw, issues));
  return { ...migrated, repaired: true };
}
