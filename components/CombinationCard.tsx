import { useId } from 'react';
import type { MixItem } from '../lib/combinations/check';
import { COMBINATIONS } from '../lib/combinations/data';
import type { CombinationsGeneral, Level, SignGroup } from '../lib/combinations/types';
import type { CrisisResources as CrisisData } from '../lib/glossary/crisis-resources';
import { CrisisResources } from './CrisisResources';
import { LevelBadge } from './LevelBadge';
import { LevelLegend } from './LevelLegend';
import { Sources } from './Sources';
import './styles.css';
import './combinations.css';

export interface CombinationCardProps {
  /** A record found for what the reader typed, or a name we have no record for. */
  item: MixItem;
  /** Level of the card heading (sections are one below). */
  headingLevel?: 2 | 3 | 4;
  /** Inside another card (an interaction entry): no crisis box, legend or standing notes of its own. */
  compact?: boolean;
  /** Show the crisis box on a Dangerous or Unsafe result (once per page of results: the first such card). */
  showCrisis?: boolean;
  general?: CombinationsGeneral;
  crisisData?: CrisisData | null;
  locales?: readonly string[];
}

/** Levels whose card shows the reader's crisis numbers. */
const URGENT: readonly Level[] = ['dangerous', 'unsafe'];

type H = 'h2' | 'h3' | 'h4' | 'h5';

function List({ title, items, headingTag }: { title: string; items: readonly string[]; headingTag: H }) {
  const id = useId();
  if (items.length === 0) return null;
  const Tag = headingTag;
  return (
    <section aria-labelledby={id}>
      <Tag id={id} className="kl-section-title">
        {title}
      </Tag>
      <ul>
        {items.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </section>
  );
}

function Signs({
  groups,
  general,
  headingTag,
  subTag,
}: {
  groups: readonly SignGroup[];
  general: CombinationsGeneral;
  headingTag: H;
  subTag: H;
}) {
  const id = useId();
  const Tag = headingTag;
  const Sub = subTag;
  const [call, naloxone] = general.firstAid;
  return (
    <section className="kl-combo-signs" aria-labelledby={id} data-signs={groups.join(' ')}>
      <Tag id={id} className="kl-section-title">
        Emergency signs
      </Tag>
      {call && <p>{call}</p>}
      {groups.map((g) => (
        <div key={g}>
          <Sub>{general.signs[g].title}</Sub>
          <ul>
            {general.signs[g].signs.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      ))}
      {naloxone && groups.includes('depressant') && <p>{naloxone}</p>}
    </section>
  );
}

/**
 * One "ketamine and X" result: the level as colour and words, why, what to
 * know, clinical notes, emergency signs with the reader's crisis numbers when
 * the level is Dangerous or Unsafe, sources and the date they were checked.
 */
export function CombinationCard({
  item,
  headingLevel = 3,
  compact = false,
  showCrisis = true,
  general = COMBINATIONS.general,
  crisisData,
  locales,
}: CombinationCardProps) {
  const headingId = useId();
  const Heading = `h${headingLevel}` as H;
  const sub = Math.min(headingLevel + 1, 5) as 3 | 4 | 5;
  const Sub = `h${sub}` as H;
  const SubSub = `h${Math.min(sub + 1, 5)}` as H;
  const record = item.kind === 'record' ? item.record : null;
  const level: Level = record ? record.level : 'unknown';
  const title = record ? `Ketamine and ${record.name}` : `Ketamine and “${item.query}”`;
  let matched = '';
  if (item.kind === 'record' && item.via) matched = `Shown because ${item.via} contains it.`;
  else if (item.kind === 'record' && item.how === 'typo')
    matched = `Showing ${item.name.text} for “${item.query}”.`;
  const signs = record?.signs ?? [];

  return (
    <article
      className="kl-card kl-combo"
      aria-labelledby={headingId}
      data-level={level}
      data-record-id={record?.id ?? 'unknown'}
    >
      <header className="kl-card-header">
        {!compact && (
          <Heading id={headingId} className="kl-combo-title">
            {title}
          </Heading>
        )}
        {compact && (
          <span id={headingId} className="kl-visually-hidden">
            {title}
          </span>
        )}
        {/* Compact cards sit under a summary that already shows the level. */}
        {!compact && (
          <p className="kl-combo-level">
            <LevelBadge level={level} />
            {!record && <span> — not known to be safe</span>}
          </p>
        )}
        {matched && <p className="kl-combo-matched">{matched}</p>}
      </header>
      {record?.levelNote && <p className="kl-combo-note">{record.levelNote}</p>}
      {record ? (
        <>
          <List title="Why" items={record.why} headingTag={Sub} />
          <List title="What to know" items={record.whatToKnow} headingTag={Sub} />
          <List title="On esketamine or ketamine treatment" items={record.clinical ?? []} headingTag={Sub} />
        </>
      ) : (
        <>
          <p>{general.unknown.why}</p>
          <List title="What to know about mixing" items={general.unknown.whatToKnow} headingTag={Sub} />
        </>
      )}
      {signs.length > 0 && <Signs groups={signs} general={general} headingTag={Sub} subTag={SubSub} />}
      {!record && general.firstAid[0] && <p className="kl-combo-note">{general.firstAid[0]}</p>}
      {!compact && showCrisis && URGENT.includes(level) && (
        <CrisisResources data={crisisData} locales={locales} headingLevel={sub === 5 ? 4 : sub} />
      )}
      {record && (
        <p className="kl-combo-basis">
          <strong>{record.levelBasis.kind === 'judgement' ? 'Our judgement: ' : 'How it is rated: '}</strong>
          {record.levelBasis.text}
        </p>
      )}
      <Sources
        sources={record ? record.sources : general.sources}
        reviewed={record ? record.reviewed : general.reviewed}
        headingTag={Sub}
      />
      {!compact && <LevelLegend legend={general.legend} />}
      {!compact &&
        general.standing.map((t) => (
          <p key={t} className="kl-combo-standing">
            {t}
          </p>
        ))}
    </article>
  );
}
