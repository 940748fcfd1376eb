// Content-script glue: decides whether this page is on, runs the Lens, wires
// hover and keyboard to the popover host, and answers the popup. Everything
// here fails closed: an error stops our work, never the page's.

import { Lens, type PageMatcher } from '../dom/lens';
import { compareMarks, type Mark } from '../dom/mark-store';
import { Painter } from '../dom/painter';
import { runSliced } from '../dom/scheduler';
import {
  type ContentMessage,
  type PageState,
  parseContentMessage,
  parseSiteState,
  type Replies,
  type SiteState,
} from '../messages';
import type { PopoverUi } from '../popover/popover-ui';
import { ext } from './ext';
import { loadPopoverRuntime } from './popover-loader';
import { watchSettingsChanges } from './settings-changes';

export interface ContentDeps {
  win: Window & typeof globalThis;
  matcher: PageMatcher & {
    findSelection(text: string): number | undefined;
  };
  /** Categories the reader chose not to mark. */
  setHidden(categories: readonly string[]): void;
}

/** The page's site, as the user sees it: the top frame's origin, even inside iframes. */
export function topUrl(win: Window): string {
  try {
    if (win.top === win) return win.location.href;
    const ancestors = win.location.ancestorOrigins;
    if (ancestors?.length) return ancestors[ancestors.length - 1] as string;
    return win.top?.location.href ?? win.location.href;
  } catch {
    return win.location.href;
  }
}

/**
 * The origin our popover page ends up at. Chromium's getURL gives the
 * web-accessible resource's dynamic URL (use_dynamic_url), which redirects to
 * the extension's own origin; URL.origin is "null" for extension URLs.
 */
function frameOrigin(popoverUrl: string): string {
  const url = new URL(popoverUrl);
  return `${url.protocol}//${url.protocol === 'chrome-extension:' ? ext.runtime.id : url.host}`;
}

