// Settings in extension storage: thin glue around the model (settings.ts).
//
// Where settings live:
// - `sync:settings` (follows the reader's browser profile across devices),
//   with WXT metadata `sync:settings$` = { v: SETTINGS_VERSION, savedAt }.
// - `local:settings` (+ `local:settings$`): a fallback copy, written only when
//   a sync write fails — sync unavailable, QUOTA_BYTES_PER_ITEM (8 KB; a long
//   site list reaches it), MAX_WRITE_OPERATIONS_PER_MINUTE, … — and removed
//   after the next successful sync write.
// - Reading takes whichever copy was saved last (`savedAt`), so a local
//   fallback does not hide a later change made on another device.
//
// Value and metadata are written in one storage.set call (one sync write
// operation, and no moment where they disagree). Version metadata follows
// WXT's convention (`key + "$"`, field `v`), so the WXT migration defined
// below and our own read path agree: a value without metadata is version 1.
//
// Nothing read from storage is trusted: every read goes through
// parseSettings/migrateSettings, so a corrupt value gives defaults (field by
// field), never an exception.
//
// Concurrency: updateSettings is serialised within one script context. Across
// contexts (popup and options page open together) the last write wins.

import { storage } from 'wxt/utils/storage';
import {
  parseStoredSettings as parseStored,
  readStoredSettings as readStored,
  type SettingsArea,
} from './reader';
import {
  defaultSettings,
  migrateSettings,
  parseSettings,
  SETTINGS_VERSION,
  type Settings,
  settingsEqual,
  settingsToJson,
} from './settings';

export type { SettingsArea };

interface SettingsMeta extends Record<string, unknown> {
  v: number;
  savedAt: number;
}

const migrations = {
  // WXT runs this once per storage area when the extension starts with a v1 value.
  2: (old: unknown) => migrateSettings(old, 1).settings,
};

export const syncSettingsItem = storage.defineItem<unknown, SettingsMeta>('sync:settings', {
  version: SETTINGS_VERSION,
  migrations,
});

export const localSettingsItem = storage.defineItem<unknown, SettingsMeta>('local:settings', {
  version: SETTINGS_VERSION,
  migrations,
});

async function writeSettings(settings: Settings): Promise<SettingsArea> {
  // Plain JSON (sorted site keys): what the storage would clone anyway.
  const value: unknown = JSON.parse(settingsToJson(settings));
  const meta: SettingsMeta = { v: SETTINGS_VERSION, savedAt: Date.now() };
  try {
    await storage.setItems([
      { key: syncSettingsItem.key, value },
      { key: `${syncSettingsItem.key}$`, value: meta },
    ]);
  } catch {
    // Sync refused the write: keep it on this device. If local storage fails
    // too, the error reaches the caller.
    await storage.setItems([
      { key: localSettingsItem.key, value },
      { key: `${localSettingsItem.key}$`, value: meta },
    ]);
    return 'local';
  }
  try {
    await storage.removeItems([{ item: localSettingsItem, options: { removeMeta: true } }]);
  } catch {
    // A stale local copy is harmless: it is older than the sync copy.
  }
  return 'sync';
}

export interface LoadOptions {
  /**
   * Write the repaired value back when the stored one needed repair or
   * migration. Default true. Content scripts should pass false: they load in
   * every tab at once, and the popup, options page and background do the repair.
   */
  writeBack?: boolean;
}

/**
 * The current settings: stored value, migrated and validated, or the defaults
 * when nothing is stored. Never rejects because of what is stored.
 */
export async function loadSettings(options: LoadOptions = {}): Promise<Settings> {
  const stored = await readStored();
  if (stored === null) return defaultSettings();
  const parsed = parseStored(stored);
  // Never rewrite settings written by a newer version (sync between devices
  // running different versions): that would erase what this one can't read.
  if (parsed.repaired && options.writeBack !== false && stored.version <= SETTINGS_VERSION) {
    try {
      await writeSettings(parsed.settings);
    } catch {
      // Reading still succeeds; the repair is tried again on the next load.
    }
  }
  return parsed.settings;
}

let queue: Promise<unknown> = Promise.resolve();

function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Validate and store settings. Resolves with where they were stored ('local'
 * when sync refused the write); rejects only when no storage accepted them.
 */
export function saveSettings(settings: Settings): Promise<SettingsArea> {
  const clean = parseSettings(settings).settings;
  return enqueue(() => writeSettings(clean));
}

/**
 * Read, change, validate and store the settings; resolves with the new value.
 * Calls made from one context are applied in order. Nothing is written when
 * `change` returns equal settings.
 */
export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  return enqueue(async () => {
    const current = await loadSettings({ writeBack: false });
    const next = parseSettings(change(current)).settings;
    if (!settingsEqual(current, next)) await writeSettings(next);
    return next;
  });
}

/**
 * Call `onChange` with the parsed settings whenever they change, from any
 * context (another tab, the popup, another device via sync). Consecutive
 * identical values are reported once. Returns a function that stops watching.
 * A corrupt stored value is reported as its repaired form; the watcher never
 * writes.
 */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  let stopped = false;
  let sequence = 0;
  let last: string | undefined;

  const refresh = () => {
    if (stopped) return;
    const mine = ++sequence;
    readStored()
      .then((stored) => (stored === null ? defaultSettings() : parseStored(stored).settings))
      .then(
        (settings) => {
          // A later change started a newer read: let that one report.
          if (stopped || mine !== sequence) return;
          const json = settingsToJson(settings);
          if (json === last) return;
          last = json;
          onChange(settings);
        },
        () => undefined,
      );
  };

  const unwatchers: Array<() => void> = [];
  for (const item of [syncSettingsItem, localSettingsItem]) {
    try {
      unwatchers.push(item.watch(refresh));
      unwatchers.push(item.watchMeta(refresh));
    } catch {
      // Area unavailable: nothing to watch there.
    }
  }
  return () => {
    stopped = true;
    for (const unwatch of unwatchers) {
      try {
        unwatch();
      } catch {
        // already gone
      }
    }
  };
}
