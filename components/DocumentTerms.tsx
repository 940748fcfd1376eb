import { useId } from 'react';
import './document-terms.css';

export interface DocumentTerm {
  id: string;
  term: string;
  count: number;
  /** Where it stands in the document, e.g. "pages 1, 4" (the PDF viewer). */
  where?: string;
}

export interface DocumentTermsProps {
  title: string;
  /** The list's state in words (loading, nothing found, a summary); shown above the list. */
  note?: string;
  terms: readonly DocumentTerm[];
  /** A term was chosen: open its popover. */
  onOpen: (id: string) => void;
  /** The page's own name for the panel, for its place in the layout. */
  className: string;
  id?: string;
}

/**
 * The glossary terms of a document the reader opened in one of our pages (the
 * PDF viewer's "In this PDF", the text reader's "Terms found"): name, count
 * and where, each a button. The panel itself is never marked.
 */
export function DocumentTerms({ title, note, terms, onOpen, className, id }: DocumentTermsProps) {
  const titleId = useId();
  return (
    <aside id={id} className={`kl-doc-terms ${className}`} aria-labelledby={titleId} data-ketamine-lens="off">
      <h2 id={titleId}>{title}</h2>
      {note && (
        <p className="kl-doc-terms-note" aria-live="polite">
          {note}
        </p>
      )}
      {terms.length > 0 && (
        <ul>
          {terms.map((t) => (
            <li key={t.id}>
              <button type="button" onClick={() => onOpen(t.id)}>
                <span className="kl-doc-term">{t.term}</span>
                <span className="kl-count" aria-hidden="true">
                  {t.count}
                </span>
                {t.where && <span className="kl-doc-term-where">{t.where}</span>}
                <span className="kl-visually-hidden">
                  , {t.count} {t.count === 1 ? 'time' : 'times'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
