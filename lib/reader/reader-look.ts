// How our reader pages (PDF viewer, text reader) mark terms, from the
// settings: the reader's style and categories, kept up to date.
import { CATEGORIES } from '../glossary/types';
import type { Settings } from '../settings/settings';
import { loadSettings, watchSettings } from '../settings/store';
import type { ReaderLook } from './reader-lens';

export function lookOf(settings: Settings): ReaderLook {
  return {
    style: settings.highlightStyle,
    hidden: CATEGORIES.filter((c) => !settings.categories[c]),
  };
}

/** Calls `onLook` with the look now (defaults if settings cannot be read) and after every change; returns a stop function. */
export function followLook(onLook: (look: ReaderLook) => void): () => void {
  let stopped = false;
  loadSettings({ writeBack: false })
    .catch(() => null)
    .then((s) => {
      if (!stopped) onLook(s ? lookOf(s) : { style: 'underline', hidden: [] });
    });
  const unwatch = watchSettings((s) => onLook(lookOf(s)));
  return () => {
    stopped = true;
    unwatch();
  };
}
