// Messages from the background and extension pages to a tab's content script,
// with the reply read by the message's type: callers get a typed value or
// null (no content script, no answer, a malformed answer), never `unknown`.
import { browser } from 'wxt/browser';
import {
  type ContentMessage,
  type MessageOf,
  parseFound,
  parseOk,
  parsePageState,
  type Replies,
} from '../messages';

type ContentType = ContentMessage['type'];

const READERS: { [T in ContentType]: (raw: unknown) => Replies[T] | null } = {
  'kl:get-page-terms': parsePageState,
  'kl:reveal-entry': parseOk,
  'kl:next-term': parseOk,
  'kl:explain-selection': parseFound,
};

/** Reads a raw reply to a message of type `type`. */
export function readReply<T extends ContentType>(type: T, raw: unknown): Replies[T] | null {
  return (READERS[type] as (raw: unknown) => Replies[T] | null)(raw);
}

export async function sendToTab<T extends ContentType>(
  tabId: number,
  message: MessageOf<T>,
  frameId = 0,
): Promise<Replies[T] | null> {
  const raw = await browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => null);
  return readReply((message as { type: T }).type, raw);
}
