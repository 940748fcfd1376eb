// The background answers each content script with its site's state; the
// content script trusts only what parseSiteState lets through.
import { describe, expect, it } from 'vitest';
import { siteState } from '../../lib/background/background-main';
import { parseMessage, parseSiteState } from '../../lib/messages';
import { defaultSettings, setSite } from '../../lib/settings/settings';

describe('siteState (background)', () => {
  it('gives the site key and "on" for an ordinary page', () => {
    expect(siteState(defaultSettings(), 'https://www.Example.com:8443/a?b#c')).toEqual({
      siteKey: 'example.com',
      on: true,
      off: null,
      style: 'underline',
      hidden: [],
    });
  });
  it('reports a site turned off, the global switch, hidden categories and the style', () => {
    const s = setSite(defaultSettings(), 'example.com', false);
    expect(siteState(s, 'http://example.com/').off).toBe('site');
    const global = { ...defaultSettings(), enabled: false, highlightStyle: 'background' as const };
    global.categories.slang = false;
    expect(siteState(global, 'http://example.com/')).toMatchObject({
      on: false,
      off: 'global',
      style: 'background',
      hidden: ['slang'],
    });
  });
  it('says the extension does not run on browser pages and stores', () => {
    for (const url of ['chrome://settings/', 'https://chromewebstore.google.com/detail/x', 'not a url']) {
      expect(siteState(defaultSettings(), url)).toMatchObject({ siteKey: null, on: false });
    }
  });
});

describe('parseSiteState (content script)', () => {
  it('round-trips what the background sends', () => {
    const state = siteState(defaultSettings(), 'https://example.org/');
    expect(parseSiteState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
  it('rejects or repairs malformed replies, and never turns a page on without a valid site key', () => {
    expect(parseSiteState(null)).toBeNull();
    expect(parseSiteState('on')).toBeNull();
    expect(parseSiteState({ on: 'yes' })).toBeNull();
    expect(parseSiteState({ on: true, siteKey: 'Bad Key!' })).toMatchObject({ on: false, siteKey: null });
    expect(
      parseSiteState({ on: true, siteKey: 'a.com', style: '<script>', hidden: ['ok', 3, 'x'.repeat(99)] }),
    ).toEqual({
      siteKey: 'a.com',
      on: true,
      off: null,
      style: 'underline',
      hidden: ['ok'],
    });
  });
  it('accepts the request only with a URL string', () => {
    expect(parseMessage({ type: 'kl:get-site-state', url: 'https://a.com/' })).toEqual({
      type: 'kl:get-site-state',
      url: 'https://a.com/',
    });
    expect(parseMessage({ type: 'kl:get-site-state', url: 42 })).toBeNull();
    expect(parseMessage({ type: 'kl:get-site-state', url: 'x'.repeat(9000) })).toBeNull();
  });
});
