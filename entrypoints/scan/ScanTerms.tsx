import { useEffect, useState } from 'react';
import { entryById } from '../../lib/glossary/glossary';
import type { ScanLens } from './scan-lens';

interface Row {
  id: string;
  term: string;
  count: number;
}

const REFRESH_MS = 150;

function rowsOf(lens: ScanLens): Row[] {
  const rows: Row[] = [];
  for (const [id, count] of lens.lens?.counts() ?? []) {
    const entry = entryById(id);
    if (entry) rows.push({ id, term: entry.term, count });
  }
  return rows.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
}

/** "Terms found": the glossary terms marked in the text; a click opens the first one. */
export function ScanTerms({ lens }: { lens: ScanLens }) {
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    let timer = 0;
    const stop = lens.subscribe(() => {
      if (timer) return;
      timer = window.setTimeout(() => {
        timer = 0;
        setRows(rowsOf(lens));
      }, REFRESH_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [lens]);

  return (
    <aside className="kl-scan-terms" aria-labelledby="kl-scan-terms-title" data-ketamine-lens="off">
      <h2 id="kl-scan-terms-title">Terms found</h2>
      {!lens.lens ? (
        <p className="kl-scan-note">This browser cannot mark text (no CSS Custom Highlight API).</p>
      ) : rows.length === 0 ? (
        <p className="kl-scan-note">No glossary terms in the text yet.</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={r.id}>
              <button type="button" onClick={() => lens.lens?.reveal(r.id)}>
                <span className="kl-scan-term">{r.term}</span>
                <span className="kl-count" aria-hidden="true">
                  {r.count}
                </span>
                <span className="kl-visually-hidden">
                  , {r.count} {r.count === 1 ? 'time' : 'times'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
