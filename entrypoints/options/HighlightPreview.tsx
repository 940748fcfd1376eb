import { useLayoutEffect, useRef } from 'react';
import { highlightCss, highlightNames } from '../../lib/dom/painter';
import type { Category } from '../../lib/glossary/types';
import type { HighlightStyle } from '../../lib/settings/settings';

/** A sample sentence; each term carries its glossary category and whether it gets the safety mark. */
type Piece = string | { text: string; category: Category; safety?: boolean };

const SAMPLE: Piece[] = [
  { text: 'Esketamine', category: 'substances' },
  ', a nasal spray for ',
  { text: 'treatment-resistant depression', category: 'conditions' },
  ', is a form of ',
  { text: 'ketamine', category: 'substances', safety: true },
  ', an ',
  { text: 'NMDA receptor antagonist', category: 'mechanism' },
  '. High doses can bring on a ',
  { text: 'K-hole', category: 'effects', safety: true },
  ', and heavy regular use can lead to ',
  { text: 'ketamine bladder', category: 'risks', safety: true },
  '.',
];

export interface HighlightPreviewProps {
  style: HighlightStyle;
  categories: Record<Category, boolean>;
}

type HighlightWindow = Window & typeof globalThis;

/** Highlight names for the preview (random, like the ones on web pages). */
const NAMES = highlightNames();

function supported(win: HighlightWindow | null): win is HighlightWindow {
  return !!win && typeof win.Highlight === 'function' && !!win.CSS?.highlights;
}

/**
 * Sample text marked exactly as pages are: ranges in CSS.highlights, styled
 * by the same highlightCss().
 */
export function HighlightPreview({ style, categories }: HighlightPreviewProps) {
  const textRef = useRef<HTMLParagraphElement>(null);
  const win = typeof window === 'undefined' ? null : (window as HighlightWindow);
  const canPaint = supported(win);

  useLayoutEffect(() => {
    const root = textRef.current;
    if (!root || !supported(win)) return;
    const term = new win.Highlight();
    const safety = new win.Highlight();
    for (const el of root.querySelectorAll<HTMLElement>('[data-category]')) {
      const text = el.firstChild;
      if (!text || !categories[el.dataset.category as Category]) continue;
      const range = new win.StaticRange({
        startContainer: text,
        startOffset: 0,
        endContainer: text,
        endOffset: text.textContent?.length ?? 0,
      });
      (el.dataset.safety === 'true' ? safety : term).add(range);
    }
    win.CSS.highlights.set(NAMES.term, term);
    win.CSS.highlights.set(NAMES.safety, safety);
    return () => {
      if (win.CSS.highlights.get(NAMES.term) === term) win.CSS.highlights.delete(NAMES.term);
      if (win.CSS.highlights.get(NAMES.safety) === safety) win.CSS.highlights.delete(NAMES.safety);
    };
  }, [win, categories]);

  const anyOn = Object.values(categories).some(Boolean);
  return (
    <figure className="kl-preview">
      <figcaption className="kl-preview-caption">Preview</figcaption>
      <style>{highlightCss(style, NAMES)}</style>
      <p ref={textRef} className="kl-preview-text" data-testid="kl-preview-text">
        {SAMPLE.map((piece, i) =>
          typeof piece === 'string' ? (
            piece
          ) : (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed sample
              key={i}
              data-category={piece.category}
              data-safety={piece.safety ? 'true' : undefined}
            >
              {piece.text}
            </span>
          ),
        )}
      </p>
      <p className="kl-hint">
        {!canPaint
          ? 'This browser cannot show the preview (it has no CSS Custom Highlight API).'
          : !anyOn
            ? 'No kinds of terms are chosen, so nothing is marked.'
            : style === 'hover-only'
              ? 'No marks are shown. Rest the pointer on a term to see its explanation.'
              : 'Orange marks are terms with important safety notes.'}
      </p>
    </figure>
  );
}
