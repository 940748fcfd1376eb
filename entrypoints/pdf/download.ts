// Getting a PDF's bytes by its URL, within the permissions the reader gave.
// Nothing is requested from a site we have no host access to: Firefox would
// send such a request with `Origin: moz-extension://<this install's id>`, an
// identifier the site could track (with host access it sends none, and
// Chromium sends none either). Without access, the viewer asks for that one
// origin, at that moment, with the reason on screen (permissions.request
// must run inside the click). The reader's own cookies go along, as they
// would in the browser's viewer.
import { browser } from 'wxt/browser';
import { type LoadProblem, problemFromError } from '../../lib/pdf/load-problem';
import { hostOf, originPattern } from '../../lib/pdf/pdf-url';

export type Download =
  | { kind: 'bytes'; data: Uint8Array }
  | { kind: 'needs-permission'; pattern: string; host: string }
  | { kind: 'problem'; problem: LoadProblem };

/**
 * Whether we may read from this origin: granted by the reader, or covered by
 * the content script's `<all_urls>` (Chromium counts it as host access).
 */
async function hostAccess(pattern: string): Promise<boolean> {
  const p = browser.permissions;
  const [one, all] = await Promise.all([
    p.contains({ origins: [pattern] }).catch(() => false),
    p
      .getAll()
      .then((g) => g.origins ?? [])
      .catch(() => [] as string[]),
  ]);
  return one || all.includes('<all_urls>');
}

export async function downloadPdf(url: string, signal: AbortSignal): Promise<Download> {
  const pattern = originPattern(url);
  if (pattern && !(await hostAccess(pattern)))
    return { kind: 'needs-permission', pattern, host: hostOf(url) };
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include', referrerPolicy: 'no-referrer', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    // file: without the reader's "allow access to file URLs".
    if (!pattern) return { kind: 'problem', problem: { kind: 'local-file' } };
    return { kind: 'problem', problem: problemFromError(error) };
  }
  // file: answers with status 0 when it works.
  if (!response.ok && response.status !== 0) {
    return { kind: 'problem', problem: { kind: 'http', status: response.status } };
  }
  return { kind: 'bytes', data: new Uint8Array(await response.arrayBuffer()) };
}

/** Asks for one origin; call it straight from the click that asks (no await before it). */
export function requestOrigin(pattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [pattern] }).catch(() => false);
}
