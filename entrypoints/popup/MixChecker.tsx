import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { checkMix, lastPart, type MixResult } from '../../lib/combinations/check';
import { COMBINATIONS, combinationById } from '../../lib/combinations/data';
import { createNameIndex, type NameHit } from '../../lib/combinations/lookup';
import { LEVEL_LABELS } from '../../lib/combinations/types';
import { MixResults } from './MixResults';
import './mix-checker.css';

export interface MixCheckerProps {
  /** Crisis-box locales, as the popup computes them from settings. */
  locales?: readonly string[];
  hidden?: boolean;
}

const LABEL = 'Mix ketamine with…';

function announce(result: MixResult): string {
  const parts = result.items.map((i) =>
    i.kind === 'record' ? `${i.record.name}: ${LEVEL_LABELS[i.record.level]}` : `${i.query}: Unknown`,
  );
  if (result.pairs.length > 0)
    parts.push(
      `${result.pairs.length} ${result.pairs.length === 1 ? 'pair' : 'pairs'} between the other substances`,
    );
  return parts.join('. ');
}

/**
 * "Ketamine and …?": a combobox over every name (typos allowed); Enter shows
 * the result cards. Several substances can be typed at once ("alcohol, xanax").
 */
export function MixChecker({ locales, hidden }: MixCheckerProps) {
  const index = useMemo(() => createNameIndex(COMBINATIONS.records), []);
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<MixResult | null>(null);
  const [said, setSaid] = useState('');
  // Collapsed on the first screen: one line there, and the glossary search stays the only box.
  const [expanded, setExpanded] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (expanded) inputRef.current?.focus();
  }, [expanded]);
  const uid = useId();
  const inputId = `${uid}-input`;
  const listId = `${uid}-list`;
  const hintId = `${uid}-hint`;
  const optionId = (i: number) => `${uid}-opt-${i}`;

  const { head, tail } = lastPart(text);
  const options: NameHit[] = useMemo(() => (tail ? index.suggest(tail, 8) : []), [index, tail]);
  const listShown = open && options.length > 0;

  function run(value: string) {
    const r = checkMix(value, index, COMBINATIONS.pairs, combinationById);
    setResult(r);
    setOpen(false);
    setActive(-1);
    setSaid(r.items.length ? announce(r) : 'Type a substance first.');
  }

  function choose(hit: NameHit) {
    const value = `${head}${hit.name.text}`;
    setText(value);
    run(value);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (options.length === 0) return;
      e.preventDefault();
      setOpen(true);
      const n = options.length;
      setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : a <= 0 ? n - 1 : a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = listShown && active >= 0 ? options[active] : undefined;
      if (hit) choose(hit);
      else run(text);
    } else if (e.key === 'Escape') {
      // Close the list first, then fold the checker away on an empty box; after that Esc is the browser's (it closes the popup).
      if (listShown) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        setActive(-1);
      } else if (!text) {
        e.preventDefault();
        e.stopPropagation();
        setExpanded(false);
        setResult(null);
        toggleRef.current?.focus();
      }
    }
  }

  return (
    <section className="kl-mix" aria-labelledby={`${uid}-title`} hidden={hidden}>
      <h2 id={`${uid}-title`} className="kl-section-title kl-list-title">
        Combinations
      </h2>
      <button
        ref={toggleRef}
        type="button"
        className="kl-action kl-mix-toggle"
        aria-expanded={expanded}
        aria-controls={`${uid}-panel`}
        onClick={() => setExpanded((x) => !x)}
      >
        {LABEL}
      </button>
      {expanded && (
        <div id={`${uid}-panel`} className="kl-mix-panel">
          <div className="kl-mix-row">
            <label htmlFor={inputId} className="kl-visually-hidden">
              {LABEL}
            </label>
            <input
              ref={inputRef}
              id={inputId}
              className="kl-search kl-mix-input"
              type="text"
              role="combobox"
              aria-expanded={listShown}
              aria-controls={listShown ? listId : undefined}
              aria-autocomplete="list"
              aria-activedescendant={listShown && active >= 0 ? optionId(active) : undefined}
              aria-describedby={hintId}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              placeholder="e.g. alcohol, Xanax, weed"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setOpen(true);
                setActive(-1);
              }}
              onKeyDown={onKeyDown}
              onBlur={() => setOpen(false)}
            />
            <button type="button" className="kl-action kl-mix-go" onClick={() => run(text)}>
              Check
            </button>
          </div>
          <p id={hintId} className="kl-mix-hint">
            One or more substances, separated by commas or “and”; press Enter to check.
          </p>
          {/* Rendered only while open: the glossary's listbox stays the page's only one otherwise. */}
          {listShown && (
            <div id={listId} role="listbox" aria-label="Substances" className="kl-listbox kl-mix-list">
              {options.map((o, i) => (
                // biome-ignore lint/a11y: APG combobox listbox; focus stays in the input (aria-activedescendant), so options are not focusable and keys are handled there
                <div
                  key={o.record.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={`kl-option kl-option--compact${i === active ? ' kl-option--active' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseMove={() => i !== active && setActive(i)}
                  onClick={() => choose(o)}
                >
                  <span className="kl-option-term">{o.name.text}</span>
                  {o.name.text.toLowerCase() !== o.record.name.toLowerCase() && (
                    <span className="kl-mix-option-class"> — {o.record.name}</span>
                  )}
                </div>
              ))}
            </div>
          )}
          {result && <MixResults result={result} locales={locales} />}
        </div>
      )}
      <div className="kl-visually-hidden" aria-live="polite" aria-atomic="true">
        {said}
      </div>
    </section>
  );
}
