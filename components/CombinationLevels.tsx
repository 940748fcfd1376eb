import { useId } from 'react';
import { combinationById } from '../lib/combinations/data';
import type { CombinationRecord } from '../lib/combinations/types';
import { CombinationCard } from './CombinationCard';
import { LevelBadge } from './LevelBadge';
import { LevelLegend } from './LevelLegend';
import './combinations.css';

export interface CombinationLevelsProps {
  /** Record ids from the entry's `combinations`. */
  ids: readonly string[];
  lookup?: (id: string) => CombinationRecord | undefined;
}

/** An interaction entry's mixing levels, at the top of its card; each opens to its full result. */
export function CombinationLevels({ ids, lookup = combinationById }: CombinationLevelsProps) {
  const titleId = useId();
  const records = ids.map((id) => lookup(id)).filter((r): r is CombinationRecord => r !== undefined);
  if (records.length === 0) return null;
  return (
    <section className="kl-combo-levels" aria-labelledby={titleId}>
      <h3 id={titleId} className="kl-section-title">
        {records.length === 1 ? 'Mixing level' : 'Mixing levels'}
      </h3>
      <ul>
        {records.map((r) => (
          <li key={r.id} data-record-id={r.id}>
            <details>
              <summary>
                Ketamine and {r.name}
                <LevelBadge level={r.level} prefix=": " />
              </summary>
              <CombinationCard
                item={{
                  kind: 'record',
                  query: r.name,
                  record: r,
                  name: r.names[0] ?? { text: r.name, kind: 'class' },
                  how: 'exact',
                }}
                headingLevel={4}
                compact
              />
            </details>
          </li>
        ))}
      </ul>
      <LevelLegend />
    </section>
  );
}
