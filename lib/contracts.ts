// What the extension's scripts agree on across contexts: the per-page content
// script, the lazily loaded popover runtime, the background and the extension
// pages. Constants and types only, with no imports: the content script ships
// whatever it takes from here.

/** Where the popover runtime installs itself: a property of the content script's isolated world, out of the page's reach. */
export const RUNTIME_KEY = '__ketamineLensPopoverRuntime';

/** Where our own elements in the page (the popover host) are listed, in the same isolated world (lib/dom/own-nodes.ts). */
export const OWN_NODES_KEY = '__ketamineLensOwnNodes';

/** Settings in storage.sync (and a local fallback): the value and its metadata ({ v, savedAt }, WXT's convention). */
export const SETTINGS_KEY = 'settings';
export const SETTINGS_META_KEY = 'settings$';

export const HIGHLIGHT_STYLES = ['underline', 'background', 'hover-only'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

/** Why the lens is off on a page: the reader turned off this site, or everywhere. */
export type OffReason = 'site' | 'global';

/** A glossary entry id: kebab-case (as in data/glossary.schema.json). */
export const ENTRY_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
