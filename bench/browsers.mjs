// The browsers and extension builds the benchmark drives: snapshots of builds
// (so a concurrent build cannot change one mid-run), Chromium with or without
// an extension, and page loads from the benchmark's static server.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/find-browser.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
export const EXECUTABLE = findChromium();
export { CHROMIUM_FLAGS };

/** The content script a build declares (HEAD: page-lens.js; older builds: content-scripts/content.js). */
export function contentScriptOf(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const js = manifest.content_scripts?.[0]?.js?.[0];
  if (!js) throw new Error(`${dir}/manifest.json declares no content script`);
  return js;
}

/**
 * Copies the build at `srcDir` (relative to the repo) to a temp dir. Builds
 * `.output/chrome-mv3` once when it is missing; any other missing dir is an error.
 */
export function snapshotExtension(srcDir) {
  const src = resolve(ROOT, srcDir);
  if (!existsSync(join(src, 'manifest.json'))) {
    if (src !== resolve(ROOT, '.output/chrome-mv3')) throw new Error(`no built extension at ${src}`);
    const r = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 180_000 });
    if (r.status !== 0) throw new Error('wxt build failed');
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const dst = mkdtempSync(join(tmpdir(), 'kl-bench-ext-'));
    try {
      cpSync(src, dst, { recursive: true });
      const contentUrl = contentScriptOf(dst);
      const content = readFileSync(join(dst, contentUrl));
      if (content.length > 0) {
        return { src, dir: dst, contentUrl, content, builtAt: statSync(join(src, contentUrl)).mtime };
      }
    } catch {}
    rmSync(dst, { recursive: true, force: true });
    spawnSync('sleep', ['2']); // a build may be writing the dir right now
  }
  throw new Error(`could not copy a complete ${src}`);
}

/**
 * Builds the current sources into a temp dir with extra env (e.g.
 * WXT_BENCH_NO_MATCH=1, KL_NO_MINIFY=1). Returns { dir, root }.
 */
export function buildVariant(env, what) {
  const out = mkdtempSync(join(tmpdir(), 'kl-bench-variant-'));
  const r = spawnSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    env: { ...process.env, ...env, KL_OUT_DIR: out },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`wxt build of ${what} failed`);
  return { dir: join(out, 'chrome-mv3'), root: out };
}

let BASE_URL = '';
export const setBaseUrl = (u) => {
  BASE_URL = u;
};
export const url = (file) => `${BASE_URL}/${file}`;

/**
 * Chromium with the extension at `extensionDir` (or none). Same flags for all
 * browsers: the only difference is --load-extension. `contentUrl` is the
 * content script's path in that build (what the trace is filtered by).
 */
export async function launch({ extensionDir, contentUrl = null, label = '' }) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kl-bench-profile-'));
  const args = [...CHROMIUM_FLAGS];
  if (extensionDir)
    args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: EXECUTABLE,
    headless: true,
    args,
    viewport: { width: 1100, height: 800 },
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    timeout: 60_000,
  });
  let worker = null;
  if (extensionDir) {
    worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    // Cross-check: when were the marks (registered CSS highlights) last changed?
    // Main world, 1 MB article only; stops itself (or on __klMarks.stop).
    await context.addInitScript(() => {
      if (!location.pathname.includes('article-1mb')) return;
      const st = { size: 0, first: 0, last: 0, changes: 0, stop: false };
      Object.defineProperty(window, '__klMarks', { value: st });
      const id = setInterval(() => {
        let n = 0;
        try {
          for (const h of CSS.highlights.values()) n += h.size;
        } catch {}
        if (n !== st.size) {
          st.size = n;
          st.last = performance.now();
          if (!st.first) st.first = st.last;
          st.changes++;
        }
        if (st.stop || performance.now() > 20_000) clearInterval(id);
      }, 10);
    });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(60_000);
  const session = await context.newCDPSession(page);
  return {
    label,
    contentUrl,
    context,
    worker,
    page,
    session,
    version: context.browser()?.version() ?? '',
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** After a killed (timed-out) evaluation: a new tab and session. */
export async function freshPage(b) {
  await b.page.close({ runBeforeUnload: false }).catch(() => {});
  b.page = await b.context.newPage();
  b.page.setDefaultTimeout(60_000);
  b.session = await b.context.newCDPSession(b.page);
}

/** Navigates to a blank same-origin page (same renderer), then to `file`. */
export async function load(b, file) {
  await b.page.goto(url('blank.html'));
  await b.page.goto(url(file), { waitUntil: 'load' });
}
