import { useDeferredValue, useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { MAX_SCAN_TEXT, parseScanText } from '../../lib/messages';
import { ScanTerms } from './ScanTerms';
import type { ScanLens } from './scan-lens';

/** Blank lines separate paragraphs; single line breaks stay inside one (white-space: pre-wrap). */
function paragraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim().length > 0);
}

/**
 * Paste or type text and read it back with the same marks and popovers as on
 * a web page. The text is shown as text (React text nodes, never HTML), is
 * not stored and never leaves this page.
 */
export function App({ lens }: { lens: ScanLens }) {
  const [text, setText] = useState('');
  // Typing stays quick on long texts: the marked copy follows when React has time.
  const shown = useDeferredValue(text);
  const inputId = useId();

  // Opened from the context menu: the background hands over the selection once.
  useEffect(() => {
    if (new URLSearchParams(location.search).get('from') !== 'selection') return;
    let live = true;
    browser.runtime
      .sendMessage({ type: 'kl:take-scan-text' })
      .then((reply) => {
        const handed = parseScanText(reply);
        if (live && handed) setText((t) => t || handed);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  const paras = paragraphs(shown);
  return (
    <div className="kl-scan">
      <header className="kl-scan-header" data-ketamine-lens="off">
        <h1>Explain text</h1>
        <p>
          Paste or type text about ketamine: its terms are marked below, and resting the pointer on one
          explains it. The text stays on this page; it is not saved or sent anywhere.
        </p>
      </header>
      <section className="kl-scan-input" data-ketamine-lens="off">
        <label htmlFor={inputId}>Text to explain</label>
        <textarea
          id={inputId}
          value={text}
          maxLength={MAX_SCAN_TEXT}
          spellCheck={false}
          placeholder="Paste text here"
          onChange={(e) => setText(e.target.value)}
        />
        <div className="kl-scan-actions">
          <button type="button" onClick={() => setText('')} disabled={!text}>
            Clear
          </button>
        </div>
      </section>
      <section className="kl-scan-output" aria-labelledby="kl-scan-output-title">
        <h2 id="kl-scan-output-title" data-ketamine-lens="off">
          Your text, with terms marked
        </h2>
        <div id="kl-scan-text" className="kl-scan-text">
          {paras.length ? (
            paras.map((p, i) => (
              // Paragraphs have no identity beyond their place; the text is rebuilt as it is edited.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <p key={i}>{p}</p>
            ))
          ) : (
            <p className="kl-scan-empty" data-ketamine-lens="off">
              Nothing yet.
            </p>
          )}
        </div>
      </section>
      <ScanTerms lens={lens} />
    </div>
  );
}
