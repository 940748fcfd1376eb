import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FILE_SITE_KEY,
  isCanonicalSiteKey,
  normaliseHostInput,
  siteKeyFromUrl,
} from '../../lib/settings/site-key';

describe('normaliseHostInput', () => {
  it.each([
    ['https://WWW.Example.com:8080/path', 'example.com'],
    ['example.com', 'example.com'],
    ['  Example.COM  ', 'example.com'],
    ['http://example.com/a?b#c', 'example.com'],
    ['example.com:8080', 'example.com'],
    ['example.com:8080/path', 'example.com'],
    ['localhost:3000', 'localhost'],
    ['localhost', 'localhost'],
    ['http://user:pw@example.com/', 'example.com'],
    ['example.com.', 'example.com'],
    ['www.example.com.', 'example.com'],
    ['www.www.example.com', 'example.com'],
    ['news.example.com', 'news.example.com'],
    ['www.com', 'www.com'],
    ['www2.example.com', 'www2.example.com'],
    ['my_host.example.com', 'my_host.example.com'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseHostInput(input)).toBe(expected);
  });

  it('converts international domain names to punycode', () => {
    expect(normaliseHostInput('bücher.de')).toBe('xn--bcher-kva.de');
    expect(normaliseHostInput('https://www.BÜCHER.de/x')).toBe('xn--bcher-kva.de');
    expect(normaliseHostInput('xn--bcher-kva.de')).toBe('xn--bcher-kva.de');
    expect(normaliseHostInput('ＥＸＡＭＰＬＥ.com')).toBe('example.com');
  });

  it('keeps IPv4 addresses (canonical dotted form), dropping ports', () => {
    expect(normaliseHostInput('127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseHostInput('http://192.168.0.10:8080/admin')).toBe('192.168.0.10');
    expect(normaliseHostInput('127.1')).toBe('127.0.0.1');
    expect(normaliseHostInput('999.1.1.1')).toBeNull();
    expect(normaliseHostInput('1.2.3.4.5')).toBeNull();
  });

  it('keeps IPv6 addresses in brackets, dropping ports', () => {
    expect(normaliseHostInput('[::1]')).toBe('[::1]');
    expect(normaliseHostInput('::1')).toBe('[::1]');
    expect(normaliseHostInput('http://[2001:DB8:0:0::1]:8080/x')).toBe('[2001:db8::1]');
    expect(normaliseHostInput('2001:db8::1')).toBe('[2001:db8::1]');
    expect(normaliseHostInput('[::1')).toBeNull();
  });

  it('gives the single file key for file: input', () => {
    expect(normaliseHostInput('file:///home/me/notes.html')).toBe(FILE_SITE_KEY);
    expect(normaliseHostInput('FILE://')).toBe(FILE_SITE_KEY);
    expect(normaliseHostInput(FILE_SITE_KEY)).toBe(FILE_SITE_KEY);
  });

  it.each([
    '',
    '   ',
    'not a host!',
    'foo!bar',
    'exa mple.com',
    'http://',
    'https://',
    'example..com',
    '.example.com',
    'example.com..',
    'about:blank',
    'chrome://extensions',
    'view-source:https://example.com',
    'javascript:alert(1)',
    'data:text/html,hi',
    'mailto:someone@example.com',
    'ftp://example.com',
    'ws://example.com',
    'example.com:99999',
    '__proto__',
    `${'a'.repeat(64)}.com`,
    `${'a.'.repeat(130)}com`,
    'x'.repeat(5000),
  ])('rejects %j', (input) => {
    expect(normaliseHostInput(input)).toBeNull();
  });

  it('rejects non-strings without throwing', () => {
    expect(normaliseHostInput(42 as unknown as string)).toBeNull();
    expect(normaliseHostInput(null as unknown as string)).toBeNull();
  });
});

describe('siteKeyFromUrl', () => {
  it.each([
    ['https://www.example.com/article?id=1', 'example.com'],
    ['http://Example.COM:8080/', 'example.com'],
    ['https://news.example.co.uk/x', 'news.example.co.uk'],
    ['https://bücher.de/', 'xn--bcher-kva.de'],
    ['http://127.0.0.1:5173/', '127.0.0.1'],
    ['http://[::1]:8080/', '[::1]'],
    ['https://example.com./', 'example.com'],
    ['blob:https://www.example.com/0b1c-2d3e', 'example.com'],
    // Pages about stores, on other hosts/paths, are ordinary sites.
    ['https://chrome.google.com/search', 'chrome.google.com'],
    ['https://microsoft.com/addons', 'microsoft.com'],
  ])('%s → site %s', (url, key) => {
    expect(siteKeyFromUrl(url)).toEqual({ kind: 'site', key });
  });

  it('gives one site key for every local file', () => {
    expect(siteKeyFromUrl('file:///C:/Users/me/Desktop/a.html')).toEqual({
      kind: 'site',
      key: FILE_SITE_KEY,
    });
    expect(siteKeyFromUrl('file://server/share/b.html')).toEqual({
      kind: 'site',
      key: FILE_SITE_KEY,
    });
  });

  it.each([
    'chrome://extensions/',
    'chrome://newtab/',
    'about:blank',
    'about:addons',
    'about:debugging#/runtime/this-firefox',
    'edge://settings',
    'moz-extension://0a1b2c/popup.html',
    'chrome-extension://abcdefghijklmnop/options.html',
    'view-source:https://example.com/',
    'devtools://devtools/bundled/inspector.html',
    'brave://settings',
  ])('%s is a browser page', (url) => {
    expect(siteKeyFromUrl(url)).toEqual({ kind: 'unsupported', reason: 'browser-page' });
  });

  it.each([
    'https://chromewebstore.google.com/detail/abc/xyz',
    'https://chrome.google.com/webstore/detail/abc',
    'https://chrome.google.com/webstore',
    'https://CHROME.google.com/WebStore/category/extensions',
    'https://addons.mozilla.org/en-US/firefox/addon/x/',
    'https://microsoftedge.microsoft.com/addons/detail/abc',
  ])('%s is a web store', (url) => {
    expect(siteKeyFromUrl(url)).toEqual({ kind: 'unsupported', reason: 'store' });
  });

  it.each([
    '',
    'not a url',
    'example.com',
    'http://',
    'http://exa mple.com/',
    'data:text/html,<p>hi</p>',
    'javascript:void(0)',
    'ftp://example.com/file',
    'http://foo!bar/',
  ])('%j is invalid', (url) => {
    expect(siteKeyFromUrl(url)).toEqual({ kind: 'unsupported', reason: 'invalid' });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = siteKeyFromUrl(s);
        expect(['site', 'unsupported']).toContain(r.kind);
        normaliseHostInput(s);
      }),
    );
  });

  it('produces keys that normaliseHostInput keeps as they are (settings accept them)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const r = siteKeyFromUrl(url);
        if (r.kind === 'site') {
          expect(normaliseHostInput(r.key)).toBe(r.key);
          expect(isCanonicalSiteKey(r.key)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with normaliseHostInput on the same host', () => {
    for (const url of [
      'https://WWW.Example.com:8080/path',
      'https://bücher.de/',
      'http://[2001:db8::1]/',
      'http://10.0.0.1/',
    ]) {
      const r = siteKeyFromUrl(url);
      expect(r.kind).toBe('site');
      if (r.kind === 'site') expect(normaliseHostInput(url)).toBe(r.key);
    }
  });
});
