import { useId } from 'react';
import type { PairFinding } from '../lib/combinations/check';
import { LevelBadge } from './LevelBadge';
import './combinations.css';

export interface CombinationPairsProps {
  pairs: readonly PairFinding[];
  headingLevel?: 2 | 3;
}

/** Pairs between the other substances entered (lithium with LSD, an MAOI with MDMA), worst first. */
export function CombinationPairs({ pairs, headingLevel = 3 }: CombinationPairsProps) {
  const id = useId();
  if (pairs.length === 0) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section
      className="kl-card kl-combo kl-combo-pairs"
      aria-labelledby={id}
      data-level={pairs[0]?.pair.level}
    >
      <Heading id={id} className="kl-combo-title">
        Between the other substances
      </Heading>
      <ul>
        {pairs.map(({ pair, a, b }) => (
          <li key={`${pair.a}|${pair.b}`} data-pair={`${pair.a}+${pair.b}`}>
            <span className="kl-combo-pair-names">
              {a.name} + {b.name}
            </span>
            <LevelBadge level={pair.level} prefix=": " /> <span>{pair.why}</span>{' '}
            {pair.sources.map((s, i) => (
              <a key={s.url} href={s.url} target="_blank" rel="noopener noreferrer">
                {`Source${pair.sources.length > 1 ? ` ${i + 1}` : ''}`}
                <span className="kl-visually-hidden">: {s.title} (opens in a new tab)</span>
              </a>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
