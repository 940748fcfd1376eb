// Tells the content script that stored settings changed (any context, any
// device). It then asks the background for its site's state again: the
// stored value itself is parsed only by the settings model, never here.
import { browser } from 'wxt/browser';

const KEYS = ['settings', 'settings$'];

export function watchSettingsChanges(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if ((area === 'sync' || area === 'local') && KEYS.some((k) => k in changes)) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
