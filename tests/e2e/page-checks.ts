// Checks several real-browser tests share: axe-core on a page, and the
// keyboard commands (headless Chromium cannot press extension shortcuts).
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './harness';

/** The ids of axe-core's serious and critical violations on the page. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (c: unknown) => Promise<{ violations: { id: string; impact: string }[] }> };
    };
    const r = await w.axe.run(document);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

/** Runs a keyboard command ("next-term", "toggle-site") through the background, as the shortcut would. */
export async function runCommand(browser: ExtensionBrowser, name: string): Promise<void> {
  await browser.worker.evaluate(
    (n) =>
      (
        globalThis as unknown as { ketamineLensRunCommand: (c: string) => Promise<void> }
      ).ketamineLensRunCommand(n),
    name,
  );
}
