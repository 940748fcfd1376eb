import { type DocumentTerm, DocumentTerms } from '../../components/DocumentTerms';
import { entryById } from '../../lib/glossary/glossary';
import { entryId } from '../../lib/reader/reader-lens';
import type { ViewerSession, ViewerState } from './viewer-session';

/** Pages listed per term before "…". */
const MAX_PAGES_SHOWN = 6;

function pagesLabel(pages: readonly number[]): string {
  const shown = pages.slice(0, MAX_PAGES_SHOWN).join(', ');
  return `${pages.length === 1 ? 'page' : 'pages'} ${shown}${pages.length > MAX_PAGES_SHOWN ? ', …' : ''}`;
}

function noteOf(state: ViewerState, terms: number): string {
  if (state.pages === 0) return 'Terms appear here once a PDF is open.';
  if (state.pagesRead < state.pages) return `Reading pages… ${state.pagesRead} of ${state.pages}`;
  if (terms === 0) return 'No glossary terms found in this PDF.';
  return `${terms} ${terms === 1 ? 'term' : 'terms'} in ${state.pages} ${state.pages === 1 ? 'page' : 'pages'}`;
}

/** "In this PDF": every glossary term of the document, with counts and pages; a click opens it. */
export function TermsPanel({ state, session }: { state: ViewerState; session: ViewerSession }) {
  const terms = state.terms
    .map((t): DocumentTerm | null => {
      const id = entryId(t.entry);
      const entry = id ? entryById(id) : undefined;
      return id && entry ? { id, term: entry.term, count: t.count, where: pagesLabel(t.pages) } : null;
    })
    .filter((t) => t !== null);
  return (
    <DocumentTerms
      id="kl-pdf-terms"
      className="kl-pdf-terms"
      title="In this PDF"
      note={noteOf(state, terms.length)}
      terms={terms}
      onOpen={(id) => session.showTerm(id)}
    />
  );
}
