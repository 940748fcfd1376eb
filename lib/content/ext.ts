// The extension API as the browser itself provides it (`browser` in Firefox,
// `chrome` in Chromium: both return promises in the calls used here), not
// webextension-polyfill. The content script runs in every tab: the polyfill
// was 2.6 kB of its 25 kB budget and wrapped every API in proxies at start-up
// on every page. Extension pages keep the polyfill (wxt/browser).
import type { browser } from 'wxt/browser';

type Api = typeof browser;
const g = globalThis as { browser?: Api; chrome?: Api };

export const ext: Api = (g.browser?.runtime?.id ? g.browser : g.chrome) as Api;
