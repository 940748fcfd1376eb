// Why a PDF could not be shown, and what the viewer tells the reader: never a
// blank page. pdf.js's errors are read by name (its classes live in the
// bundle the viewer imports; a name is what crosses the worker boundary
// anyway). Pure: no browser APIs.

export type LoadProblem =
  /** Not a PDF, or damaged beyond what pdf.js repairs. */
  | { kind: 'invalid' }
  /** The download answered with an HTTP error. */
  | { kind: 'http'; status: number }
  /** The download failed (offline, blocked, or refused without permission). */
  | { kind: 'network' }
  /** The reader declined the permission to download from this site. */
  | { kind: 'denied'; host: string }
  /** A file: URL the browser does not let us read: the file picker can. */
  | { kind: 'local-file' }
  /** The reader closed the password prompt. */
  | { kind: 'password-cancelled' }
  | { kind: 'unknown' };

function nameOf(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string'
    ? (error as { name: string }).name
    : '';
}

/** The problem behind an error from pdf.js's getDocument() or our download. */
export function problemFromError(error: unknown): LoadProblem {
  switch (nameOf(error)) {
    case 'InvalidPDFException':
    case 'FormatError':
      return { kind: 'invalid' };
    case 'ResponseException': {
      const status = (error as { status?: unknown }).status;
      return typeof status === 'number' && status > 0 ? { kind: 'http', status } : { kind: 'network' };
    }
    case 'TypeError':
      return { kind: 'network' };
    default:
      return { kind: 'unknown' };
  }
}

export interface ProblemText {
  title: string;
  detail: string;
}

/** What the viewer says about a problem: a title and one sentence on what to do. */
export function problemText(p: LoadProblem): ProblemText {
  switch (p.kind) {
    case 'invalid':
      return {
        title: 'This file is not a PDF Ketamine Lens can read',
        detail: 'It may be damaged, incomplete or another kind of file. Try downloading it again.',
      };
    case 'http':
      return {
        title: p.status === 404 ? 'The PDF was not found' : `The site answered with an error (${p.status})`,
        detail: 'Check the link, or download the PDF and open the file here.',
      };
    case 'network':
      return {
        title: 'The PDF could not be downloaded',
        detail: 'Check your connection, or download the PDF and open the file here.',
      };
    case 'denied':
      return {
        title: `No permission to download from ${p.host}`,
        detail: 'You can download the PDF yourself and open the file here instead.',
      };
    case 'local-file':
      return {
        title: 'Your browser does not let Ketamine Lens read this file by its address',
        detail: 'Choose it with “Open a PDF…” or drop it on this page instead.',
      };
    case 'password-cancelled':
      return {
        title: 'This PDF is protected by a password',
        detail: 'Open it again to enter the password.',
      };
    case 'unknown':
      return {
        title: 'This PDF could not be shown',
        detail: 'It may use features Ketamine Lens cannot display. Your browser’s own viewer may open it.',
      };
  }
}
