// Everything the options page needs from the browser, behind one interface so
// App can be tested with fakes (tests/unit/options-*.test.tsx).
import { browser } from 'wxt/browser';
import type { Settings } from '../../lib/settings/settings';
import { loadSettings, saveSettings, updateSettings, watchSettings } from '../../lib/settings/store';

export interface ShortcutCommand {
  name: string;
  description: string;
  /** Empty when the reader has not set one (or the browser dropped a clash). */
  shortcut: string;
}

export interface OptionsDeps {
  loadSettings(): Promise<Settings>;
  /** Read–change–write; resolves with the stored value. */
  updateSettings(change: (s: Settings) => Settings): Promise<Settings>;
  /** Replace every setting (an import, or undoing one). */
  saveSettings(settings: Settings): Promise<unknown>;
  watchSettings(onChange: (s: Settings) => void): () => void;
  getCommands(): Promise<ShortcutCommand[]>;
  /**
   * Opens the browser's own keyboard-shortcut page, or null where an
   * extension cannot open it (Firefox: about:addons cannot be opened by
   * extensions, so the page explains the way there instead).
   */
  openShortcutSettings: (() => Promise<void>) | null;
  isFirefox: boolean;
  version: string;
  /** Reader's language tags, most preferred first (for the crisis lines). */
  locales: readonly string[];
}

export function browserDeps(): OptionsDeps {
  const isFirefox = import.meta.env.FIREFOX;
  return {
    loadSettings: () => loadSettings(),
    updateSettings,
    saveSettings,
    watchSettings,
    async getCommands() {
      const all = await browser.commands.getAll();
      return all.map((c) => ({
        name: c.name ?? '',
        description: c.description ?? '',
        shortcut: c.shortcut ?? '',
      }));
    },
    openShortcutSettings: isFirefox
      ? null
      : async () => {
          // Chromium (and Edge, which redirects chrome:// to edge://) lets an
          // extension open this page in a tab; a plain link to it is blocked.
          await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
        },
    isFirefox,
    version: browser.runtime.getManifest().version,
    locales: navigator.languages?.length ? navigator.languages : [navigator.language],
  };
}
