// URLs of PDFs: which tab shows one, what the viewer is asked to open
// (pdf.html?file=<url>, the pdf.js convention), which origin a download needs
// permission for, and a name to show. Pure: no browser APIs.

/** The query parameter naming the PDF to open, as in pdf.js's own viewer. */
export const FILE_PARAM = 'file';

/** Schemes the viewer downloads from (a local file comes through the file picker instead when file: is refused). */
const FETCHABLE = new Set(['http:', 'https:', 'file:']);

const MAX_URL_LENGTH = 8192;

function parse(raw: string): URL | null {
  if (raw.length > MAX_URL_LENGTH) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** Whether a URL's path names a PDF file (…/paper.pdf, any case). */
export function hasPdfPath(url: URL): boolean {
  return /\.pdf$/i.test(url.pathname);
}

/**
 * Viewers that name their PDF in the query: pdf.js's viewer.html?file=… (Firefox's
 * built-in viewer shows the PDF's own URL instead, and so does Chromium's).
 */
function viewerParam(url: URL): string | null {
  if (!/\/(?:web\/)?viewer\.html$/i.test(url.pathname)) return null;
  return url.searchParams.get(FILE_PARAM);
}

/**
 * The PDF a tab shows, from its URL: a PDF's own URL (the browser's viewer
 * keeps it in the address bar) or a pdf.js viewer page's `file` parameter.
 * Null for anything else, including our own viewer.
 */
export function pdfUrlOfTab(tabUrl: string): string | null {
  const url = parse(tabUrl);
  if (!url || !FETCHABLE.has(url.protocol)) return null;
  if (hasPdfPath(url)) return url.href;
  const inner = viewerParam(url);
  if (inner === null) return null;
  const target = parse(new URL(inner, url).href);
  return target && FETCHABLE.has(target.protocol) ? target.href : null;
}

/** The viewer page's address for a PDF (relative to the extension's root). */
export function viewerPath(pdfUrl: string): string {
  return `/pdf.html?${FILE_PARAM}=${encodeURIComponent(pdfUrl)}`;
}

/** The PDF named by the viewer's query string, or null when none (or not one we may download). */
export function fileFromQuery(search: string): string | null {
  const raw = new URLSearchParams(search).get(FILE_PARAM);
  if (!raw) return null;
  const url = parse(raw);
  return url && FETCHABLE.has(url.protocol) ? url.href : null;
}

/** The origin pattern `permissions.request` needs for a download from this URL (null for file:). */
export function originPattern(pdfUrl: string): string | null {
  const url = parse(pdfUrl);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  // Match patterns take no port: the permission covers the host on every port.
  return `${url.protocol}//${url.hostname}/*`;
}

/** The host to name when asking for permission ("example.org": the permission covers every port), or the URL itself. */
export function hostOf(pdfUrl: string): string {
  return parse(pdfUrl)?.hostname || pdfUrl;
}

/** A short name for the document: the file name from the URL, decoded, else the host. */
export function displayName(pdfUrl: string): string {
  const url = parse(pdfUrl);
  if (!url) return 'PDF';
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // a malformed escape: show it as it is
  }
  return name.slice(0, 200) || url.host || 'PDF';
}
