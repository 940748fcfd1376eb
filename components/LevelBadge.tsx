import { LEVEL_LABELS, type Level } from '../lib/combinations/types';
import './combinations.css';

export interface LevelBadgeProps {
  level: Level;
  /** Read before the level by screen readers (the badge itself shows only the word). */
  prefix?: string;
}

/** A level as colour and words: the word is always there, so colour never carries it alone. */
export function LevelBadge({ level, prefix = 'Risk level: ' }: LevelBadgeProps) {
  return (
    <span className={`kl-level kl-level--${level}`} data-level={level}>
      {prefix && <span className="kl-visually-hidden">{prefix}</span>}
      {LEVEL_LABELS[level]}
    </span>
  );
}
