// Background glue: keyboard commands, the context menu, the toolbar badge.
// Holds no state of its own beyond per-tab counts (rebuilt from the tabs).

import { browser } from 'wxt/browser';
import type { OffReason } from '../contracts';
import { CATEGORIES } from '../glossary/types';
import { parseMessage, type SiteState } from '../messages';
import { isSiteEnabled, type Settings, setSite, siteOffReason } from '../settings/settings';
import { siteKeyFromUrl } from '../settings/site-key';
import { loadSettings, updateSettings } from '../settings/store';
import { createReaderMenus, onReaderMenu, takeScanText } from './reader-menus';
import { sendToTab } from './send-to-tab';
import { openSidePanel } from './side-panel';

const MENU_ID = 'ketamine-lens-explain';

function action() {
  // MV2 Firefox exposes browserAction; MV3 exposes action.
  return browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
}

interface TabState {
  counts: Map<string, number>;
  /** Frames whose page is not read to the end yet (see ReadingWindow). */
  partial: Set<string>;
  off: OffReason | null;
}
const tabs = new Map<number, TabState>();

/** The badge reflects what the tab's content scripts reported: a count, or "off". */
async function updateBadge(tabId: number) {
  const state = tabs.get(tabId);
  const a = action();
  try {
    if (state?.off) {
      await a.setBadgeText({ tabId, text: 'off' });
      await a.setBadgeBackgroundColor({ tabId, color: '#6b6b6b' });
      await a.setTitle({
        tabId,
        title: state.off === 'global' ? 'Ketamine Lens: off everywhere' : 'Ketamine Lens: off on this site',
      });
      return;
    }
    const total = [...(state?.counts.values() ?? [])].reduce((n, c) => n + c, 0);
    await a.setBadgeText({ tabId, text: total > 0 ? (total > 999 ? '999+' : String(total)) : '' });
    await a.setBadgeBackgroundColor({ tabId, color: '#1f5f86' });
    const sofar = state?.partial.size ? ' so far' : '';
    await a.setTitle({
      tabId,
      title: total > 0 ? `Ketamine Lens: ${total} terms explained${sofar} on this page` : 'Ketamine Lens',
    });
  } catch {
    // the tab may have closed meanwhile
  }
}

/** The tab's site: from its URL when the browser shares it, else as its content script reports it. */
async function siteKeyOfTab(tabId: number, url: string | undefined): Promise<string | null> {
  if (url) {
    const site = siteKeyFromUrl(url);
    return site.kind === 'site' ? site.key : null;
  }
  const state = await sendToTab(tabId, { type: 'kl:get-page-terms' });
  return state && state.state !== 'unsupported' ? (state.siteKey ?? null) : null;
}

async function activeTab() {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** What a content script needs to know about its site (see SiteState in lib/messages.ts). */
export function siteState(settings: Settings, url: string): SiteState {
  const site = siteKeyFromUrl(url);
  const siteKey = site.kind === 'site' ? site.key : null;
  const off = siteKey === null ? 'site' : siteOffReason(settings, siteKey);
  return {
    siteKey,
    on: off === null,
    off,
    style: settings.highlightStyle,
    hidden: CATEGORIES.filter((c) => !settings.categories[c]),
  };
}

export function startBackground(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.removeAll().then(() => {
      browser.contextMenus.create({
        id: MENU_ID,
        title: 'Explain with Ketamine Lens',
        contexts: ['selection'],
      });
      createReaderMenus();
    });
  });

  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    if (onReaderMenu(info)) return;
    if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
    const text = (info.selectionText ?? '').slice(0, 500);
    const reply = await sendToTab(tab.id, { type: 'kl:explain-selection', text }, info.frameId ?? 0);
    if (!reply?.found) {
      await browser.tabs.create({
        url: browser.runtime.getURL(`/popup.html?q=${encodeURIComponent(text.trim())}`),
      });
    }
  });

  browser.commands.onCommand.addListener((command, tab?: { id?: number }) => {
    // Opened at once, while the key press still counts as a user gesture.
    if (command === 'open-side-panel') {
      if (tab?.id !== undefined) openSidePanel(tab.id).catch(() => undefined);
      return;
    }
    void runCommand(command);
  });
  // Headless Chromium cannot press extension shortcuts: the real-browser tests
  // call this from the service worker instead. Pages cannot reach it.
  (globalThis as { ketamineLensRunCommand?: typeof runCommand }).ketamineLensRunCommand = runCommand;

  async function runCommand(command: string) {
    const tab = await activeTab();
    if (tab?.id === undefined) return;
    if (command === 'next-term') {
      await sendToTab(tab.id, { type: 'kl:next-term' });
    } else if (command === 'toggle-site') {
      const key = await siteKeyOfTab(tab.id, tab.url);
      if (key === null) return;
      await updateSettings((s) => setSite(s, key, !isSiteEnabled(s, key)));
    }
  }

  browser.runtime.onMessage.addListener(
    (raw: unknown, sender: { id?: string; frameId?: number; tab?: { id?: number; url?: string } }) => {
      if (sender.id !== browser.runtime.id) return undefined;
      const msg = parseMessage(raw);
      if (!msg) return undefined;
      if (msg.type === 'kl:count' && sender.tab?.id !== undefined) {
        const tabId = sender.tab.id;
        const state = tabs.get(tabId) ?? {
          counts: new Map<string, number>(),
          partial: new Set<string>(),
          off: null,
        };
        state.counts.set(msg.frameUrl, msg.count);
        if (msg.partial) state.partial.add(msg.frameUrl);
        else state.partial.delete(msg.frameUrl);
        // The top frame speaks for the tab's site.
        if (sender.frameId === 0 || sender.frameId === undefined) state.off = msg.off;
        tabs.set(tabId, state);
        void updateBadge(tabId);
      } else if (msg.type === 'kl:get-site-state') {
        return loadSettings().then((settings) => siteState(settings, msg.url));
      } else if (msg.type === 'kl:take-scan-text') {
        return Promise.resolve(takeScanText());
      } else if (msg.type === 'kl:open-search') {
        void browser.tabs.create({
          url: browser.runtime.getURL(`/popup.html?q=${encodeURIComponent(msg.query)}`),
        });
      }
      return undefined;
    },
  );

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') tabs.delete(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => tabs.delete(tabId));
}
