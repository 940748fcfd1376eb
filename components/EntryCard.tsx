import { type KeyboardEvent, useId } from 'react';
import type { CrisisResources as CrisisData } from '../lib/glossary/crisis-resources';
import { entryById } from '../lib/glossary/glossary';
import { CATEGORY_LABELS, type GlossaryEntry } from '../lib/glossary/types';
import { CombinationLevels } from './CombinationLevels';
import { CrisisResources } from './CrisisResources';
import { InteractionsTable } from './InteractionsTable';
import { SafetyNotes } from './SafetyNotes';
import { Sources } from './Sources';
import './styles.css';

export const NOT_ADVICE = 'Not medical advice — talk to a clinician about your own situation.';

export interface EntryCardProps {
  entry: GlossaryEntry;
  /** id for the term heading; the card (and a surrounding dialog) can point aria-labelledby at it. */
  headingId: string;
  /** A related term was chosen. */
  onNavigate: (id: string) => void;
  /** Shown as a "Back" button when given (after related-term navigation, or back to a list). */
  onBack?: () => void;
  /** Text of the back button, e.g. "Back to K-hole". */
  backLabel?: string;
  /** "Search the glossary" action, when given. */
  onSearch?: () => void;
  /** "Turn off on this site" action, when given. */
  onTurnOffSite?: () => void;
  /** Esc pressed inside the card (the popover closes; the popup returns to its list). */
  onEscape?: () => void;
  /** Heading level of the term (default 2). Section headings are one level below. */
  headingLevel?: 1 | 2;
  /** Resolves related ids; defaults to the bundled glossary. */
  lookup?: (id: string) => GlossaryEntry | undefined;
  /** Crisis data and reader's language tags; default to the bundled data and navigator.languages. */
  crisisData?: CrisisData | null;
  locales?: readonly string[];
}

/**
 * One glossary entry: the same card in the popup and in the page popover.
 * Holds no state of its own; everything it can do goes out through props.
 */
export function EntryCard({
  entry,
  headingId,
  onNavigate,
  onBack,
  backLabel = 'Back',
  onSearch,
  onTurnOffSite,
  onEscape,
  headingLevel = 2,
  lookup = entryById,
  crisisData,
  locales,
}: EntryCardProps) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const sub = headingLevel === 1 ? 2 : 3;
  const Sub = sub === 2 ? 'h2' : 'h3';
  const relatedId = useId();
  const related = entry.related
    .map((id) => lookup(id))
    .filter((e): e is GlossaryEntry => e !== undefined && e.id !== entry.id);
  // Where the entry is about crisis or a mental-health condition, help comes
  // straight after the definition; elsewhere (overdose, mixing, K-hole) it
  // follows the safety notes that tell the reader when to call.
  const crisisFirst = entry.category === 'support' || entry.category === 'conditions';
  const crisis = entry.crisis ? (
    <CrisisResources data={crisisData} locales={locales} headingLevel={sub} />
  ) : null;

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.key === 'Escape' && onEscape && !e.defaultPrevented) {
      e.preventDefault();
      e.stopPropagation();
      onEscape();
    }
  }

  return (
    <article className="kl-card" aria-labelledby={headingId} onKeyDown={onKeyDown} data-entry-id={entry.id}>
      {onBack && (
        <button type="button" className="kl-back" onClick={onBack}>
          <span aria-hidden="true">← </span>
          {backLabel}
        </button>
      )}
      <header className="kl-card-header">
        <Heading id={headingId} className="kl-term">
          {entry.term}
        </Heading>
        <p className="kl-category">{CATEGORY_LABELS[entry.category]}</p>
      </header>
      <p className="kl-short">{entry.short}</p>
      {/* Interaction entries: the checker's level for each combination, near the top. */}
      {entry.combinations && entry.combinations.length > 0 && <CombinationLevels ids={entry.combinations} />}
      {crisisFirst && crisis}
      <p className="kl-explanation">{entry.explanation}</p>
      {entry.senseNote && <p className="kl-sense-note">{entry.senseNote}</p>}
      {entry.uncertain && (
        <p className="kl-uncertain">
          <strong>Less certain: </strong>
          {entry.uncertain}
        </p>
      )}
      <SafetyNotes notes={entry.safety} headingLevel={sub} />
      {!crisisFirst && crisis}
      {entry.interactions && entry.interactions.length > 0 && (
        <InteractionsTable interactions={entry.interactions} />
      )}
      {related.length > 0 && (
        <nav className="kl-related" aria-labelledby={relatedId}>
          <Sub id={relatedId} className="kl-section-title">
            Related terms
          </Sub>
          <ul>
            {related.map((r) => (
              <li key={r.id}>
                <button type="button" className="kl-chip" onClick={() => onNavigate(r.id)}>
                  {r.term}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Sources sources={entry.sources} reviewed={entry.reviewed} headingTag={Sub} />
      {(onSearch || onTurnOffSite) && (
        <div className="kl-actions">
          {onSearch && (
            <button type="button" className="kl-action" onClick={onSearch}>
              Search the glossary
            </button>
          )}
          {onTurnOffSite && (
            <button type="button" className="kl-action" onClick={onTurnOffSite}>
              Turn off on this site
            </button>
          )}
        </div>
      )}
      <p className="kl-disclaimer">{NOT_ADVICE}</p>
    </article>
  );
}
