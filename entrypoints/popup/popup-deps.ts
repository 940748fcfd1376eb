// Everything the popup needs from the browser, behind one interface so App
// can be tested with fakes (tests/unit/popup-app.test.tsx).
import { browser } from 'wxt/browser';
import { sendToTab } from '../../lib/background/send-to-tab';
import { openSidePanel } from '../../lib/background/side-panel';
import { GLOSSARY } from '../../lib/glossary/glossary';
import type { GlossaryEntry } from '../../lib/glossary/types';
import type { ContentMessage, MessageOf, Replies } from '../../lib/messages';
import type { Settings } from '../../lib/settings/settings';
import { loadSettings, updateSettings, watchSettings } from '../../lib/settings/store';

export interface ActiveTab {
  id: number;
  /** Absent when the browser withholds it. */
  url?: string;
}

export interface PopupDeps {
  entries: readonly GlossaryEntry[];
  /** The page the popup is about, or null when there is none (the popup page opened in its own tab). */
  activeTab(): Promise<ActiveTab | null>;
  /** Message the tab's top frame: its reply, read by the message's type, or null when none (or a malformed one) comes. */
  sendToTab<T extends ContentMessage['type']>(
    tabId: number,
    message: MessageOf<T>,
  ): Promise<Replies[T] | null>;
  loadSettings(): Promise<Settings>;
  updateSettings(change: (s: Settings) => Settings): Promise<Settings>;
  watchSettings(onChange: (s: Settings) => void): () => void;
  /** Close the popup. */
  close(): void;
  /** The side panel: calls onChange when the followed tab may have changed (switched, navigated). Returns a stop. */
  watchTab?(onChange: () => void): () => void;
  /** The popup: open the side panel beside this tab (from the click: a user gesture). */
  openSidePanel?(tabId: number): Promise<void>;
  /** location.search of the popup page (?q=…, ?entry=…). */
  search: string;
  /** Reader's language tags, most preferred first. */
  locales: readonly string[];
}

export function browserDeps(): PopupDeps {
  return {
    entries: GLOSSARY,
    async activeTab() {
      // popup.html?tab=<id>: about a given tab (used when the popup page is opened in a tab by tests).
      const wanted = wantedTab();
      if (wanted !== null) {
        const tab = await browser.tabs.get(wanted).catch(() => undefined);
        return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
      }
      // Opened as a page in a tab ("Search the glossary" links): no current page.
      const self = await browser.tabs.getCurrent().catch(() => undefined);
      if (self) return null;
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
    },
    sendToTab: (tabId, message) => sendToTab(tabId, message),
    loadSettings: () => loadSettings(),
    updateSettings,
    watchSettings,
    close: () => window.close(),
    watchTab(onChange) {
      // Both fire without the `tabs` permission (only the URL is withheld).
      const wanted = wantedTab();
      const activated = () => wanted === null && onChange();
      const updated = (tabId: number, change: { status?: string }) => {
        if (change.status === 'complete' && (wanted === null || tabId === wanted)) onChange();
      };
      browser.tabs.onActivated.addListener(activated);
      browser.tabs.onUpdated.addListener(updated);
      return () => {
        browser.tabs.onActivated.removeListener(activated);
        browser.tabs.onUpdated.removeListener(updated);
      };
    },
    openSidePanel: (tabId) => openSidePanel(tabId),
    search: location.search,
    locales: navigator.languages?.length ? navigator.languages : [navigator.language],
  };
}

/** ?tab=<id>: the page is about that one tab (tests; the side panel opened as a tab). */
function wantedTab(): number | null {
  const wanted = Number(new URLSearchParams(location.search).get('tab'));
  return Number.isInteger(wanted) && wanted > 0 ? wanted : null;
}
