import { Fragment, type ReactNode, useId, useState } from 'react';
import {
  CRISIS_RESOURCES,
  type CrisisChoice,
  type CrisisResources as CrisisData,
  type CrisisNation,
  type CrisisRegion,
  type CrisisService,
  type CrisisSource,
  crisisChoice,
  DEFAULT_DIRECTORY,
  type HelplineDirectory,
  regionsByName,
  type ServiceKind,
  telHref,
} from '../lib/glossary/crisis-resources';
import './styles.css';
import './crisis.css';

export interface CrisisResourcesProps {
  /** Defaults to the bundled, validated data/crisis-resources.json. */
  data?: CrisisData | null;
  /**
   * Reader's language tags, most preferred first (crisisLocales() of the
   * settings: a chosen region comes first as "und-XX"). Defaults to navigator.languages.
   */
  locales?: readonly string[];
  /** Heading level of the box title (the card's own heading is one above). */
  headingLevel?: 2 | 3 | 4;
}

const KIND_LABELS: Record<ServiceKind, string> = {
  emergency: 'Emergency services',
  crisis: 'Crisis support',
  'young-people': 'Young people',
  health: 'Urgent health advice',
  poison: 'Poisoning advice',
  drugs: 'Drugs and alcohol',
};

/** Value of the picker's "not listed" option (region codes are two capitals, so it cannot clash). */
const NOT_LISTED = 'other';

function browserLocales(): string[] {
  if (typeof navigator === 'undefined') return [];
  const list = navigator.languages?.length ? [...navigator.languages] : [];
  if (navigator.language && !list.includes(navigator.language)) list.push(navigator.language);
  return list;
}

