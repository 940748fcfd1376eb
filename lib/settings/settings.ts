// The settings model: type, defaults, validation, migration and the per-site
// rules. Pure: no browser APIs (lib/settings-store.ts is the storage glue).
//
// Decisions:
// - The global switch is a master switch. `enabled: false` means off on every
//   site, whatever the per-site overrides say; the overrides are kept, so
//   turning the global switch back on restores each site's choice. A site set
//   to 'off' is off even while the global switch is on. (DESIGN §1: "one
//   switch for the current site and one for everywhere" — "everywhere" must
//   mean everywhere, e.g. before sharing a screen.) The popup should show the
//   site switch as inactive while the global switch is off.
// - An override is stored only when it differs from the default behaviour, so
//   setSite(…, true) removes the key and `sites` stays small (sync storage
//   allows 8 KB per item). 'on' is still a valid stored value — accepted from
//   files and other versions and kept — but it changes nothing today.
// - Site keys are canonical (lib/site-key.ts). Non-canonical keys are
//   normalised on parse; when two keys meet, 'off' wins (the safer reading of
//   what the reader asked for).
// - parseSettings never throws and never trusts its input: each field is
//   checked on its own, an invalid field falls back to its default without
//   touching the others, unknown fields are dropped, and every change is
//   reported. Object keys are only read with Object.keys/Object.hasOwn, so
//   "__proto__" and friends are data, never prototypes.
//
// Settings v1 (the prototype's shape, migrated by migrateSettings):
//   { enabled: boolean, disabledSites: string[] }
// `disabledSites` held host names as the user typed them ("WWW.Example.com",
// "https://example.com/"). Each becomes sites[key] = 'off'; entries that are
// not hosts are dropped and reported.

import { CATEGORIES, type Category } from '../glossary-types';
import { FILE_SITE_KEY, normaliseHostInput } from './site-key';

export const SETTINGS_VERSION = 2;

export const HIGHLIGHT_STYLES = ['underline', 'background', 'hover-only'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

export type SiteOverride = 'on' | 'off';

/** 'auto' (from the browser's language/region) or an ISO 3166-1 alpha-2 code, upper case. */
export type CrisisRegion = 'auto' | (string & {});

export interface Settings {
  /** Global master switch. */
  enabled: boolean;
  /** Per-site overrides, keyed by canonical site key (lib/site-key.ts). */
  sites: Record<string, SiteOverride>;
  highlightStyle: HighlightStyle;
  /** Which glossary categories are marked on pages. */
  categories: Record<Category, boolean>;
  crisisRegion: CrisisRegion;
}

/** At most this many site overrides are kept; the rest are dropped and reported. */
export const MAX_SITES = 5000;
/** At most this many issues are listed one by one; the rest are counted. */
export const MAX_LISTED_ISSUES = 100;

function allCategories(value: boolean): Record<Category, boolean> {
  const out = {} as Record<Category, boolean>;
  for (const c of CATEGORIES) out[c] = value;
  return out;
}

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return {
    enabled: true,
    sites: {},
    highlightStyle: 'underline',
    categories: allCategories(true),
    crisisRegion: 'auto',
  };
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  ...defaultSettings(),
  sites: Object.freeze({}) as Record<string, SiteOverride>,
  categories: Object.freeze(allCategories(true)),
});

const FIELDS = ['enabled', 'sites', 'highlightStyle', 'categories', 'crisisRegion'] as const;

export type SettingsIssueKind =
  /** The value was wrong and the default was used (or the entry dropped). */
  | 'invalid'
  /** A field or key this version does not know: dropped. */
  | 'unknown'
  /** Absent: the default was used. */
  | 'missing'
  /** Accepted after rewriting to canonical form (e.g. a site key). */
  | 'normalised'
  /** Over a size limit: the excess was dropped. */
  | 'limit';

export interface SettingsIssue {
  /** Where: "highlightStyle", "categories.slang", 'sites["not a host!"]', "disabledSites[3]". */
  path: string;
  kind: SettingsIssueKind;
  message: string;
}

export interface ParseResult {
  settings: Settings;
  /** True when `settings` differs from the input (so a stored value should be rewritten). */
  repaired: boolean;
  /** One human-readable line per issue (same order as `issues`). */
  problems: string[];
  /** Structured issues; at most MAX_LISTED_ISSUES, plus one 'limit' summary line. */
  issues: SettingsIssue[];
}

// ---------------------------------------------------------------------------
// helpers

type Rec = Record<string, unknown>;

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(clip(value, 40));
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'nothing';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

function fieldPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(clip(key))}]`;
}

function keyPath(parent: string, key: string): string {
  return `${parent}[${JSON.stringify(clip(key))}]`;
}

class IssueList {
  readonly listed: SettingsIssue[] = [];
  private extra = 0;
  get count(): number {
    return this.listed.length + this.extra;
  }
  add(path: string, kind: SettingsIssueKind, message: string): void {
    if (this.listed.length < MAX_LISTED_ISSUES)
      this.listed.push({ path, kind, message: `${path}: ${message}` });
    else this.extra++;
  }
  finish(): SettingsIssue[] {
    if (this.extra === 0) return this.listed;
    return [
      ...this.listed,
      { path: '…', kind: 'limit', message: `…and ${this.extra} more problems not listed` },
    ];
  }
}

function result(settings: Settings, issues: IssueList): ParseResult {
  const list = issues.finish();
  return {
    settings,
    repaired: issues.count > 0,
    problems: list.map((i) => i.message),
    issues: list,
  };
}

/** Canonical site key for a stored key: a host, or FILE_SITE_KEY. */
function siteKeyFor(key: string): string | null {
  if (key === FILE_SITE_KEY) return key;
  return normaliseHostInput(key);
}

function addSite(
  sites: Record<string, SiteOverride>,
  key: string,
  value: SiteOverride,
  path: string,
  issues: IssueList,
): void {
  if (Object.hasOwn(sites, key)) {
    const merged: SiteOverride = sites[key] === 'off' || value === 'off' ? 'off' : 'on';
    issues.add(path, 'normalised', `same site as "${clip(key)}"; merged as '${merged}'`);
    sites[key] = merged;
  } else {
    sites[key] = value;
  }
}

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

function safely(run: (issues: IssueList) => Settings): ParseResult {
  const issues = new IssueList();
  try {
    return result(run(issues), issues);
  } catch (error) {
    // Only reachable with exotic input (a Proxy, a throwing getter): never
    // from storage or JSON. Fall back to the defaults rather than crash.
    const fresh = new IssueList();
    fresh.add('settings', 'invalid', `could not be read (${clip(String(error))}); using the defaults`);
    return result(defaultSettings(), fresh);
  }
}

// ---------------------------------------------------------------------------
// public API

/**
 * Validate a settings value of unknown origin (storage, a file, a message).
 * Never throws. Each field is checked on its own; invalid fields get their
 * default, unknown fields are dropped, and each change is reported.
 */
export function parseSettings(raw: unknown): ParseResult {
  return safely((issues) => parseInto(raw, issues));
}

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

/**
 * Whether the lens runs on the site with this key (from siteKeyFromUrl). The
 * global switch is a master switch: off means off everywhere. A site set to
 * 'off' is off even while the global switch is on.
 */
export function isSiteEnabled(settings: Settings, siteKey: string): boolean {
  return siteOffReason(settings, siteKey) === null;
}

/** Why the lens is off on this site ('global' wins over 'site'), or null when it is on. */
export function siteOffReason(settings: Settings, siteKey: string): 'global' | 'site' | null {
  if (!settings.enabled) return 'global';
  return siteOverride(settings, siteKey) === 'off' ? 'site' : null;
}

/** The stored override for a site, if any. Accepts non-canonical keys. */
export function siteOverride(settings: Settings, siteKey: string): SiteOverride | undefined {
  const sites = settings.sites;
  if (Object.hasOwn(sites, siteKey)) return sites[siteKey];
  const canonical = siteKeyFor(siteKey);
  return canonical !== null && canonical !== siteKey && Object.hasOwn(sites, canonical)
    ? sites[canonical]
    : undefined;
}

/**
 * A new Settings with the site turned on or off. Turning a site on removes its
 * override (on is what a site without an override gets). The key is
 * normalised (a typed host or a URL works too). Throws RangeError when the key
 * is not a host (check with normaliseHostInput first when it comes from a user).
 * Does not touch the global switch: while it is off, the site stays off.
 */
export function setSite(settings: Settings, key: string, on: boolean): Settings {
  const canonical = siteKeyFor(key);
  if (canonical === null) throw new RangeError(`Not a site key: ${JSON.stringify(clip(key))}`);
  const sites: Record<string, SiteOverride> = {};
  for (const k of Object.keys(settings.sites)) {
    const v = settings.sites[k];
    if (k !== canonical && k !== key && v !== undefined) sites[k] = v;
  }
  if (!on) sites[canonical] = 'off';
  return { ...settings, sites, categories: { ...settings.categories } };
}

/** Deterministic JSON for settings (site keys sorted): for export and equality. */
export function settingsToJson(settings: Settings, space?: number): string {
  const sites: Record<string, SiteOverride> = {};
  for (const k of Object.keys(settings.sites).sort()) {
    const v = settings.sites[k];
    if (v !== undefined) sites[k] = v;
  }
  const categories = {} as Record<Category, boolean>;
  for (const c of CATEGORIES) categories[c] = settings.categories[c];
  const ordered: Settings = {
    enabled: settings.enabled,
    sites,
    highlightStyle: settings.highlightStyle,
    categories,
    crisisRegion: settings.crisisRegion,
  };
  return JSON.stringify(ordered, null, space);
}

export function settingsEqual(a: Settings, b: Settings): boolean {
  return a === b || settingsToJson(a) === settingsToJson(b);
}
