import { type RefObject, useEffect } from 'react';
import type { ViewerSession } from './viewer-session';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * A PDF viewer's keys: Ctrl/⌘+F finds in the whole PDF (the browser's own
 * find sees only rendered pages), Ctrl/⌘ with + − 0 zooms the PDF rather than
 * the page, and N/P or J/K move by page, as in pdf.js's viewer.
 */
export function useViewerKeys(session: ViewerSession, findRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (session.getState().phase.kind !== 'ready') return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey) {
        const action: Record<string, () => void> = {
          f: () => {
            findRef.current?.focus();
            findRef.current?.select();
          },
          '=': () => session.zoom(1),
          '+': () => session.zoom(1),
          '-': () => session.zoom(-1),
          '0': () => session.setScale('auto'),
        };
        const run = action[e.key.toLowerCase()];
        if (run) {
          e.preventDefault();
          run();
        }
        return;
      }
      if (e.altKey || typing(e.target)) return;
      const { page } = session.getState();
      if (e.key === 'n' || e.key === 'j') session.goToPage(page + 1);
      else if (e.key === 'p' || e.key === 'k') session.goToPage(page - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, findRef]);
}
