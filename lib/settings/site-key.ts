// Site keys: the name under which a per-site on/off choice is stored.
//
// A site key is the page's host name in one canonical form, so that every way
// of writing the same host (a URL from the tab, a host typed in the options
// page, a key from an old settings file) lands on the same key:
//   - WHATWG URL parsing (`new URL`), so IDNs become punycode
//     ("bücher.de" → "xn--bcher-kva.de"), case is folded, and IPv4 forms are
//     canonicalised ("127.1" → "127.0.0.1");
//   - ports, paths, queries and user info are dropped;
//   - one trailing dot is dropped ("example.com." is the same host);
//   - a leading "www." is dropped when something with a dot remains
//     ("www.example.com" → "example.com", but "www.com" stays);
//   - IPv6 literals keep their brackets ("[::1]"), as `URL.hostname` gives them.
// Other subdomains stay distinct (news.example.com ≠ example.com): grouping by
// registrable domain needs the Public Suffix List, which is too big for a
// content script, and a host is what the user sees in the address bar.
//
// Local files share one key, FILE_SITE_KEY ("file://"). Content scripts do run
// on file: pages once the user allows it ("Allow access to file URLs" in
// Chromium; Firefox allows it for <all_urls>), so a reader needs a way to turn
// the lens off there, which makes file: a supported *site*. It is one key, not
// one per path: a file: URL has no host, and per-path keys would copy local
// paths (user names, folder names) into synced storage.
//
// Pure: no browser APIs.

export const FILE_SITE_KEY = 'file://';

export type UnsupportedReason = 'browser-page' | 'store' | 'file' | 'invalid';

export type SiteKeyResult =
  | { kind: 'site'; key: string }
  | { kind: 'unsupported'; reason: UnsupportedReason };
// 'file' stays in the reason union for callers that want to treat local files
// as unsupported later; siteKeyFromUrl never returns it today (see above).

/** Schemes of pages that belong to the browser itself: extensions cannot run there. */
const BROWSER_PAGE_SCHEMES = new Set([
  'about:',
  'brave:',
  'chrome:',
  'chrome-extension:',
  'chrome-search:',
  'chrome-untrusted:',
  'devtools:',
  'edge:',
  'extension:',
  'moz-extension:',
  'opera:',
  'resource:',
  'safari-extension:',
  'safari-web-extension:',
  'view-source:',
  'vivaldi:',
]);

const MAX_INPUT_LENGTH = 2048;
const MAX_HOST_LENGTH = 253;
// Letters, digits, hyphen, and underscore (seen in real subdomains). After
// WHATWG parsing every label is ASCII: IDNs are already punycode.
const LABEL = /^[a-z0-9_-]{1,63}$/;

/**
 * Extension web stores: browsers block content scripts there, so the lens
 * cannot run and the popup should say so rather than offer a switch.
 * `host` is already canonical (lower case, no www.).
 */
function isWebStore(host: string, pathname: string): boolean {
  const path = pathname.toLowerCase();
  const underPath = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  switch (host) {
    case 'chromewebstore.google.com':
    case 'addons.mozilla.org':
    case 'discovery.addons.mozilla.org':
      return true;
    case 'chrome.google.com':
      return underPath('/webstore');
    case 'microsoftedge.microsoft.com':
      return underPath('/addons');
    default:
      return false;
  }
}

/**
 * Canonical form of a host name that came out of the WHATWG URL parser
 * (already lower case and punycode). Null when it is not a usable web host.
 */
function canonicalHost(hostname: string): string | null {
  if (hostname.startsWith('[')) {
    // IPv6 literal: the URL parser has validated and compressed it.
    return hostname.endsWith(']') && hostname.length > 2 ? hostname : null;
  }
  const trimmed = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (trimmed === '' || trimmed.length > MAX_HOST_LENGTH) return null;
  const labels = trimmed.split('.');
  if (!labels.every((label) => LABEL.test(label))) return null;
  // Loop so the result is a fixed point ("www.www.example.com" → "example.com").
  while (labels.length > 2 && labels[0] === 'www') labels.shift();
  const host = labels.join('.');
  // Not a real host, and the one key that could hurt as an object property.
  if (host === '__proto__') return null;
  return host;
}

/**
 * The site key for a page URL, or why the lens cannot run on that page.
 *
 * Pass the URL of the tab's top-level page: a per-site choice is about the
 * site the reader is looking at, so content scripts in frames should key on
 * the top page, not on the frame's own URL.
 */
export function siteKeyFromUrl(url: string): SiteKeyResult {
  if (typeof url !== 'string' || url.length > 64 * 1024) {
    return { kind: 'unsupported', reason: 'invalid' };
  }
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { kind: 'unsupported', reason: 'invalid' };
  }
  const protocol = parsed.protocol;
  if (protocol === 'http:' || protocol === 'https:') {
    const host = canonicalHost(parsed.hostname);
    if (host === null) return { kind: 'unsupported', reason: 'invalid' };
    if (isWebStore(host, parsed.pathname)) return { kind: 'unsupported', reason: 'store' };
    return { kind: 'site', key: host };
  }
  if (protocol === 'file:') return { kind: 'site', key: FILE_SITE_KEY };
  if (protocol === 'blob:') {
    // blob:https://example.com/uuid belongs to the page that made it.
    const origin = parsed.origin;
    return origin && origin !== 'null' ? siteKeyFromUrl(origin) : { kind: 'unsupported', reason: 'invalid' };
  }
  if (BROWSER_PAGE_SCHEMES.has(protocol)) return { kind: 'unsupported', reason: 'browser-page' };
  // data:, javascript:, ftp:, mailto:, … : nothing we can key a choice on.
  return { kind: 'unsupported', reason: 'invalid' };
}

/**
 * Normalise a host as a person types it into the options page:
 * "https://WWW.Example.com:8080/path" → "example.com", "bücher.de" →
 * "xn--bcher-kva.de", "127.0.0.1", "[::1]" or "::1" → "[::1]". Anything that
 * starts with "file:" gives FILE_SITE_KEY. Null for anything that is not a
 * web host ("not a host!", "about:blank", "ftp://example.com", "").
 *
 * Idempotent: normaliseHostInput(k) === k for every key it returns, and for
 * every key siteKeyFromUrl returns.
 */
export function normaliseHostInput(text: string): string | null {
  if (typeof text !== 'string') return null;
  let input = text.trim();
  if (input === '' || input.length > MAX_INPUT_LENGTH) return null;

  // A bare IPv6 address ("::1", "2001:db8::1"): give it the brackets a URL needs.
  if (/^[0-9a-f:.]+$/i.test(input) && (input.match(/:/g)?.length ?? 0) >= 2) {
    input = `[${input}]`;
  }

  const scheme = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(input);
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase();
    const rest = scheme[2] ?? '';
    if (name === 'file') return FILE_SITE_KEY;
    if (name !== 'http' && name !== 'https') {
      // "localhost:3000" or "example.com:8080/path" is a host and a port, not a scheme.
      if (!/^\d*$|^\d+[/?#]/.test(rest)) return null;
      input = `http://${input}`;
    }
  } else {
    input = `http://${input}`;
  }

  let parsed: URL;
  try {
    parsed = new URL(input);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return canonicalHost(parsed.hostname);
}

/** True when `key` is a site key in canonical form (as stored in settings). */
export function isCanonicalSiteKey(key: string): boolean {
  return normaliseHostInput(key) === key;
}
