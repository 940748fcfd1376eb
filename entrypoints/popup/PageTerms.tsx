import { type ReactNode, useId } from 'react';
import type { GlossaryEntry } from '../../lib/glossary/types';
import type { PageState } from '../../lib/messages';

export type PageView =
  | { kind: 'loading' }
  | { kind: 'state'; state: PageState }
  /** The URL is one extensions may not touch (browser pages, web stores). */
  | { kind: 'unsupported' }
  /** No content script answered (page open since before install, or a restricted page). */
  | { kind: 'unreachable' };

export interface PageTermsProps {
  view: PageView;
  lookup: (id: string) => GlossaryEntry | undefined;
  onReveal: (id: string) => void;
  /** 'panel': a reading guide — terms in the order they first appear, each with its short line. */
  layout?: 'popup' | 'panel';
}

/** "On this page": the glossary terms found in the active tab, most frequent first (the panel: page order). */
export function PageTerms({ view, lookup, onReveal, layout = 'popup' }: PageTermsProps) {
  const panel = layout === 'panel';
  const titleId = useId();
  let body: ReactNode;
  if (view.kind === 'loading') {
    body = <p className="kl-status">Looking at this page…</p>;
  } else if (view.kind === 'unsupported' || (view.kind === 'state' && view.state.state === 'unsupported')) {
    body = (
      <p className="kl-status">
        Ketamine Lens can’t run on this page. Browsers keep extensions out of their own pages and extension
        stores.
      </p>
    );
  } else if (view.kind === 'unreachable') {
    body = (
      <p className="kl-status">
        Ketamine Lens can’t read this page. If it was open before Ketamine Lens was installed or updated,
        reload it.
      </p>
    );
  } else if (view.state.state === 'off') {
    body =
      view.state.reason === 'global' ? (
        <p className="kl-status">
          Ketamine Lens is off everywhere. Turn on “Everywhere” below to mark terms.
        </p>
      ) : (
        <p className="kl-status">
          Ketamine Lens is off for this site. Turn on “On this site” below to mark terms here.
        </p>
      );
  } else if (view.state.state === 'on') {
    const terms = view.state.terms
      .map((t) => ({ ...t, entry: lookup(t.id) }))
      .filter((t): t is typeof t & { entry: GlossaryEntry } => t.entry !== undefined && t.count > 0)
      // The content script lists terms in reading order; the popup wants the most frequent first.
      .sort((a, b) => (panel ? 0 : b.count - a.count || a.entry.term.localeCompare(b.entry.term)));
    body =
      terms.length === 0 ? (
        <p className="kl-status">No glossary terms found on this page.</p>
      ) : (
        <ul className="kl-page-terms">
          {terms.map((t) => (
            <li key={t.id}>
              <button type="button" className="kl-page-term" onClick={() => onReveal(t.id)}>
                <span className="kl-page-term-name">{t.entry.term}</span>
                {panel && t.entry.safety.some((n) => n.severity === 'danger') && (
                  <span className="kl-page-term-safety">Safety</span>
                )}
                <span className="kl-count" aria-hidden="true">
                  {t.count}
                </span>
                <span className="kl-visually-hidden">
                  , {t.count} {t.count === 1 ? 'time' : 'times'}
                </span>
                {panel && <span className="kl-page-term-short">{t.entry.short}</span>}
              </button>
            </li>
          ))}
        </ul>
      );
  }
  return (
    <section className="kl-page" aria-labelledby={titleId} aria-busy={view.kind === 'loading'}>
      <h2 id={titleId} className="kl-section-title">
        On this page
      </h2>
      {body}
    </section>
  );
}
