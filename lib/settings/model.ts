// The settings model: type, defaults, validation, migration and the per-site
// rules. Pure: no browser APIs (store.ts is the storage glue; parse.ts and
// migrate.ts read values of unknown origin).
//
// Decisions:
// - The global switch is a master switch. `enabled: false` means off on every
//   site, whatever the per-site overrides say; the overrides are kept, so
//   turning the global switch back on restores each site's choice. A site set
//   to 'off' is off even while the global switch is on. ("Everywhere"
//   must mean everywhere, e.g. before sharing a screen.) The popup should show the
//   site switch as inactive while the global switch is off.
// - An override is stored only when it differs from the default behaviour, so
//   setSite(…, true) removes the key and `sites` stays small (sync storage
//   allows 8 KB per item). 'on' is still a valid stored value — accepted from
//   files and other versions and kept — but it changes nothing today.
// - Site keys are canonical (site-key.ts). Non-canonical keys are
//   normalised on parse; when two keys meet, 'off' wins (the safer reading of
//   what the reader asked for).
// - parseSettings never throws and never trusts its input: each field is
//   checked on its own, an invalid field falls back to its default without
//   touching the others, unknown fields are dropped, and every change is
//   reported. Object keys are only read with Object.keys/Object.hasOwn, so
//   "__proto__" and friends are data, never prototypes.
//

import { CATEGORIES, type Category } from '../glossary/types';

export const SETTINGS_VERSION = 2;

export { HIGHLIGHT_STYLES, type HighlightStyle } from '../contracts';

import type { HighlightStyle } from '../contracts';

export type SiteOverride = 'on' | 'off';

/** 'auto' (from the browser's language/region) or an ISO 3166-1 alpha-2 code, upper case. */
export type CrisisRegion = 'auto' | (string & {});

export interface Settings {
  /** Global master switch. */
  enabled: boolean;
  /** Per-site overrides, keyed by canonical site key (site-key.ts). */
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

export function allCategories(value: boolean): Record<Category, boolean> {
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
