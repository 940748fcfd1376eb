import { type KeyboardEvent, type RefObject, useEffect, useState } from 'react';
import type { ViewerSession, ViewerState } from './viewer-session';

const PRESETS: [string, string][] = [
  ['auto', 'Automatic'],
  ['page-fit', 'Page fit'],
  ['page-width', 'Page width'],
  ['0.5', '50%'],
  ['0.75', '75%'],
  ['1', '100%'],
  ['1.25', '125%'],
  ['1.5', '150%'],
  ['2', '200%'],
  ['3', '300%'],
  ['4', '400%'],
];

export interface ToolbarProps {
  session: ViewerSession;
  state: ViewerState;
  findRef: RefObject<HTMLInputElement | null>;
  onOpenFile(): void;
  panelOpen: boolean;
  onTogglePanel(): void;
}

function findStatus(state: ViewerState): string {
  const f = state.find;
  if (!f) return '';
  if (f.state === 3) return 'Searching…';
  if (f.state === 1) return 'Not found';
  return f.total ? `${f.current} of ${f.total}` : '';
}

/** Open, pages, zoom, find and terms: what a reader expects from a PDF viewer. */
export function Toolbar({ session, state, findRef, onOpenFile, panelOpen, onTogglePanel }: ToolbarProps) {
  const ready = state.phase.kind === 'ready';
  const [pageText, setPageText] = useState(String(state.page));
  const [query, setQuery] = useState('');
  useEffect(() => setPageText(String(state.page)), [state.page]);

  const zoomValue = state.preset ?? String(Math.round(state.scale * 100) / 100);
  const listed = PRESETS.some(([v]) => v === zoomValue);

  const goToTyped = () => {
    const n = Number.parseInt(pageText, 10);
    if (Number.isInteger(n) && n >= 1 && n <= state.pages) session.goToPage(n);
    else setPageText(String(state.page));
  };

  const onFindKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      session.find(query, { again: true, previous: e.shiftKey });
    } else if (e.key === 'Escape') {
      setQuery('');
      session.endFind();
    }
  };

  return (
    <header className="kl-pdf-toolbar">
      <button type="button" onClick={onOpenFile}>
        Open a PDF…
      </button>
      <fieldset className="kl-pdf-group">
        <legend className="kl-visually-hidden">Pages</legend>
        <button
          type="button"
          aria-label="Previous page"
          disabled={!ready || state.page <= 1}
          onClick={() => session.goToPage(state.page - 1)}
        >
          ‹
        </button>
        <input
          className="kl-pdf-page"
          aria-label="Page"
          inputMode="numeric"
          value={pageText}
          disabled={!ready}
          onChange={(e) => setPageText(e.target.value)}
          onBlur={goToTyped}
          onKeyDown={(e) => {
            if (e.key === 'Enter') goToTyped();
          }}
        />
        <span className="kl-pdf-of">of {state.pages || '–'}</span>
        <button
          type="button"
          aria-label="Next page"
          disabled={!ready || state.page >= state.pages}
          onClick={() => session.goToPage(state.page + 1)}
        >
          ›
        </button>
      </fieldset>
      <fieldset className="kl-pdf-group">
        <legend className="kl-visually-hidden">Zoom</legend>
        <button type="button" aria-label="Zoom out" disabled={!ready} onClick={() => session.zoom(-1)}>
          −
        </button>
        <select
          aria-label="Zoom"
          value={zoomValue}
          disabled={!ready}
          onChange={(e) => session.setScale(e.target.value)}
        >
          {!listed && <option value={zoomValue}>{Math.round(state.scale * 100)}%</option>}
          {PRESETS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="button" aria-label="Zoom in" disabled={!ready} onClick={() => session.zoom(1)}>
          +
        </button>
      </fieldset>
      <search className="kl-pdf-group kl-pdf-find">
        <input
          ref={findRef}
          type="search"
          aria-label="Find in the PDF"
          placeholder="Find in PDF"
          value={query}
          disabled={!ready}
          onChange={(e) => {
            setQuery(e.target.value);
            session.find(e.target.value);
          }}
          onKeyDown={onFindKey}
        />
        <span className="kl-pdf-find-status" aria-live="polite">
          {findStatus(state)}
        </span>
      </search>
      <div className="kl-pdf-group kl-pdf-end">
        <button
          type="button"
          disabled={!ready || state.terms.length === 0}
          onClick={() => session.nextTerm()}
          title="Alt+Shift+K"
        >
          Next term
        </button>
        <button type="button" aria-expanded={panelOpen} aria-controls="kl-pdf-terms" onClick={onTogglePanel}>
          Terms{state.terms.length ? ` (${state.terms.length})` : ''}
        </button>
      </div>
    </header>
  );
}
