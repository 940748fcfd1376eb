// What a web page's own script can learn about the extension
// (docs/decisions/0009-not-identifiable-by-pages.md), shared by the Chromium
// and Firefox tests. installIdentityProbe runs in the page's main world before
// its markup is parsed; readPageView reads what it saw. Both are serialised
// into the page by the drivers, so they must be self-contained.

export interface PageView {
  /** Names in CSS.highlights. */
  highlights: string[];
  /** Rule text of every adopted stylesheet and of every sheet in document.styleSheets. */
  sheets: string[];
  /** outerHTML of every element in the document that the page's markup did not create. */
  added: string[];
  /** Attribute changes on the page's own elements, as name="value". */
  attributes: string[];
  /** Window and document events seen (type: data), message events included. */
  events: string[];
  /** Child browsing contexts the page can reach (window.length). */
  frames: number;
  /** Names of performance entries other than the page's own document. */
  resources: string[];
  /** What fetch() of each URL gave: "ok <status> <first bytes>" or "failed". */
  fetches: Record<string, string>;
}

/**
 * Records from document start: elements added after the markup was parsed,
 * attribute changes on the page's own elements, and the events a page can
 * listen for (message, the "content script started" announcements that
 * extension frameworks dispatch, named with the extension id, and CSP reports).
 */
export function installIdentityProbe(extensionId: string): void {
  const w = window as unknown as Record<string, unknown>;
  const log = { events: [] as string[], attributes: [] as string[], own: null as Set<Element> | null };
  w.__identityProbe = log;
  const describe = (e: Event) => {
    const data =
      (e as MessageEvent).data ?? (e as CustomEvent).detail ?? (e as SecurityPolicyViolationEvent).blockedURI;
    let text = '';
    try {
      text = JSON.stringify(data) ?? '';
    } catch {
      text = String(data);
    }
    return `${e.type}: ${text}`;
  };
  const types = [
    'message',
    'messageerror',
    'securitypolicyviolation',
    'content-script-started',
    'wxt:content-script-started',
    `${extensionId}:content-script-started`,
    extensionId,
  ];
  for (const type of types) {
    window.addEventListener(type, (e) => log.events.push(`window ${describe(e)}`), true);
    document.addEventListener(type, (e) => log.events.push(`document ${describe(e)}`), true);
  }
  new MutationObserver((records) => {
    if (!log.own) return;
    for (const r of records) {
      if (r.type === 'attributes' && log.own.has(r.target as Element) && r.attributeName) {
        const value = (r.target as Element).getAttribute(r.attributeName);
        log.attributes.push(`${r.attributeName}="${value ?? ''}"`);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('DOMContentLoaded', () => {
    log.own = new Set(document.querySelectorAll('*'));
  });
}

/** What the page sees now; `urls` are fetched (the extension's resources under its real id). */
export async function readPageView(urls: string[]): Promise<PageView> {
  const log = (window as unknown as Record<string, unknown>).__identityProbe as {
    events: string[];
    attributes: string[];
    own: Set<Element> | null;
  };
  const rules = (sheet: CSSStyleSheet) => {
    try {
      return [...sheet.cssRules].map((r) => r.cssText).join('\n');
    } catch {
      return '';
    }
  };
  const fetches: Record<string, string> = {};
  for (const url of urls) {
    try {
      const response = await fetch(url);
      fetches[url] = `ok ${response.status} ${(await response.text()).slice(0, 40)}`;
    } catch {
      fetches[url] = 'failed';
    }
  }
  const own = log.own ?? new Set<Element>();
  return {
    highlights: [...CSS.highlights.keys()],
    sheets: [...document.adoptedStyleSheets, ...document.styleSheets].map(rules),
    added: [...document.querySelectorAll('*')].filter((el) => !own.has(el)).map((el) => el.outerHTML),
    attributes: [...log.attributes],
    events: [...log.events],
    frames: window.length,
    resources: performance
      .getEntries()
      .map((e) => e.name)
      .filter((name) => name !== location.href && /^[a-z-]+:\/\//.test(name)),
    fetches,
  };
}

/** Where a word of the page's own text is (first occurrence), found without our highlights (quiet mode has none). */
export function wordPointInPage(word: string): { x: number; y: number } | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node as Text).data.indexOf(word);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + word.length);
    const rect = range.getClientRects()[0];
    if (rect) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }
  return null;
}

/** Everything in a view that could name the extension, for the failure message (empty when clean). */
export function namingUs(view: PageView, extensionId: string): string[] {
  const said = [
    ...view.highlights,
    ...view.sheets,
    ...view.added,
    ...view.attributes,
    ...view.events,
    ...view.resources,
  ];
  const names = /ketamine|lens|kl-/i;
  return said.filter((s) => names.test(s) || s.includes(extensionId));
}