export async function runContent(deps: ContentDeps): Promise<void> {
  const { win, matcher } = deps;
  const doc = win.document;
  if (!Painter.supported(win)) return; // no Custom Highlight API: stand down quietly
  const isTop = win.top === win;

  // Our site and its settings, worked out by the background from the page's URL
  // and the validated settings model; if it cannot answer, we stay off (fail closed).
  const askSiteState = async (): Promise<SiteState> => {
    const reply = await ext.runtime
      .sendMessage({ type: 'kl:get-site-state', url: topUrl(win) })
      .catch(() => null);
    return parseSiteState(reply) ?? { siteKey: null, on: false, off: 'site', style: 'underline', hidden: [] };
  };
  let settings: SiteState = await askSiteState();
  const siteKey = settings.siteKey;
  let lens: Lens | null = null;
  /** The mark next-term opened last (it goes on from there). */
  let lastShown: Mark | null = null;

  // Hover and popover (Floating UI, the iframe host) load when the reader first
  // points at a page with marks (or asks for a term by keyboard or message).
  // Until then we only remember where the pointer is: it may already rest on a term,
  // or a finger may just have tapped one (the runtime tells a tap from a move).
  let pointer: { x: number; y: number; pointerType: string; type: string; at: number } | null = null;
  const trackPointer = (e: PointerEvent) => {
    pointer = { x: e.clientX, y: e.clientY, pointerType: e.pointerType, type: e.type, at: e.timeStamp };
    // The reader is moving over a page with marks: load hover and popover now,
    // well within the hover delay. Not before: most page loads never need it.
    if (lens && lens.store.size > 0) withUi().catch(() => {});
  };
  doc.addEventListener('pointermove', trackPointer, { capture: true, passive: true });
  doc.addEventListener('pointerup', trackPointer, { capture: true, passive: true });
  let ui: PopoverUi | null = null;
  let uiLoading: Promise<PopoverUi | null> | null = null;
  // The runtime also knows entry ids (this bundle knows only entry numbers).
  const runtime = () => loadPopoverRuntime(ext.runtime.getURL('/popover-runtime.js'));
  const withUi = (): Promise<PopoverUi | null> => {
    if (ui) return Promise.resolve(ui);
    uiLoading ??= runtime().then((runtime) => {
      uiLoading = null;
      if (!runtime || !lens) return null;
      const popoverUrl = ext.runtime.getURL('/popover.html');
      ui ??= runtime.createUi({
        doc,
        popoverUrl,
        frameOrigin: frameOrigin(popoverUrl),
        siteKey,
        marksIn: (container) => lens?.store.marksIn(container) ?? [],
        shadowRoots: () => lens?.shadowRoots() ?? [],
      });
      doc.removeEventListener('pointermove', trackPointer, { capture: true });
      doc.removeEventListener('pointerup', trackPointer, { capture: true });
      ui.start(pointer);
      return ui;
    });
    return uiLoading;
  };

  let countTimer = 0;
  const reportCount = () => {
    if (countTimer) return;
    countTimer = win.setTimeout(() => {
      countTimer = 0;
      const count = lens?.store.size ?? 0;
      // Marks found after the reader moved the pointer: it may rest on one now.
      if (count > 0 && pointer) withUi().catch(() => {});
      const off = siteKey === null ? null : settings.off;
      const partial = lens?.partial ?? false;
      ext.runtime
        .sendMessage({ type: 'kl:count', count, frameUrl: win.location.href, off, partial })
        .catch(() => {});
    }, 300);
  };

  const enabled = () => siteKey !== null && settings.on;

  const apply = (next: SiteState, first = false) => {
    const styleChanged = next.style !== settings.style;
    const categoriesChanged = first || next.hidden.join() !== settings.hidden.join();
    settings = next;
    deps.setHidden(settings.hidden);
    if (!enabled()) {
      if (lens) {
        ui?.stop();
        ui = null;
        lens.stop();
        lens = null;
      }
      reportCount();
      return;
    }
    if (lens && categoriesChanged) {
      lens.stop();
      lens = null;
    }
    if (!lens) {
      lens = new Lens({
        doc,
        matcher,
        style: settings.style,
        // Chromium inherits highlight styles from the root; Firefox does not.
        rootOnly: !import.meta.env.FIREFOX,
        // The text near the reader first, the rest when they come near it or ask for the page's terms.
        readingWindow: true,
        onMarksChanged: reportCount,
      });
      void lens.start();
    } else if (styleChanged) {
      lens.setStyle(settings.style);
    }
  };

  const openMark = (mark: Mark, focus: boolean) => {
    void withUi().then((u) => u?.openMark(mark, focus));
  };

  // Marks in parts the page's own CSS hides (a closed accordion, an inactive
  // tab) stay indexed for when they open; the list and next-term offer only
  // what the reader can see now. One check per element per question.
  const seeable = (): ((m: Mark) => boolean) => {
    const seen = new Map<Element | null, boolean>();
    return (m) => {
      const el = m.startNode.parentElement;
      let ok = seen.get(el);
      if (ok === undefined) {
        ok = el?.checkVisibility?.({ visibilityProperty: true }) !== false;
        seen.set(el, ok);
      }
      return ok;
    };
  };

  const pageState = async (): Promise<PageState> => {
    if (siteKey === null) return { state: 'unsupported' };
    if (settings.off) return { state: 'off', reason: settings.off, siteKey };
    // Every term on the page, not only those near the reader.
    await lens?.complete();
    // Listed in the order the terms first appear (the side panel's order).
    const byEntry = lens ? await runSliced(win, lens.store.summarize(seeable())) : new Map();
    const summary = [...byEntry].sort(([, a], [, b]) => compareMarks(a.first, b.first));
    // Ids live in the popover runtime (loaded now if no hover has loaded it yet).
    const rt = summary.length ? await runtime() : null;
    const terms = [];
    for (const [entry, { count }] of summary) {
      const id = rt?.entryId(entry);
      if (id) terms.push({ id, count });
    }
    return { state: 'on', terms, siteKey };
  };

  const onMessage = (
    msg: ContentMessage,
  ):
    | Replies[ContentMessage['type']]
    | Promise<PageState | Replies['kl:reveal-entry'] | undefined>
    | undefined => {
    switch (msg.type) {
      case 'kl:get-page-terms':
        return isTop ? pageState() : undefined;
      case 'kl:reveal-entry': {
        if (!lens?.store.size) return undefined;
        // Entry ids live in the runtime, which loads on the reader's first
        // pointer move or page-terms request: not necessarily yet.
        const current = lens;
        return Promise.all([runtime(), current.complete()]).then(async ([rt]) => {
          const entry = rt?.entryIndex(msg.id);
          if (entry === undefined) return undefined;
          const visible = seeable();
          const only = (m: Mark) => m.entry === entry && visible(m);
          const mark = (await runSliced(win, current.store.summarize(only))).get(entry)?.first;
          if (mark) openMark(mark, true);
          return mark ? { ok: true as const } : undefined;
        });
      }
      case 'kl:next-term': {
        if (!isTop || !lens) return undefined;
        const current = lens;
        // The whole page first: the next term may lie past the text read so far.
        return current.complete().then(async () => {
          // Steps through the painted marks only (a repeat in the same block is the same term again),
          // from the last one shown (if the page still has it), back to the first after the last.
          const visible = seeable();
          const after = lastShown?.startNode.isConnected ? lastShown : null;
          const next =
            (await runSliced(win, current.store.nextPainted(after, visible))) ??
            (after ? await runSliced(win, current.store.nextPainted(null, visible)) : null);
          if (!next) return undefined;
          lastShown = next;
          openMark(next, true);
          return { ok: true as const };
        });
      }
      case 'kl:explain-selection': {
        if (!isTop) return undefined;
        const sel = doc.getSelection();
        const entry = matcher.findSelection(msg.text);
        if (entry === undefined || !sel || sel.rangeCount === 0) return { found: false };
        const range = sel.getRangeAt(0).cloneRange();
        void withUi().then((u) => u?.openRange(entry, range));
        return { found: true };
      }
    }
  };

  // sendResponse and `true`, not a returned promise: Chromium's own API
  // (without the polyfill) answers only that way.
  const listener = (raw: unknown, sender: { id?: string }, respond: (reply: unknown) => void) => {
    // Only our own extension talks to us; everything else is ignored.
    if (sender.id !== ext.runtime.id) return false;
    const msg = parseContentMessage(raw);
    if (!msg) return false;
    try {
      const reply = onMessage(msg);
      if (reply === undefined) return false;
      Promise.resolve(reply).then(respond, () => respond(undefined));
      return true;
    } catch {
      return false;
    }
  };
  ext.runtime.onMessage.addListener(listener as never);

  // A page that clears CSS.highlights: repair quietly (only where there is
  // something to repair). A removed popover host is made again on the next show.
  win.setInterval(() => {
    if (lens && lens.store.size > 0) lens.repair();
  }, 2000);
  doc.addEventListener('fullscreenchange', () => ui?.attach());

  apply(settings, true);
  watchSettingsChanges(() => {
    askSiteState()
      .then((next) => apply(next))
      .catch(() => {
        // never let our failure reach the page
      });
  });
}
