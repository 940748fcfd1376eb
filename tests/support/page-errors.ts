// Errors on a page, and which of them come from the extension: page errors,
// console errors (including the content script's isolated world, which
// Playwright does not report) and browser log entries.
import type { CDPSession, Page } from 'playwright-core';
import { CONTENT_SCRIPT } from './hostile-pages';

export interface ErrorLog {
  /** Everything: page errors, console errors, browser log errors. */
  all: string[];
  /** Entries attributable to the extension. */
  extension(): string[];
  detach(): Promise<void>;
}

const EXTENSION_MARKERS = ['chrome-extension://', CONTENT_SCRIPT, 'page-lens.js'];

export async function watchErrors(page: Page): Promise<ErrorLog> {
  const all: string[] = [];
  const fromExtension: string[] = [];
  page.on('pageerror', (e) => all.push(`pageerror: ${e.message}\n${e.stack ?? ''}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'assert')
      all.push(`console.${m.type()}: ${m.text()} @ ${m.location().url}`);
  });
  // Our own session sees the content script's isolated world (Playwright drops
  // console calls from worlds it does not own).
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const extContexts = new Set<number>();
  cdp.on(
    'Runtime.executionContextCreated',
    (e: { context: { id: number; origin: string; name: string } }) => {
      if (e.context.origin.startsWith('chrome-extension://')) extContexts.add(e.context.id);
    },
  );
  cdp.on(
    'Runtime.consoleAPICalled',
    (e: { type: string; executionContextId: number; args: { value?: unknown; description?: string }[] }) => {
      if (!extContexts.has(e.executionContextId)) return;
      if (e.type === 'error' || e.type === 'assert' || e.type === 'warning') {
        fromExtension.push(
          `extension console.${e.type}: ${e.args.map((a) => String(a.value ?? a.description ?? '')).join(' ')}`,
        );
      }
    },
  );
  cdp.on(
    'Runtime.exceptionThrown',
    (e: {
      exceptionDetails: {
        executionContextId?: number;
        text: string;
        exception?: { description?: string };
        url?: string;
      };
    }) => {
      const d = e.exceptionDetails;
      const line = `exception: ${d.text} ${d.exception?.description ?? ''} @ ${d.url ?? ''}`;
      if (
        (d.executionContextId !== undefined && extContexts.has(d.executionContextId)) ||
        EXTENSION_MARKERS.some((m) => line.includes(m))
      ) {
        fromExtension.push(line);
      }
    },
  );
  cdp.on('Log.entryAdded', (e: { entry: { level: string; text: string; url?: string; source: string } }) => {
    const line = `log.${e.entry.level} (${e.entry.source}): ${e.entry.text} @ ${e.entry.url ?? ''}`;
    if (e.entry.level === 'error') all.push(line);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  return {
    all,
    extension: () => [...fromExtension, ...all.filter((l) => EXTENSION_MARKERS.some((m) => l.includes(m)))],
    detach: () => cdp.detach().catch(() => {}),
  };
}
