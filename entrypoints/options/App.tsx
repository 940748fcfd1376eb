import { useCallback, useEffect, useMemo, useState } from 'react';
import { Switch } from '../../components/Switch';
import { useSettings } from '../../components/use-settings';
import { crisisLocales } from '../../lib/glossary/crisis-resources';
import type { Category } from '../../lib/glossary/types';
import { type HighlightStyle, type Settings, setSite } from '../../lib/settings/settings';
import { AboutSection } from './AboutSection';
import { AppearanceSection } from './AppearanceSection';
import { BackupSection } from './BackupSection';
import { CrisisRegionSection } from './CrisisRegionSection';
import type { OptionsDeps } from './options-deps';
import { ShortcutList } from './ShortcutList';
import { SiteList } from './SiteList';

/**
 * The options page. Settings come from storage and follow it live
 * (watchSettings), so a change made in the popup or another window shows here
 * at once; every change here is written straight to storage.
 */
export function App({ deps }: { deps: OptionsDeps }) {
  const { settings, setSettings, failed } = useSettings(deps);
  const [saveError, setSaveError] = useState<string | null>(null);
  useEffect(() => {
    if (failed) setSaveError('Your settings could not be read from browser storage.');
  }, [failed]);

  /**
   * Applies a change on screen at once (a control must not lag behind the
   * click by a storage round trip), then stores it. Rejects when storage
   * refused; the screen then goes back to what is stored.
   */
  const update = useCallback(
    async (change: (s: Settings) => Settings) => {
      setSettings((prev) => (prev ? change(prev) : prev));
      try {
        setSettings(await deps.updateSettings(change));
        setSaveError(null);
      } catch (error) {
        deps.loadSettings().then(setSettings, () => undefined);
        throw error;
      }
    },
    [deps, setSettings],
  );
  /** For controls that report nothing themselves: a failure shows in the page-level alert. */
  const quietly = useCallback(
    (change: (s: Settings) => Settings) => {
      update(change).catch(() => setSaveError('The change could not be saved. Please try again.'));
    },
    [update],
  );

  const save = useCallback(
    async (next: Settings) => {
      await deps.saveSettings(next);
      setSaveError(null);
    },
    [deps],
  );

  const locales = useMemo(
    () => crisisLocales(settings?.crisisRegion, deps.locales),
    [settings?.crisisRegion, deps.locales],
  );

  return (
    <main className="kl-options">
      <h1 className="kl-title">Ketamine Lens settings</h1>
      {saveError && (
        <p role="alert" className="kl-error">
          {saveError}
        </p>
      )}
      {settings === null ? (
        <p className="kl-hint">Loading settings…</p>
      ) : (
        <>
          <section className="kl-section" aria-labelledby="kl-where">
            <h2 id="kl-where">Where it runs</h2>
            <Switch
              label="Mark terms on all sites"
              description={
                settings.enabled
                  ? 'On: terms are marked on every site except the ones listed below.'
                  : 'Off: nothing is marked on any site until you turn this back on.'
              }
              checked={settings.enabled}
              onChange={(on) => quietly((s) => ({ ...s, enabled: on }))}
            />
            <SiteList
              sites={settings.sites}
              globalEnabled={settings.enabled}
              onAdd={(key) => update((s) => setSite(s, key, false))}
              onRemove={(key) => update((s) => setSite(s, key, true))}
            />
          </section>

          <section className="kl-section" aria-labelledby="kl-look">
            <h2 id="kl-look">How terms are marked</h2>
            <AppearanceSection
              style={settings.highlightStyle}
              categories={settings.categories}
              onStyle={(style: HighlightStyle) => quietly((s) => ({ ...s, highlightStyle: style }))}
              onCategory={(c: Category, on: boolean) =>
                quietly((s) => ({ ...s, categories: { ...s.categories, [c]: on } }))
              }
            />
          </section>

          <section className="kl-section" aria-labelledby="kl-crisis-numbers">
            <h2 id="kl-crisis-numbers">Crisis and support numbers</h2>
            <CrisisRegionSection
              value={settings.crisisRegion}
              browserLocales={deps.locales}
              onChange={(region) => quietly((s) => ({ ...s, crisisRegion: region }))}
            />
          </section>

          <section className="kl-section" aria-labelledby="kl-keys">
            <h2 id="kl-keys">Keyboard shortcuts</h2>
            <ShortcutList
              getCommands={deps.getCommands}
              openShortcutSettings={deps.openShortcutSettings}
              isFirefox={deps.isFirefox}
            />
          </section>

          <section className="kl-section" aria-labelledby="kl-backup">
            <h2 id="kl-backup">Back up and restore</h2>
            <BackupSection settings={settings} saveSettings={save} />
          </section>

          <section className="kl-section" aria-labelledby="kl-about">
            <h2 id="kl-about">About</h2>
            <AboutSection version={deps.version} crisisLocales={locales} />
          </section>
        </>
      )}
    </main>
  );
}
