// Which tab shows a PDF, what the viewer opens, which origin it asks for
// (lib/pdf/pdf-url.ts), and what it says when a PDF cannot be shown
// (lib/pdf/load-problem.ts).
import { describe, expect, it } from 'vitest';
import { problemFromError, problemText } from '../../lib/pdf/load-problem';
import {
  displayName,
  fileFromQuery,
  hostOf,
  originPattern,
  pdfUrlOfTab,
  viewerPath,
} from '../../lib/pdf/pdf-url';

describe('pdfUrlOfTab', () => {
  it('finds a PDF by its path, in any case, with a query or fragment', () => {
    expect(pdfUrlOfTab('https://example.org/papers/ketamine.pdf')).toBe(
      'https://example.org/papers/ketamine.pdf',
    );
    expect(pdfUrlOfTab('https://example.org/A.PDF?download=1#page=3')).toBe(
      'https://example.org/A.PDF?download=1#page=3',
    );
    expect(pdfUrlOfTab('file:///home/me/notes.pdf')).toBe('file:///home/me/notes.pdf');
  });

  it('reads the file parameter of a pdf.js viewer page', () => {
    expect(
      pdfUrlOfTab('https://mozilla.github.io/pdf.js/web/viewer.html?file=https%3A%2F%2Fx.org%2Fa.pdf'),
    ).toBe('https://x.org/a.pdf');
    expect(pdfUrlOfTab('https://site.org/web/viewer.html?file=%2Fdocs%2Fb.pdf')).toBe(
      'https://site.org/docs/b.pdf',
    );
    expect(pdfUrlOfTab('https://site.org/web/viewer.html?file=javascript%3Aalert(1)')).toBeNull();
  });

  it('ignores pages that are not PDFs, our own viewer and browser pages', () => {
    expect(pdfUrlOfTab('https://example.org/article.html')).toBeNull();
    expect(pdfUrlOfTab('https://example.org/pdf')).toBeNull();
    expect(pdfUrlOfTab('chrome-extension://abc/pdf.html?file=https%3A%2F%2Fx.org%2Fa.pdf')).toBeNull();
    expect(pdfUrlOfTab('chrome://settings')).toBeNull();
    expect(pdfUrlOfTab('not a url')).toBeNull();
  });
});

describe('viewer URLs and permissions', () => {
  it('round-trips the PDF through the viewer query', () => {
    const pdf = 'https://example.org/a b.pdf?x=1&y=2';
    const path = viewerPath(new URL(pdf).href);
    expect(path.startsWith('/pdf.html?file=')).toBe(true);
    expect(fileFromQuery(path.slice(path.indexOf('?')))).toBe(new URL(pdf).href);
  });

  it('opens only http, https and file URLs', () => {
    expect(fileFromQuery('?file=javascript%3Aalert(1)')).toBeNull();
    expect(fileFromQuery('?file=data%3Aapplication%2Fpdf%2Cx')).toBeNull();
    expect(fileFromQuery('')).toBeNull();
  });

  it('asks for one origin, every port, never for file:', () => {
    expect(originPattern('https://example.org:8443/a.pdf')).toBe('https://example.org/*');
    expect(originPattern('http://127.0.0.1:5000/a.pdf')).toBe('http://127.0.0.1/*');
    expect(originPattern('file:///a.pdf')).toBeNull();
    expect(hostOf('https://example.org:8443/a.pdf')).toBe('example.org');
  });

  it('names the document by its file name', () => {
    expect(displayName('https://example.org/docs/Ketamine%20review.pdf')).toBe('Ketamine review.pdf');
    expect(displayName('https://example.org/')).toBe('example.org');
    expect(displayName('https://example.org/%E0%A4%A.pdf')).toBe('%E0%A4%A.pdf');
  });
});

describe('load problems', () => {
  it('reads pdf.js errors by name', () => {
    expect(problemFromError({ name: 'InvalidPDFException' })).toEqual({ kind: 'invalid' });
    expect(problemFromError({ name: 'ResponseException', status: 404 })).toEqual({
      kind: 'http',
      status: 404,
    });
    expect(problemFromError({ name: 'ResponseException', status: 0 })).toEqual({ kind: 'network' });
    expect(problemFromError(new TypeError('Failed to fetch'))).toEqual({ kind: 'network' });
    expect(problemFromError('boom')).toEqual({ kind: 'unknown' });
  });

  it('always has something to say', () => {
    const kinds = [
      { kind: 'invalid' },
      { kind: 'http', status: 500 },
      { kind: 'network' },
      { kind: 'denied', host: 'example.org' },
      { kind: 'local-file' },
      { kind: 'password-cancelled' },
      { kind: 'unknown' },
    ] as const;
    for (const k of kinds) {
      const t = problemText(k);
      expect(t.title.length).toBeGreaterThan(10);
      expect(t.detail.length).toBeGreaterThan(10);
    }
    expect(problemText({ kind: 'denied', host: 'example.org' }).title).toContain('example.org');
  });
});
