import { COMBINATIONS } from '../lib/combinations/data';
import { LEVELS, type Level } from '../lib/combinations/types';
import { LevelBadge } from './LevelBadge';
import './combinations.css';

export interface LevelLegendProps {
  /** One line per level; defaults to the bundled data. */
  legend?: Record<Level, string>;
}

/** The scale, behind a disclosure so every card can reach it without growing. */
export function LevelLegend({ legend = COMBINATIONS.general.legend }: LevelLegendProps) {
  return (
    <details className="kl-level-legend">
      <summary>What the levels mean</summary>
      <dl>
        {LEVELS.map((level) => (
          <div key={level} style={{ display: 'contents' }}>
            <dt>
              <LevelBadge level={level} prefix="" />
            </dt>
            <dd>{legend[level]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
