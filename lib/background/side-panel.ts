// Opening the side panel: Chrome's sidePanel (MV3), Firefox's sidebar; elsewhere
// the panel page in a tab, following the given tab (sidepanel.html?tab=<id>).
// Call it straight from a click or a command: both browsers want a user gesture.
import { browser } from 'wxt/browser';

interface SidePanelApi {
  open(options: { tabId: number }): Promise<void>;
}

export async function openSidePanel(tabId: number): Promise<void> {
  const sidePanel = (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome?.sidePanel;
  if (sidePanel?.open) return sidePanel.open({ tabId });
  const sidebar = (browser as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  if (sidebar?.open) return sidebar.open();
  await browser.tabs.create({ url: browser.runtime.getURL(`/sidepanel.html?tab=${tabId}`) });
}
