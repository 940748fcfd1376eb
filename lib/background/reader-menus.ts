// Context-menu ways into our reader pages, where content scripts cannot go:
// a link to a PDF opens in our PDF viewer, a selection opens in the text
// reader. The selection is handed over in memory, once, not in the URL
// (which would put it in the browser's history).
import { browser } from 'wxt/browser';
import { MAX_SCAN_TEXT } from '../messages';
import { viewerPath } from '../pdf/pdf-url';

const PDF_LINK_MENU = 'ketamine-lens-open-pdf';
const SCAN_MENU = 'ketamine-lens-scan-selection';

/** Links whose path ends in .pdf (in the usual cases), with or without a query. */
export const PDF_LINK_PATTERNS = ['*.pdf', '*.PDF', '*.Pdf'].flatMap((end) =>
  ['*://*/', 'file:///'].flatMap((start) => [`${start}${end}`, `${start}${end}?*`]),
);

/** Hand-over waiting for the text reader that was just opened; forgotten after a minute. */
let pending: { text: string; at: number } | null = null;
const PENDING_MS = 60_000;

export function createReaderMenus(): void {
  browser.contextMenus.create({
    id: PDF_LINK_MENU,
    title: 'Open PDF in Ketamine Lens',
    contexts: ['link'],
    targetUrlPatterns: PDF_LINK_PATTERNS,
  });
  browser.contextMenus.create({
    id: SCAN_MENU,
    title: 'Find all explained terms in the selection',
    contexts: ['selection'],
  });
}

/** Handles a click on one of our reader menus; false if it was another menu. */
export function onReaderMenu(info: {
  menuItemId: string | number;
  linkUrl?: string;
  selectionText?: string;
}): boolean {
  if (info.menuItemId === PDF_LINK_MENU && info.linkUrl) {
    void browser.tabs.create({ url: browser.runtime.getURL(viewerPath(info.linkUrl) as '/pdf.html') });
    return true;
  }
  if (info.menuItemId === SCAN_MENU) {
    pending = { text: (info.selectionText ?? '').slice(0, MAX_SCAN_TEXT), at: Date.now() };
    void browser.tabs.create({ url: browser.runtime.getURL('/scan.html?from=selection') });
    return true;
  }
  return false;
}

/** The text reader asks for its hand-over: given once. */
export function takeScanText(): { text: string } | undefined {
  const p = pending;
  pending = null;
  return p && Date.now() - p.at < PENDING_MS ? { text: p.text } : undefined;
}
