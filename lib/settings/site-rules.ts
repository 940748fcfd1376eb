// Per-site rules: is the lens on for a site, and changing a site's switch.

import { CATEGORIES, type Category } from '../glossary/types';
import type { Settings, SiteOverride } from './model';
import { clip, siteKeyFor } from './parse-helpers';

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
