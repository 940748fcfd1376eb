import { useId } from 'react';
import {
  CRISIS_RESOURCES,
  type CrisisResources as CrisisData,
  type CrisisFallback,
  type CrisisRegion,
  type CrisisService,
  crisisChoice,
  emergencyNumbers,
  telHref,
} from '../lib/crisis-resources';
import './styles.css';

export interface CrisisResourcesProps {
  /** Defaults to the bundled, validated data/crisis-resources.json. */
  data?: CrisisData | null;
  /** Reader's language tags, most preferred first. Defaults to navigator.languages. */
  locales?: readonly string[];
  /** Heading level of the box title (the card's own heading is one above). */
  headingLevel?: 2 | 3 | 4;
}

function browserLocales(): string[] {
  if (typeof navigator === 'undefined') return [];
  const list = navigator.languages?.length ? [...navigator.languages] : [];
  if (navigator.language && !list.includes(navigator.language)) list.push(navigator.language);
  return list;
}

function isRegion(r: CrisisRegion | CrisisFallback): r is CrisisRegion {
  return 'code' in r;
}

function Emergency({ text }: { text: string }) {
  const numbers = emergencyNumbers(text);
  if (numbers.length === 0) return <>{text}</>;
  return (
    <>
      {numbers.map((n, i) => {
        const href = telHref(n);
        return (
          <span key={n}>
            {i > 0 ? ' or ' : ''}
            {href ? (
              <a className="kl-tel" href={href}>
                {n}
              </a>
            ) : (
              n
            )}
          </span>
        );
      })}
    </>
  );
}

function Service({ s }: { s: CrisisService }) {
  const tel = s.tel ? telHref(s.tel) : null;
  const sms = s.sms ? telHref(s.sms, 'sms') : null;
  return (
    <li className="kl-service">
      <span className="kl-service-name">
        {s.name}
        {s.hours && <span className="kl-service-hours"> · {s.hours}</span>}
      </span>
      <span className="kl-service-contact">{s.contact}</span>
      {(tel || sms || s.url) && (
        <span className="kl-service-actions">
          {tel && (
            <a className="kl-tel" href={tel}>
              Call {s.tel}
            </a>
          )}
          {sms && (
            <a className="kl-tel" href={sms}>
              Text {s.sms}
            </a>
          )}
          {s.url && (
            <a href={s.url} target="_blank" rel="noopener noreferrer">
              Website<span className="kl-visually-hidden"> (opens in a new tab)</span>
            </a>
          )}
        </span>
      )}
    </li>
  );
}

function RegionBlock({
  region,
  titleTag,
  title = region.name,
}: {
  region: CrisisRegion | CrisisFallback;
  titleTag?: 'h3' | 'h4' | 'h5';
  title?: string;
}) {
  const Title = titleTag;
  return (
    <div className="kl-region" data-region={isRegion(region) ? region.code : 'fallback'}>
      {Title && <Title className="kl-region-name">{title}</Title>}
      {region.emergency && (
        <p className="kl-emergency">
          In an emergency, call <Emergency text={region.emergency} />
        </p>
      )}
      {region.services.length > 0 && (
        <ul className="kl-services">
          {region.services.map((s) => (
            <Service key={`${s.name}|${s.contact}`} s={s} />
          ))}
        </ul>
      )}
      {region.note && <p className="kl-region-note">{region.note}</p>}
    </div>
  );
}

/**
 * Crisis lines for the reader's region (from the browser's language tags),
 * with every other region behind an "Other countries" disclosure.
 */
export function CrisisResources({
  data = CRISIS_RESOURCES,
  locales,
  headingLevel = 3,
}: CrisisResourcesProps) {
  const titleId = useId();
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const sub = (['h3', 'h4', 'h5'] as const)[headingLevel - 2] ?? 'h4';
  if (!data) {
    return (
      <section className="kl-crisis" aria-labelledby={titleId}>
        <Heading id={titleId} className="kl-crisis-title">
          Need help now?
        </Heading>
        <p>If you or someone else is in danger, call your local emergency number now.</p>
      </section>
    );
  }
  const { primary, others } = crisisChoice(locales ?? browserLocales(), data);
  return (
    <section className="kl-crisis" aria-labelledby={titleId}>
      <Heading id={titleId} className="kl-crisis-title">
        Need help now?{isRegion(primary) ? ` (${primary.name})` : ''}
      </Heading>
      <RegionBlock region={primary} />
      {others.length > 0 && (
        <details className="kl-other-regions">
          <summary>Other countries</summary>
          {others.map((r) => (
            <RegionBlock key={r.code} region={r} titleTag={sub} />
          ))}
          {isRegion(primary) && <RegionBlock region={data.fallback} titleTag={sub} title="Elsewhere" />}
        </details>
      )}
      {primary.sources.length > 0 && (
        <p className="kl-crisis-sources">
          Sources:{' '}
          {primary.sources.map((s, i) => (
            <span key={s.url}>
              {i > 0 ? '; ' : ''}
              <a href={s.url} target="_blank" rel="noopener noreferrer">
                {s.title}
              </a>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
