import { useId } from 'react';
import type { Source } from '../lib/glossary/types';
import { reviewedOn } from './reviewed-on';

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The sources a card was checked against (https links only, each opening in a
 * new tab without opener or referrer) and the date they were checked.
 * Renders nothing when no https source is left.
 */
export function Sources({
  sources,
  reviewed,
  headingTag: Tag,
}: {
  sources: readonly Source[];
  /** ISO date the text was last checked against its sources. */
  reviewed: string;
  headingTag: 'h2' | 'h3' | 'h4' | 'h5';
}) {
  const id = useId();
  const https = sources.filter((s) => isHttps(s.url));
  if (https.length === 0) return null;
  return (
    <section className="kl-sources" aria-labelledby={id}>
      <Tag id={id} className="kl-section-title">
        Sources
      </Tag>
      <ol>
        {https.map((s) => (
          <li key={`${s.url}|${s.title}`}>
            <a href={s.url} target="_blank" rel="noopener noreferrer">
              {s.title}
              <span className="kl-visually-hidden"> (opens in a new tab)</span>
            </a>
          </li>
        ))}
      </ol>
      <p className="kl-reviewed">
        Checked against these sources on <time dateTime={reviewed}>{reviewedOn(reviewed)}</time>.
      </p>
    </section>
  );
}
