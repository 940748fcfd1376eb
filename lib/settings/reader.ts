// Reading the stored copies straight from browser.storage (store.ts describes
// the layout: `settings` + `settings$` ({ v, savedAt }) in storage.sync, and a
// fallback copy under the same keys in storage.local) and choosing the newest.
import { browser } from 'wxt/browser';
import { SETTINGS_KEY, SETTINGS_META_KEY } from '../contracts';
import { migrateSettings, type ParseResult, parseSettings, SETTINGS_VERSION } from './settings';

export type SettingsArea = 'sync' | 'local';

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
