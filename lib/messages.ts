// Every message between the extension's scripts, validated by shape.
// Unknown or malformed messages are ignored (parseMessage returns null).
import { type HighlightStyle, ENTRY_ID_PATTERN as ID, type OffReason } from './contracts';

export interface PageTerm {
  id: string;
  count: number;
}

/** What the top frame's content script says about its page (siteKey: the page's site, for the popup's switch; terms in first-appearance order). */
export type PageState =
  | { state: 'on'; terms: PageTerm[]; siteKey?: string }
  | { state: 'off'; reason: OffReason; siteKey?: string }
  | { state: 'unsupported' };

const SITE_KEY = /^(?:file:\/\/|\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/;

function siteKeyOf(raw: Record<string, unknown>): { siteKey?: string } {
  return typeof raw.siteKey === 'string' && raw.siteKey.length <= 253 && SITE_KEY.test(raw.siteKey)
    ? { siteKey: raw.siteKey }
    : {};
}

export type Message =
  /** popup → content (top frame): which terms are on this page? */
  | { type: 'kl:get-page-terms' }
  /** popup/background → content: scroll to the first occurrence and open its popover. */
  | { type: 'kl:reveal-entry'; id: string }
  /** background → content: keyboard command, open the next term in reading order. */
  | { type: 'kl:next-term' }
  /** background → content: context menu on a selection. */
  | { type: 'kl:explain-selection'; text: string }
  /**
   * content → background: number of marks in this frame (and whether the lens is off here), for the badge.
   * partial: part of the page is not read yet (it is read as the reader comes near it).
   */
  | { type: 'kl:count'; count: number; frameUrl: string; off: OffReason | null; partial: boolean }
  /** any extension page → background: open the glossary page searching for text. */
  | { type: 'kl:open-search'; query: string }
  /** content → background: how should this page's site be treated? url: the top frame's URL. (Answered with a SiteState.) */
  | { type: 'kl:get-site-state'; url: string }
  /** text reader page → background: the selected text the context menu handed over (answered once, then forgotten). */
  | { type: 'kl:take-scan-text' };

/**
 * The settings a content script needs for its site, worked out by the
 * background from the validated settings model. Content scripts never parse
 * stored settings themselves: they run in every tab and must stay small.
 */
export interface SiteState {
  /** The page's site (settings key), or null where the extension does not run (browser pages, stores). */
  siteKey: string | null;
  on: boolean;
  off: OffReason | null;
  style: HighlightStyle;
  /** Categories the reader chose not to mark. */
  hidden: string[];
}

export function parseSiteState(raw: unknown): SiteState | null {
  if (!isObject(raw) || typeof raw.on !== 'boolean') return null;
  const off = raw.off === 'site' || raw.off === 'global' ? raw.off : null;
  const style = raw.style === 'background' || raw.style === 'hover-only' ? raw.style : 'underline';
  const hidden = Array.isArray(raw.hidden)
    ? raw.hidden.filter((c): c is string => typeof c === 'string' && /^[a-z]{1,20}$/.test(c)).slice(0, 20)
    : [];
  const siteKey = siteKeyOf(raw).siteKey ?? null;
  return { siteKey, on: raw.on && off === null && siteKey !== null, off, style, hidden };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Messages a content script receives: the only parser in its bundle (every byte there counts). */
export type ContentMessage = Extract<
  Message,
  { type: 'kl:get-page-terms' | 'kl:next-term' | 'kl:reveal-entry' | 'kl:explain-selection' }
>;

export function parseContentMessage(raw: unknown): ContentMessage | null {
  if (!isObject(raw)) return null;
  switch (raw.type) {
    case 'kl:get-page-terms':
    case 'kl:next-term':
      return { type: raw.type };
    case 'kl:reveal-entry':
      return typeof raw.id === 'string' && ID.test(raw.id) ? { type: raw.type, id: raw.id } : null;
    case 'kl:explain-selection':
      return typeof raw.text === 'string' && raw.text.length <= 500
        ? { type: raw.type, text: raw.text }
        : null;
    default:
      return null;
  }
}

export function parseMessage(raw: unknown): Message | null {
  const forContent = parseContentMessage(raw);
  if (forContent || !isObject(raw)) return forContent;
  switch (raw.type) {
    case 'kl:count':
      return typeof raw.count === 'number' &&
        Number.isInteger(raw.count) &&
        raw.count >= 0 &&
        typeof raw.frameUrl === 'string'
        ? {
            type: raw.type,
            count: raw.count,
            frameUrl: raw.frameUrl,
            off: raw.off === 'site' || raw.off === 'global' ? raw.off : null,
            partial: raw.partial === true,
          }
        : null;
    case 'kl:get-site-state':
      return typeof raw.url === 'string' && raw.url.length <= 8192 ? { type: raw.type, url: raw.url } : null;
    case 'kl:open-search':
      return typeof raw.query === 'string' && raw.query.length <= 200
        ? { type: raw.type, query: raw.query }
        : null;
    case 'kl:take-scan-text':
      return { type: raw.type };
    default:
      return null;
  }
}

export function parsePageState(raw: unknown): PageState | null {
  if (!isObject(raw)) return null;
  if (raw.state === 'unsupported') return { state: 'unsupported' };
  if (raw.state === 'off' && (raw.reason === 'site' || raw.reason === 'global')) {
    return { state: 'off', reason: raw.reason, ...siteKeyOf(raw) };
  }
  if (raw.state === 'on' && Array.isArray(raw.terms)) {
    const terms: PageTerm[] = [];
    for (const t of raw.terms) {
      if (
        isObject(t) &&
        typeof t.id === 'string' &&
        ID.test(t.id) &&
        typeof t.count === 'number' &&
        Number.isInteger(t.count) &&
        t.count >= 0
      ) {
        terms.push({ id: t.id, count: t.count });
      }
    }
    return { state: 'on', terms, ...siteKeyOf(raw) };
  }
  return null;
}

/** What each message is answered with (undefined: no answer). Types only: free in every bundle. */
export interface Replies {
  'kl:get-page-terms': PageState;
  'kl:reveal-entry': { ok: true } | undefined;
  'kl:next-term': { ok: true } | undefined;
  'kl:explain-selection': { found: boolean };
  'kl:count': undefined;
  'kl:open-search': undefined;
  'kl:get-site-state': SiteState;
  'kl:take-scan-text': { text: string } | undefined;
}

export type MessageOf<T extends Message['type']> = Extract<Message, { type: T }>;

/** Reads an { ok: true } reply. */
export function parseOk(raw: unknown): { ok: true } | null {
  return isObject(raw) && raw.ok === true ? { ok: true } : null;
}

/** Longest text the context menu hands to the text reader. */
export const MAX_SCAN_TEXT = 100_000;

/** Reads a { text } reply (the text reader's handed-over selection). */
export function parseScanText(raw: unknown): string | null {
  return isObject(raw) && typeof raw.text === 'string' && raw.text.length <= MAX_SCAN_TEXT ? raw.text : null;
}

/** Reads a { found } reply. */
export function parseFound(raw: unknown): { found: boolean } | null {
  return isObject(raw) && typeof raw.found === 'boolean' ? { found: raw.found } : null;
}
