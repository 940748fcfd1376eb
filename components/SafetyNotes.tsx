import { useId } from 'react';
import type { SafetyNote, Severity } from '../lib/glossary/types';
import './styles.css';

const ORDER: Record<Severity, number> = { danger: 0, caution: 1, info: 2 };

/** Words, not colour alone, carry the severity (WCAG 1.4.1). */
export const SEVERITY_LABELS: Record<Severity, string> = {
  danger: 'Danger',
  caution: 'Caution',
  info: 'Good to know',
};

export interface SafetyNotesProps {
  notes: readonly SafetyNote[];
  /** Level of the "Safety" heading (default 3). */
  headingLevel?: 2 | 3;
}

/** Safety notes, most severe first (stable within a severity). */
export function SafetyNotes({ notes, headingLevel = 3 }: SafetyNotesProps) {
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (notes.length === 0) return null;
  const sorted = notes
    .map((note, i) => ({ note, i }))
    .sort((a, b) => ORDER[a.note.severity] - ORDER[b.note.severity] || a.i - b.i);
  return (
    <section className="kl-safety" aria-labelledby={headingId}>
      <Heading id={headingId} className="kl-section-title">
        Safety
      </Heading>
      <ul className="kl-safety-list">
        {sorted.map(({ note, i }) => (
          <li key={i} className={`kl-note kl-note--${note.severity}`} data-severity={note.severity}>
            <span className="kl-note-label">{SEVERITY_LABELS[note.severity]}</span>{' '}
            <span className="kl-note-text">{note.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
