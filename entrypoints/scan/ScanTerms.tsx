import { useEffect, useState } from 'react';
import { type DocumentTerm, DocumentTerms } from '../../components/DocumentTerms';
import { entryById } from '../../lib/glossary/glossary';
import type { ScanLens } from './scan-lens';

const REFRESH_MS = 150;

function rowsOf(lens: ScanLens): DocumentTerm[] {
  const rows: DocumentTerm[] = [];
  for (const [id, count] of lens.lens?.counts() ?? []) {
    const entry = entryById(id);
    if (entry) rows.push({ id, term: entry.term, count });
  }
  return rows.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
}

/** "Terms found": the glossary terms marked in the text; a click opens the first one. */
export function ScanTerms({ lens }: { lens: ScanLens }) {
  const [rows, setRows] = useState<DocumentTerm[]>([]);
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
    <DocumentTerms
      className="kl-scan-terms"
      title="Terms found"
      note={
        !lens.lens
          ? 'This browser cannot mark text (no CSS Custom Highlight API).'
          : rows.length === 0
            ? 'No glossary terms in the text yet.'
            : undefined
      }
      terms={rows}
      onOpen={(id) => lens.lens?.reveal(id)}
    />
  );
}
