import { useId } from 'react';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../lib/glossary/types';
import { HIGHLIGHT_STYLES, type HighlightStyle } from '../../lib/settings/settings';
import { HighlightPreview } from './HighlightPreview';

const STYLE_TEXT: Record<HighlightStyle, { label: string; hint: string }> = {
  underline: { label: 'Dotted underline', hint: 'Quiet; the default.' },
  background: { label: 'Soft background', hint: 'Easier to spot.' },
  'hover-only': {
    label: 'No marks',
    hint: 'Terms are not marked, but resting the pointer on one still explains it. The page itself cannot see that any terms were found until you do.',
  },
};

export interface AppearanceSectionProps {
  style: HighlightStyle;
  categories: Record<Category, boolean>;
  onStyle(style: HighlightStyle): void;
  onCategory(category: Category, on: boolean): void;
}

/** How marks look (a radio group) and which kinds of terms are marked, with a live preview. */
export function AppearanceSection({ style, categories, onStyle, onCategory }: AppearanceSectionProps) {
  const name = useId();
  const idFor = (suffix: string) => `${name}-${suffix}`;
  return (
    <div className="kl-appearance">
      <div className="kl-appearance-fields">
        <fieldset className="kl-fieldset">
          <legend>How marks look</legend>
          {HIGHLIGHT_STYLES.map((s) => (
            <div key={s} className="kl-choice">
              <input
                type="radio"
                id={idFor(s)}
                name={name}
                value={s}
                checked={style === s}
                aria-describedby={idFor(`${s}-hint`)}
                onChange={() => onStyle(s)}
              />
              <label htmlFor={idFor(s)}>{STYLE_TEXT[s].label}</label>
              <span id={idFor(`${s}-hint`)} className="kl-choice-hint">
                {STYLE_TEXT[s].hint}
              </span>
            </div>
          ))}
        </fieldset>

        <fieldset className="kl-fieldset">
          <legend>Which terms to mark</legend>
          {CATEGORIES.map((c) => (
            <div key={c} className="kl-choice">
              <input
                type="checkbox"
                id={idFor(`cat-${c}`)}
                checked={categories[c]}
                onChange={(e) => onCategory(c, e.target.checked)}
              />
              <label htmlFor={idFor(`cat-${c}`)}>{CATEGORY_LABELS[c]}</label>
            </div>
          ))}
        </fieldset>
      </div>
      <HighlightPreview style={style} categories={categories} />
    </div>
  );
}
