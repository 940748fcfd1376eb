// Tells the content script that stored settings changed (any context, any
// device). It then asks the background for its site's state again: the
// stored value itself is parsed only by the settings model, never here.
import { SETTINGS_KEY, SETTINGS_META_KEY } from '../contracts';
import { ext } from './ext';

const KEYS = [SETTINGS_KEY, SETTINGS_META_KEY];

export function watchSettingsChanges(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if ((area === 'sync' || area === 'local') && KEYS.some((k) => k in changes)) onChange();
  };
  ext.storage.onChanged.addListener(listener);
  return () => ext.storage.onChanged.removeListener(listener);
}
