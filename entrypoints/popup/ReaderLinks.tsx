import { pdfUrlOfTab, viewerPath } from '../../lib/pdf/pdf-url';
import './reader-links.css';

/**
 * Ways into our reader pages, where content scripts cannot go: the PDF this
 * tab shows (the browser's PDF viewer runs no extension scripts) and text of
 * the reader's own. Links, so they open in a new tab and the popup closes.
 */
export function ReaderLinks({ tabUrl }: { tabUrl: string | undefined }) {
  const pdf = tabUrl ? pdfUrlOfTab(tabUrl) : null;
  return (
    <nav className="kl-reader-links" aria-label="Read with Ketamine Lens">
      {pdf && (
        <a className="kl-reader-pdf" href={viewerPath(pdf)} target="_blank" rel="noopener">
          Open in Ketamine Lens
          <span className="kl-visually-hidden"> (this PDF, in a new tab)</span>
        </a>
      )}
      <a href="/scan.html" target="_blank" rel="noopener">
        Explain text…
      </a>
    </nav>
  );
}
