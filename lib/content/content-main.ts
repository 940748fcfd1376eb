// Content-script glue: decides whether this page is on, runs the Lens, wires
// hover and keyboard to the popover host, and answers the popup. Everything
// here fails closed: an error stops our work, never the page's.
import { browser } from 'wxt/browser';
import { Lens, type PageMatcher } from '../dom/lens';
import { Painter } from '../dom/painter';
import type { Mark } from '../dom/mark-store';
import { type Message, type PageState, parseMessage } from '../messages';
import { isSiteEnabled, type Settings } from '../settings';
import { readSettings, watchStoredSettings } from '../settings-reader';
import { siteKeyFromUrl } from '../site-key';
import { HoverController, rangeOf } from './hover-controller';
import type { PopoverHost } from './popover-host';
import { loadPopoverRuntime } from './popover-loader';

export interface ContentDeps {
  win: Window & typeof globalThis;
  matcher: PageMatcher & { entryId(entry: number): string; entryIndex(id: string): number | undefined; findSelection(text: string): number | undefined };
  setCategories(settings: Settings): void;
}

/** The page's site, as the user sees it: the top frame's origin, even inside iframes. */
export function topUrl(win: Window): string {
  try {
    if (win.top === win) return win.location.href;
    const ancestors = win.location.ancestorOrigins;
    if (ancestors && ancestors.length) return ancestors[ancestors.length - 1] as string;
    return win.top?.location.href ?? win.location.href;
  } catch {
    return win.location.href;
  }
}

export async function runContent(deps: ContentDeps): Promise<void> {
  const { win, matcher } = deps;
  const doc = win.document;
  if (!Painter.supported(win)) return; // no Custom Highlight API: stand down quietly
  const site = siteKeyFromUrl(topUrl(win));
  const siteKey = site.kind === 'site' ? site.key : null;
  const isTop = win.top === win;

  let settings: Settings = await readSettings();
  let lens: Lens | null = null;
  let lastShown = -1;
  let returnFocusTo: Element | null = null;
  const shadowRoots: ShadowRoot[] = [];

  // The popover host (Floating UI + iframe) is loaded once the page has marks.
  let host: PopoverHost | null = null;
  const withHost = async (): Promise<PopoverHost | null> => {
    if (host) return host;
    const runtime = await loadPopoverRuntime(browser.runtime.getURL('/popover-runtime.js'));
    host ??=
      runtime?.createHost({
        doc,
        popoverUrl: browser.runtime.getURL('/popover.html'),
        onPointerEnter: () => hover.intent.pointerEnterPopover(),
        onPointerLeave: () => hover.intent.pointerLeavePopover(),
        onClose: (returnFocus) => {
          hover.intent.hideNow();
          if (returnFocus && returnFocusTo instanceof HTMLElement) returnFocusTo.focus({ preventScroll: true });
        },
      }) ?? null;
    return host;
  };
  const showPopover = (id: string, range: Range, point: { x: number; y: number } | null, focus: boolean) => {
    if (host) host.show(id, range, point, focus, siteKey);
    else void withHost().then((h) => h?.show(id, range, point, focus, siteKey));
  };

  const hover = new HoverController({
    doc,
    markAt: (node, offset) => lens?.markAt(node, offset),
    shadowRoots: () => shadowRoots,
    show: (t) => showPopover(matcher.entryId(t.mark.entry), t.range, t.point, false),
    hide: () => host?.hide(),
  });

  let countTimer = 0;
  const reportCount = () => {
    if (countTimer) return;
    countTimer = win.setTimeout(() => {
      countTimer = 0;
      const count = lens?.store.size ?? 0;
      // First mark found: load the popover now so the first hover is instant.
      if (count > 0) {
        void withHost()
          .then((h) => h?.preload())
          .catch(() => {});
      }
      const state = pageState();
      const off = state.state === 'off' ? state.reason : null;
      browser.runtime.sendMessage({ type: 'kl:count', count, frameUrl: win.location.href, off }).catch(() => {});
    }, 300);
  };

  const enabled = () => siteKey !== null && isSiteEnabled(settings, siteKey);

  const apply = (next: Settings) => {
    const styleChanged = next.highlightStyle !== settings.highlightStyle;
    const categoriesChanged = JSON.stringify(next.categories) !== JSON.stringify(settings.categories);
    settings = next;
    deps.setCategories(settings);
    if (!enabled()) {
      if (lens) {
        hover.stop();
        host?.destroy();
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
      lens = new Lens({ doc, matcher, style: settings.highlightStyle, onMarksChanged: reportCount });
      void lens.start();
      hover.start();
    } else if (styleChanged) {
      lens.setStyle(settings.highlightStyle);
    }
  };

  const openMark = (mark: Mark, focus: boolean) => {
    const range = rangeOf(doc, mark);
    const el = range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    returnFocusTo = doc.activeElement;
    hover.intent.showNow({ mark, range, point: { x: 0, y: 0 } });
    showPopover(matcher.entryId(mark.entry), range, null, focus);
  };

  const pageState = (): PageState => {
    if (siteKey === null) return { state: 'unsupported' };
    if (!settings.enabled) return { state: 'off', reason: 'global', siteKey };
    if (!enabled()) return { state: 'off', reason: 'site', siteKey };
    const counts = lens?.store.countsByEntry() ?? new Map<number, number>();
    const terms = [...counts].map(([entry, count]) => ({ id: matcher.entryId(entry), count }));
    terms.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
    return { state: 'on', terms, siteKey };
  };

  const onMessage = (msg: Message): unknown => {
    switch (msg.type) {
      case 'kl:get-page-terms':
        return isTop ? pageState() : undefined;
      case 'kl:reveal-entry': {
        const entry = matcher.entryIndex(msg.id);
        const mark = lens?.store.inReadingOrder().find((m) => m.entry === entry);
        if (mark) openMark(mark, true);
        return mark ? { ok: true } : undefined;
      }
      case 'kl:next-term': {
        if (!isTop || !lens) return undefined;
        const marks = lens.store.inReadingOrder();
        if (!marks.length) return undefined;
        lastShown = (lastShown + 1) % marks.length;
        openMark(marks[lastShown] as Mark, true);
        return { ok: true };
      }
      case 'kl:explain-selection': {
        if (!isTop) return undefined;
        const sel = doc.getSelection();
        const entry = matcher.findSelection(msg.text);
        if (entry === undefined || !sel || sel.rangeCount === 0) return { found: false };
        returnFocusTo = doc.activeElement;
        showPopover(matcher.entryId(entry), sel.getRangeAt(0).cloneRange(), null, true);
        return { found: true };
      }
      default:
        return undefined;
    }
  };

  browser.runtime.onMessage.addListener((raw: unknown, sender: { id?: string }) => {
    // Only our own extension talks to us; everything else is ignored.
    if (sender.id !== browser.runtime.id) return undefined;
    const msg = parseMessage(raw);
    if (!msg) return undefined;
    try {
      const reply = onMessage(msg);
      return reply === undefined ? undefined : Promise.resolve(reply);
    } catch {
      return undefined;
    }
  });

  // A page that clears CSS.highlights or removes our host: repair quietly.
  win.setInterval(() => {
    if (!lens) return;
    lens.repair();
  }, 2000);
  doc.addEventListener('fullscreenchange', () => host?.attach());

  apply(settings);
  watchStoredSettings((next) => {
    try {
      apply(next);
    } catch {
      // never let our failure reach the page
    }
  });
}