function NewTab({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="kl-visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}

/** "call 000 (from any phone) or 112 (from mobile phones)": each number a tel: link, printed as dialled. */
function Emergency({ region }: { region: CrisisRegion }) {
  const n = region.emergency.length;
  return (
    <p className="kl-emergency">
      In an emergency, call{' '}
      {region.emergency.map((e, i) => {
        const href = telHref(e.number);
        return (
          <Fragment key={e.number}>
            {i > 0 && (i === n - 1 ? ' or ' : ', ')}
            {href ? (
              <a className="kl-tel" href={href}>
                {e.number}
              </a>
            ) : (
              e.number
            )}{' '}
            <span className="kl-emergency-label">({e.label})</span>
          </Fragment>
        );
      })}
      .
    </p>
  );
}

function Service({ s }: { s: CrisisService }) {
  return (
    <li className="kl-service" data-kind={s.kind}>
      <span className="kl-service-name">
        {s.name} <span className="kl-service-kind">· {KIND_LABELS[s.kind]}</span>
      </span>
      {s.hours && <span className="kl-service-hours">Open: {s.hours}</span>}
      <span className="kl-service-contact">{s.contact}</span>
      <span className="kl-service-actions">
        {s.phones.map((p) => {
          const href = telHref(p.tel);
          return (
            <span key={`tel${p.tel}`} className="kl-dial">
              {p.label ? `${p.label}: ` : 'Call '}
              {href ? (
                <a className="kl-tel" href={href}>
                  {p.display}
                </a>
              ) : (
                p.display
              )}
            </span>
          );
        })}
        {s.texts.map((t) => {
          const href = telHref(t.sms, 'sms');
          return (
            <span key={`sms${t.sms}${t.keyword ?? ''}`} className="kl-dial">
              Text {t.keyword && <strong>{t.keyword}</strong>}
              {t.keyword && ' to '}
              {href ? (
                <a className="kl-tel" href={href}>
                  {t.display}
                </a>
              ) : (
                t.display
              )}
              {t.label && ` ${t.label}`}
            </span>
          );
        })}
        {s.links.map((l) => (
          <NewTab key={l.url + l.label} href={l.url}>
            {l.label}
          </NewTab>
        ))}
      </span>
    </li>
  );
}

function Services({ services }: { services: readonly CrisisService[] }) {
  if (services.length === 0) return null;
  return (
    <ul className="kl-services">
      {services.map((s) => (
        <Service key={s.name} s={s} />
      ))}
    </ul>
  );
}

/** UK nations: the browser cannot tell them apart, so each is its own disclosure. */
function Nations({ nations, region }: { nations: readonly CrisisNation[]; region: string }) {
  if (nations.length === 0) return null;
  return (
    <div className="kl-nations">
      <p className="kl-nations-intro">
        Some services differ across {region}, and your browser cannot tell which part you are in. Open yours:
      </p>
      {nations.map((n) => (
        <details key={n.code} className="kl-nation" data-nation={n.code}>
          <summary>{n.name}</summary>
          {n.note && <p className="kl-region-note">{n.note}</p>}
          <Services services={n.services} />
        </details>
      ))}
    </div>
  );
}

function Directories({ directories }: { directories: readonly HelplineDirectory[] }) {
  return (
    <>
      {directories.map((d, i) => (
        <Fragment key={d.url}>
          {i > 0 && (i === directories.length - 1 ? ' or ' : ', ')}
          <NewTab href={d.url}>{d.title}</NewTab>
          {d.description && ` (${d.description})`}
        </Fragment>
      ))}
    </>
  );
}

function RegionBlock({ region, directories }: { region: CrisisRegion; directories: HelplineDirectory[] }) {
  return (
    <div className="kl-region" data-region={region.code}>
      <Emergency region={region} />
      {region.emergencyNote && <p className="kl-region-note">{region.emergencyNote}</p>}
      <Services services={region.services} />
      {region.note && <p className="kl-region-note">{region.note}</p>}
      <Nations nations={region.nations} region={region.name} />
      {/* The locale says where the reader is from, not where they are. */}
      <p className="kl-elsewhere">
        Somewhere else? Call the local emergency number. Helplines in other countries:{' '}
        <Directories directories={directories.slice(0, 1)} />.
      </p>
    </div>
  );
}

/** No region, so no number: a number shown to every unlisted country would be wrong for most of them. */
function FallbackBlock({ directories }: { directories: HelplineDirectory[] }) {
  return (
    <div className="kl-region kl-fallback" data-region="fallback">
      <p className="kl-emergency">If you or someone else is in danger, call your local emergency number.</p>
      <p>
        Find a helpline in your country: <Directories directories={directories} />.
      </p>
    </div>
  );
}

function allSources(region: CrisisRegion): CrisisSource[] {
  const seen = new Map<string, CrisisSource>();
  const add = (list: readonly CrisisSource[]) => {
    for (const s of list) if (!seen.has(s.url)) seen.set(s.url, s);
  };
  add(region.sources);
  for (const s of region.services) add(s.sources);
  for (const n of region.nations) {
    add(n.sources);
    for (const s of n.services) add(s.sources);
  }
  return [...seen.values()];
}

function basis(choice: CrisisChoice, shown: CrisisRegion | null, pickedHere: boolean): string {
  if (pickedHere) {
    return shown
      ? `Numbers for ${shown.name}, chosen here. To keep this choice, set it in the extension's settings.`
      : '';
  }
  if (shown && choice.from === 'setting') return `Numbers for ${shown.name}, the country chosen in settings.`;
  if (shown) {
    return `Numbers for ${shown.name}, suggested from your browser's language. It may not be where you are: change it below.`;
  }
  if (choice.from === 'setting') return 'We have no checked numbers yet for the country chosen in settings.';
  return 'We could not tell which country you are in.';
}

/**
 * Crisis lines for the reader's region: their choice in settings, else a
 * suggestion from the browser's language tags, else (unknown or unlisted) no
 * number at all, only "call your local emergency number" and a helpline
 * directory. A picker shows any other listed region.
 */
export function CrisisResources({
  data = CRISIS_RESOURCES,
  locales,
  headingLevel = 3,
}: CrisisResourcesProps) {
  const titleId = useId();
  const pickerId = useId();
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const tags = locales ?? browserLocales();
  const choice: CrisisChoice = data
    ? crisisChoice(tags, data)
    : { region: null, from: null, chosenCode: null };
  // A region picked in this box, for the tags it was picked under (a new setting wins).
  const [picked, setPicked] = useState<{ tags: string; code: string } | null>(null);
  const pickedHere = picked !== null && picked.tags === tags.join();
  const shown = pickedHere
    ? (data?.regions.find((r) => r.code === picked.code) ?? null)
    : (choice.region ?? null);
  const directories = data?.fallback.directories.length ? data.fallback.directories : [DEFAULT_DIRECTORY];
  const sources = shown ? allSources(shown) : [];
  const regions = regionsByName(data ?? null);
  const note = basis(choice, shown, pickedHere);

  return (
    <section className="kl-crisis" aria-labelledby={titleId} data-showing={shown?.code ?? 'fallback'}>
      <Heading id={titleId} className="kl-crisis-title">
        Need help now?{shown ? ` (${shown.name})` : ''}
      </Heading>
      {shown ? (
        <RegionBlock region={shown} directories={directories} />
      ) : (
        <FallbackBlock directories={directories} />
      )}
      {note && <p className="kl-crisis-basis">{note}</p>}
      {regions.length > 0 && (
        <p className="kl-crisis-picker">
          <label htmlFor={pickerId}>Show numbers for </label>
          <select
            id={pickerId}
            value={shown?.code ?? NOT_LISTED}
            onChange={(e) => setPicked({ tags: tags.join(), code: e.currentTarget.value })}
          >
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
            <option value={NOT_LISTED}>Another country (not listed)</option>
          </select>
        </p>
      )}
      {sources.length > 0 && (
        <details className="kl-crisis-sources">
          <summary>Sources for these numbers</summary>
          <ul>
            {sources.map((s) => (
              <li key={s.url}>
                <NewTab href={s.url}>{s.title}</NewTab>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
