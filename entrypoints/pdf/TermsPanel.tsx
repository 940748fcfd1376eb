import { entryById } from '../../lib/glossary/glossary';
import { entryId } from '../../lib/reader/reader-lens';
import type { ViewerSession, ViewerState } from './viewer-session';

/** Pages listed per term before "…". */
const MAX_PAGES_SHOWN = 6;

function pagesLabel(pages: readonly number[]): string {
  const shown = pages.slice(0, MAX_PAGES_SHOWN).join(', ');
  return `${pages.length === 1 ? 'page' : 'pages'} ${shown}${pages.length > MAX_PAGES_SHOWN ? ', …' : ''}`;
}

/** "In this PDF": every glossary term of the document, with counts and pages; a click opens it. */
export function TermsPanel({ state, session }: { state: ViewerState; session: ViewerSession }) {
  const reading = state.pages > 0 && state.pagesRead < state.pages;
  const rows = state.terms
    .map((t) => {
      const id = entryId(t.entry);
      const entry = id ? entryById(id) : undefined;
      return id && entry ? { id, term: entry.term, count: t.count, pages: t.pages } : null;
    })
    .filter((r) => r !== null);
  return (
    <aside id="kl-pdf-terms" className="kl-pdf-terms" aria-labelledby="kl-pdf-terms-title">
      <h2 id="kl-pdf-terms-title">In this PDF</h2>
      <p className="kl-pdf-note" aria-live="polite">
        {state.pages === 0
          ? 'Terms appear here once a PDF is open.'
          : reading
            ? `Reading pages… ${state.pagesRead} of ${state.pages}`
            : rows.length === 0
              ? 'No glossary terms found in this PDF.'
              : `${rows.length} ${rows.length === 1 ? 'term' : 'terms'} in ${state.pages} ${state.pages === 1 ? 'page' : 'pages'}`}
      </p>
      <ul>
        {rows.map((r) => (
          <li key={r.id}>
            <button type="button" onClick={() => session.showTerm(r.id)}>
              <span className="kl-pdf-term">{r.term}</span>
              <span className="kl-count" aria-hidden="true">
                {r.count}
              </span>
              <span className="kl-pdf-pages">{pagesLabel(r.pages)}</span>
              <span className="kl-visually-hidden">
                , {r.count} {r.count === 1 ? 'time' : 'times'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
