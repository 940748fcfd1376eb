// Read-only access to stored settings, straight from browser.storage.
// The content script runs in every tab: it only reads, so it uses this small
// module instead of lib/settings-store.ts (WXT storage items, writes,
// migrations run at import). Both share the layout described there:
// `settings` + `settings$` ({ v, savedAt }) in storage.sync, and a fallback
// copy under the same keys in storage.local.
import { browser } from 'wxt/browser';
import {
  defaultSettings,
  migrateSettings,
  type ParseResult,
  parseSettings,
  SETTINGS_VERSION,
  type Settings,
  settingsToJson,
} from './settings';

export type SettingsArea = 'sync' | 'local';

export const SETTINGS_KEY = 'settings';
export const SETTINGS_META_KEY = `${SETTINGS_KEY}$`;

export interface StoredSettings {
  area: SettingsArea;
  raw: unknown;
  version: number;
  savedAt: number;
}

async function readArea(area: SettingsArea): Promise<StoredSettings | null> {
  try {
    const got = await browser.storage[area].get([SETTINGS_KEY, SETTINGS_META_KEY]);
    const raw = got[SETTINGS_KEY];
    if (raw === null || raw === undefined) return null;
    const meta = got[SETTINGS_META_KEY] as { v?: unknown; savedAt?: unknown } | undefined;
    const v = meta?.v;
    const savedAt = meta?.savedAt;
    return {
      area,
      raw,
      version: typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1,
      savedAt: typeof savedAt === 'number' && Number.isFinite(savedAt) ? savedAt : 0,
    };
  } catch {
    // The area is unavailable (no storage.sync, sync disabled by policy…): as if empty.
    return null;
  }
}

/** The newest stored copy (sync or its local fallback), or null when nothing is stored. */
export async function readStoredSettings(): Promise<StoredSettings | null> {
  const [sync, local] = await Promise.all([readArea('sync'), readArea('local')]);
  if (sync && local) return local.savedAt > sync.savedAt ? local : sync;
  return sync ?? local;
}

export function parseStoredSettings(stored: StoredSettings): ParseResult {
  return stored.version === SETTINGS_VERSION
    ? parseSettings(stored.raw)
    : migrateSettings(stored.raw, stored.version);
}

/** Current settings, validated; defaults when nothing (or nothing usable) is stored. Never rejects. */
export async function readSettings(): Promise<Settings> {
  try {
    const stored = await readStoredSettings();
    return stored === null ? defaultSettings() : parseStoredSettings(stored).settings;
  } catch {
    return defaultSettings();
  }
}

/**
 * Calls `onChange` with parsed settings whenever the stored ones change (any
 * context, any device). Identical consecutive values are reported once.
 */
export function watchStoredSettings(onChange: (settings: Settings) => void): () => void {
  let stopped = false;
  let sequence = 0;
  let last: string | undefined;
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (stopped || (area !== 'sync' && area !== 'local')) return;
    if (!(SETTINGS_KEY in changes) && !(SETTINGS_META_KEY in changes)) return;
    const mine = ++sequence;
    void readSettings().then((settings) => {
      if (stopped || mine !== sequence) return;
      const json = settingsToJson(settings);
      if (json === last) return;
      last = json;
      onChange(settings);
    });
  };
  browser.storage.onChanged.addListener(listener);
  return () => {
    stopped = true;
    browser.storage.onChanged.removeListener(listener);
  };
}
