// The page engine on the text reader page, with a way for React to hear
// that marks changed (to list the terms found).
import { ReaderLens } from '../../lib/reader/reader-lens';
import { followLook } from '../../lib/reader/reader-look';

export interface ScanLens {
  /** Null where the browser has no CSS Custom Highlight API. */
  lens: ReaderLens | null;
  subscribe(listener: () => void): () => void;
}

export function createScanLens(doc: Document): ScanLens {
  const listeners = new Set<() => void>();
  const win = doc.defaultView as Window & typeof globalThis;
  let lens: ReaderLens | null = null;
  if (ReaderLens.supported(win)) {
    const reader = new ReaderLens({
      doc,
      rootOnly: !import.meta.env.FIREFOX,
      onMarksChanged: () => {
        for (const l of listeners) l();
      },
    });
    followLook((look) => reader.setLook(look));
    lens = reader;
  }
  return {
    lens,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
