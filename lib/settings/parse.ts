// parseSettings: one field at a time, each invalid field falls back to its
// default and is reported; unknown fields are dropped.

import { CATEGORIES, type Category } from '../glossary/types';
import {
  allCategories,
  type CrisisRegion,
  DEFAULT_SETTINGS,
  defaultSettings,
  HIGHLIGHT_STYLES,
  type HighlightStyle,
  MAX_SITES,
  type ParseResult,
  type Settings,
  type SiteOverride,
} from './model';
import {
  addSite,
  clip,
  describe,
  fieldPath,
  type IssueList,
  isRecord,
  keyPath,
  type Rec,
  safely,
  siteKeyFor,
} from './parse-helpers';

export const FIELDS = ['enabled', 'sites', 'highlightStyle', 'categories', 'crisisRegion'] as const;

// ---------------------------------------------------------------------------
// field parsers

function parseBoolean(raw: Rec, field: string, fallback: boolean, issues: IssueList): boolean {
  if (!Object.hasOwn(raw, field)) {
    issues.add(field, 'missing', `missing; using the default (${fallback})`);
    return fallback;
  }
  const value = raw[field];
  if (typeof value === 'boolean') return value;
  issues.add(
    field,
    'invalid',
    `expected true or false, got ${describe(value)}; using the default (${fallback})`,
  );
  return fallback;
}

function parseHighlightStyle(raw: Rec, issues: IssueList): HighlightStyle {
  const fallback = DEFAULT_SETTINGS.highlightStyle;
  if (!Object.hasOwn(raw, 'highlightStyle')) {
    issues.add('highlightStyle', 'missing', `missing; using the default ('${fallback}')`);
    return fallback;
  }
  const value = raw.highlightStyle;
  if (typeof value === 'string') {
    if ((HIGHLIGHT_STYLES as readonly string[]).includes(value)) return value as HighlightStyle;
    const lower = value.trim().toLowerCase();
    if ((HIGHLIGHT_STYLES as readonly string[]).includes(lower)) {
      issues.add('highlightStyle', 'normalised', `${describe(value)} read as '${lower}'`);
      return lower as HighlightStyle;
    }
  }
  issues.add(
    'highlightStyle',
    'invalid',
    `expected one of ${HIGHLIGHT_STYLES.join(', ')}, got ${describe(value)}; using the default ('${fallback}')`,
  );
  return fallback;
}

function parseCrisisRegion(raw: Rec, issues: IssueList): CrisisRegion {
  if (!Object.hasOwn(raw, 'crisisRegion')) {
    issues.add('crisisRegion', 'missing', "missing; using the default ('auto')");
    return 'auto';
  }
  const value = raw.crisisRegion;
  if (value === 'auto' || (typeof value === 'string' && /^[A-Z]{2}$/.test(value) && value !== 'UK')) {
    return value;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.toLowerCase() === 'auto') {
      issues.add('crisisRegion', 'normalised', `${describe(value)} read as 'auto'`);
      return 'auto';
    }
    if (/^[A-Za-z]{2}$/.test(text)) {
      // "UK" is not an ISO 3166-1 code (it is exceptionally reserved); the
      // United Kingdom is GB. A crisis number must not be missed over this.
      const code = text.toUpperCase() === 'UK' ? 'GB' : text.toUpperCase();
      issues.add('crisisRegion', 'normalised', `${describe(value)} read as '${code}'`);
      return code;
    }
  }
  issues.add(
    'crisisRegion',
    'invalid',
    `expected 'auto' or a two-letter region code such as 'US', got ${describe(value)}; using 'auto'`,
  );
  return 'auto';
}

function parseCategories(raw: Rec, issues: IssueList): Record<Category, boolean> {
  const out = allCategories(true);
  if (!Object.hasOwn(raw, 'categories')) {
    issues.add('categories', 'missing', 'missing; all categories on');
    return out;
  }
  const value = raw.categories;
  if (!isRecord(value)) {
    issues.add('categories', 'invalid', `expected an object, got ${describe(value)}; all categories on`);
    return out;
  }
  const known = new Set<string>(CATEGORIES);
  for (const key of Object.keys(value)) {
    if (!known.has(key)) issues.add(fieldPath('categories', key), 'unknown', 'unknown category; dropped');
  }
  for (const c of CATEGORIES) {
    const path = `categories.${c}`;
    if (!Object.hasOwn(value, c)) {
      issues.add(path, 'missing', 'missing; on');
      continue;
    }
    const v = value[c];
    if (typeof v === 'boolean') out[c] = v;
    else issues.add(path, 'invalid', `expected true or false, got ${describe(v)}; on`);
  }
  return out;
}

function parseSiteValue(value: unknown): { value: SiteOverride; normalised: boolean } | null {
  if (value === 'on' || value === 'off') return { value, normalised: false };
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'on' || lower === 'off') return { value: lower, normalised: true };
  }
  return null;
}

function parseSites(raw: Rec, issues: IssueList): Record<string, SiteOverride> {
  const sites: Record<string, SiteOverride> = {};
  if (!Object.hasOwn(raw, 'sites')) {
    issues.add('sites', 'missing', 'missing; no site overrides');
    return sites;
  }
  const value = raw.sites;
  if (!isRecord(value)) {
    issues.add('sites', 'invalid', `expected an object, got ${describe(value)}; no site overrides`);
    return sites;
  }
  const keys = Object.keys(value);
  let kept = 0;
  let overLimit = 0;
  for (const key of keys) {
    const path = keyPath('sites', key);
    const parsed = parseSiteValue(value[key]);
    if (parsed === null) {
      issues.add(path, 'invalid', `expected 'on' or 'off', got ${describe(value[key])}; dropped`);
      continue;
    }
    const canonical = siteKeyFor(key);
    if (canonical === null) {
      issues.add(path, 'invalid', 'not a valid host name; dropped');
      continue;
    }
    if (!Object.hasOwn(sites, canonical) && kept >= MAX_SITES) {
      overLimit++;
      continue;
    }
    if (canonical !== key) issues.add(path, 'normalised', `read as "${clip(canonical)}"`);
    else if (parsed.normalised) issues.add(path, 'normalised', `read as '${parsed.value}'`);
    if (!Object.hasOwn(sites, canonical)) kept++;
    addSite(sites, canonical, parsed.value, path, issues);
  }
  if (overLimit > 0) {
    issues.add('sites', 'limit', `more than ${MAX_SITES} sites; ${overLimit} dropped`);
  }
  return sites;
}

function parseInto(raw: unknown, issues: IssueList): Settings {
  if (!isRecord(raw)) {
    issues.add('settings', 'invalid', `expected an object, got ${describe(raw)}; using the defaults`);
    return defaultSettings();
  }
  const known = new Set<string>(FIELDS);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) issues.add(key === '' ? '""' : clip(key), 'unknown', 'unknown field; dropped');
  }
  return {
    enabled: parseBoolean(raw, 'enabled', DEFAULT_SETTINGS.enabled, issues),
    sites: parseSites(raw, issues),
    highlightStyle: parseHighlightStyle(raw, issues),
    categories: parseCategories(raw, issues),
    crisisRegion: parseCrisisRegion(raw, issues),
  };
}

/**
 * Validate a settings value of unknown origin (storage, a file, a message).
 * Never throws. Each field is checked on its own; invalid fields get their
 * default, unknown fields are dropped, and each change is reported.
 */
export function parseSettings(raw: unknown): ParseResult {
  return safely((issues) => parseInto(raw, issues));
}
