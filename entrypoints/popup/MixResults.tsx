import { CombinationCard } from '../../components/CombinationCard';
import { CombinationPairs } from '../../components/CombinationPairs';
import { LevelBadge } from '../../components/LevelBadge';
import type { MixResult } from '../../lib/combinations/check';

export interface MixResultsProps {
  result: MixResult;
  locales?: readonly string[];
}

/** Results of one check: the highest level, pairs between the other substances, then each card worst first. */
export function MixResults({ result, locales }: MixResultsProps) {
  const { items, pairs, worst } = result;
  if (items.length === 0 || !worst) {
    return <p className="kl-list-note">Type a substance to mix with ketamine, for example alcohol.</p>;
  }
  // One crisis box is enough: on the first Dangerous or Unsafe card.
  const firstUrgent = items.findIndex(
    (i) => i.kind === 'record' && (i.record.level === 'dangerous' || i.record.level === 'unsafe'),
  );
  return (
    <div className="kl-mix-results" data-worst={worst}>
      {(items.length > 1 || pairs.length > 0) && (
        <p className="kl-mix-summary">
          Highest level here: <LevelBadge level={worst} prefix="" />
        </p>
      )}
      <CombinationPairs pairs={pairs} />
      {items.map((item, i) => (
        <CombinationCard
          key={item.kind === 'record' ? item.record.id : `unknown-${item.query}`}
          item={item}
          headingLevel={3}
          showCrisis={i === firstUrgent}
          locales={locales}
        />
      ))}
    </div>
  );
}
