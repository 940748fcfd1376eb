import { type Dispatch, type SetStateAction, useEffect, useRef, useState } from 'react';
import type { Settings } from '../lib/settings/settings';

export interface SettingsSource {
  loadSettings(): Promise<Settings>;
  watchSettings(onChange: (s: Settings) => void): () => void;
}

export interface UseSettings {
  /** null until the first value arrives. */
  settings: Settings | null;
  setSettings: Dispatch<SetStateAction<Settings | null>>;
  /** The first read failed (storage unavailable); the watcher may still bring a value. */
  failed: boolean;
}

/**
 * Settings as stored, followed live, for the popup, the options page and the
 * popover page. The watcher starts before the first read, and a value it
 * brings is at least as new as that read, so a slow read never overwrites a
 * newer value. `onWatched` runs for changes made elsewhere, after the state.
 */
export function useSettings(source: SettingsSource, onWatched?: (s: Settings) => void): UseSettings {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [failed, setFailed] = useState(false);
  const onWatchedRef = useRef(onWatched);
  onWatchedRef.current = onWatched;
  useEffect(() => {
    let alive = true;
    let watched = false;
    const stop = source.watchSettings((next) => {
      watched = true;
      if (!alive) return;
      setSettings(next);
      onWatchedRef.current?.(next);
    });
    source.loadSettings().then(
      (loaded) => {
        if (alive && !watched) setSettings(loaded);
      },
      () => {
        if (alive) setFailed(true);
      },
    );
    return () => {
      alive = false;
      stop();
    };
  }, [source]);
  return { settings, setSettings, failed };
}
