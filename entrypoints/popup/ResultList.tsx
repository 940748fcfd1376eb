import type { ReactNode } from 'react';
import { Highlighted } from '../../components/Highlighted';
import { LevelBadge } from '../../components/LevelBadge';
import { combinationById } from '../../lib/combinations/data';
import type { CombinationRecord } from '../../lib/combinations/types';
import type { CategoryGroup, SearchResult } from '../../lib/search/search';
import type { CombinationHint } from '../../lib/search/types';
import './result-list.css';

export interface ResultListProps {
  id: string;
  mode: 'browse' | 'results' | 'suggestions';
  results: readonly SearchResult[];
  groups: readonly CategoryGroup[];
  activeId: string | undefined;
  /** Id of the visible label; without it the listbox is labelled "Search results". */
  labelledBy?: string;
  optionDomId: (entryId: string) => string;
  onActivate: (entryId: string) => void;
  onChoose: (entryId: string) => void;
}

/**
 * The checker's level for each substance a query like "ketamine and alcohol"
 * names, under the interaction entry that covers it; read as part of the option.
 */
function MixLevels({ hint }: { hint: CombinationHint }) {
  const records = hint.records
    .map((id) => combinationById(id))
    .filter((r): r is CombinationRecord => r !== undefined);
  if (records.length === 0) return null;
  return (
    <span className="kl-option-mix">
      {records.map((r) => (
        <span key={r.id} data-record-id={r.id}>
          Ketamine and {r.name}
          <LevelBadge level={r.level} prefix=": " />
        </span>
      ))}
    </span>
  );
}

/**
 * The combobox's listbox. Focus stays in the search box (aria-activedescendant
 * points here), so options are not focusable and a mouse press must not move
 * focus away from the box.
 */
export function ResultList(props: ResultListProps) {
  const { id, mode, results, groups, activeId, labelledBy, optionDomId, onActivate, onChoose } = props;

  const option = (entryId: string, content: ReactNode, extra?: string) => (
    // biome-ignore lint/a11y: APG combobox listbox; focus stays in the input (aria-activedescendant), so options are not focusable and keys are handled there
    <div
      key={entryId}
      id={optionDomId(entryId)}
      role="option"
      aria-selected={entryId === activeId}
      className={`kl-option${entryId === activeId ? ' kl-option--active' : ''}${extra ? ` ${extra}` : ''}`}
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={() => entryId !== activeId && onActivate(entryId)}
      onClick={() => onChoose(entryId)}
    >
      {content}
    </div>
  );

  if (mode === 'browse') {
    return (
      <div id={id} role="listbox" className="kl-listbox" aria-labelledby={labelledBy}>
        {groups.map((g) => (
          <div key={g.category} role="presentation">
            {/* biome-ignore lint/a11y: APG grouped listbox: role=group labelled by its first item */}
            <div role="group" aria-labelledby={`${id}-${g.category}`} className="kl-group">
              <div role="presentation" id={`${id}-${g.category}`} className="kl-group-label">
                {g.label}
              </div>
              {g.entries.map((e) =>
                option(e.id, <span className="kl-option-term">{e.term}</span>, 'kl-option--compact'),
              )}
            </div>
          </div>
        ))}
      </div>
    );
  }

  return (
    <div
      id={id}
      role="listbox"
      className="kl-listbox"
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : 'Search results'}
    >
      {results.map((r) => {
        const termHit = r.field === 'term';
        const aliasHit = r.field === 'alias' && r.matchedText;
        const shortHit = r.field === 'short';
        return option(
          r.entry.id,
          <>
            <span className="kl-option-term">
              {termHit ? <Highlighted text={r.entry.term} indices={r.indices} /> : r.entry.term}
            </span>
            {aliasHit && (
              <span className="kl-option-alias">
                also <Highlighted text={r.matchedText ?? ''} indices={r.indices} />
              </span>
            )}
            <span className="kl-option-short">
              {shortHit ? <Highlighted text={r.entry.short} indices={r.indices} /> : r.entry.short}
            </span>
            {r.combination && <MixLevels hint={r.combination} />}
          </>,
        );
      })}
    </div>
  );
}
