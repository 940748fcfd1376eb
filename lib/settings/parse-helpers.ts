// What parse.ts and migrate.ts share: issue bookkeeping, value description
// for messages, and the canonical site key of a stored key.

import {
  defaultSettings,
  MAX_LISTED_ISSUES,
  type ParseResult,
  type Settings,
  type SettingsIssue,
  type SettingsIssueKind,
  type SiteOverride,
} from './model';
import { FILE_SITE_KEY, normaliseHostInput } from './site-key';

export type Rec = Record<string, unknown>;

export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function describe(value: unknown): string {
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

export function fieldPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(clip(key))}]`;
}

export function keyPath(parent: string, key: string): string {
  return `${parent}[${JSON.stringify(clip(key))}]`;
}

export class IssueList {
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

export function result(settings: Settings, issues: IssueList): ParseResult {
  const list = issues.finish();
  return {
    settings,
    repaired: issues.count > 0,
    problems: list.map((i) => i.message),
    issues: list,
  };
}

/** Canonical site key for a stored key: a host, or FILE_SITE_KEY. */
export function siteKeyFor(key: string): string | null {
  if (key === FILE_SITE_KEY) return key;
  return normaliseHostInput(key);
}

export function addSite(
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

export function safely(run: (issues: IssueList) => Settings): ParseResult {
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
