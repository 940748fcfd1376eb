// The context-menu ways into the reader pages (lib/background/reader-menus.ts):
// PDF links open in the viewer, a selection is handed to the text reader
// once, in memory (never in a URL, which would reach the history).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createReaderMenus,
  onReaderMenu,
  PDF_LINK_PATTERNS,
  takeScanText,
} from '../../lib/background/reader-menus';

let opened: string[];

beforeEach(() => {
  fakeBrowser.reset();
  opened = [];
  vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async (p) => {
    opened.push(p.url ?? '');
    return {} as never;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  takeScanText();
});

describe('reader menus', () => {
  it('shows "Open PDF" only on links to PDFs, and the text reader on selections', () => {
    const created: unknown[] = [];
    fakeBrowser.contextMenus.create = vi.fn((p: unknown) => {
      created.push(p);
      return 1;
    }) as never;
    createReaderMenus();
    expect(created).toEqual([
      expect.objectContaining({ contexts: ['link'], targetUrlPatterns: PDF_LINK_PATTERNS }),
      expect.objectContaining({ contexts: ['selection'] }),
    ]);
    expect(PDF_LINK_PATTERNS).toEqual(
      expect.arrayContaining(['*://*/*.pdf', '*://*/*.pdf?*', 'file:///*.PDF']),
    );
  });

  it('opens a PDF link in the viewer', () => {
    const handled = onReaderMenu({ menuItemId: 'ketamine-lens-open-pdf', linkUrl: 'https://x.org/a b.pdf' });
    expect(handled).toBe(true);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toContain(`/pdf.html?file=${encodeURIComponent('https://x.org/a b.pdf')}`);
  });

  it('hands the selection to the text reader once, never in its URL', () => {
    onReaderMenu({
      menuItemId: 'ketamine-lens-scan-selection',
      selectionText: 'Ketamine and a private note',
    });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/\/scan\.html\?from=selection$/);
    expect(takeScanText()).toEqual({ text: 'Ketamine and a private note' });
    expect(takeScanText()).toBeUndefined();
  });

  it('leaves other menus alone', () => {
    expect(onReaderMenu({ menuItemId: 'ketamine-lens-explain', selectionText: 'x' })).toBe(false);
    expect(opened).toEqual([]);
  });
});
