import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

// Every per-browser manifest difference lives in this one function.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  // KL_OUT_DIR / KL_NO_MINIFY: profiling builds next to the normal one (see bench/README.md).
  outDir: process.env.KL_OUT_DIR ?? '.output',
  // modules/matcher-index.ts (loaded by WXT from modules/) adds the matcher index plugin.
  vite: () => ({
    build: process.env.KL_NO_MINIFY ? { minify: false } : {},
  }),
  // `wxt zip -b firefox` also writes the sources zip that AMO reviewers build
  // from. WXT already leaves out node_modules, *.test.* files and .output, and
  // dotSources is off (.tmp, .wxt, .git, .ci stay out); the rest is ours.
  zip: {
    sourcesRoot: fileURLToPath(new URL('.', import.meta.url)),
    excludeSources: [
      'tests/**',
      'bench/out/**',
      '**/*.log',
      'demo-screenshots/**',
      'docs/**/*.png',
      'stats.html',
      'web-ext-artifacts/**',
      '.output/**',
      'node_modules/**',
      '.tmp/**',
    ],
  },
  manifest: ({ browser }) => {
    const isFirefox = browser === 'firefox';
    return {
      name: 'Ketamine Lens',
      description:
        'Explains ketamine-related terms where you read them: quiet marks, plain-language popovers with safety notes and sources. Nothing leaves your browser.',
      // storage: settings; contextMenus: "Explain with Ketamine Lens" on selected text;
      // activeTab: the popup and the shortcuts learn the current tab's site (no install warning).
      // sidePanel (Chrome; WXT adds it with the sidepanel entrypoint): the reading-guide panel.
      permissions: ['storage', 'contextMenus', 'activeTab'],
      // The PDF viewer asks for one site at a time, when the reader opens a PDF
      // from a site it has no access to yet (docs/decisions/0010): never at install.
      ...(isFirefox
        ? { optional_permissions: ['http://*/*', 'https://*/*'] }
        : { optional_host_permissions: ['http://*/*', 'https://*/*'] }),
      commands: {
        'next-term': {
          suggested_key: { default: 'Alt+Shift+K' },
          description: 'Explain the next marked term on the page',
        },
        'toggle-site': {
          suggested_key: { default: 'Alt+Shift+L' },
          description: 'Turn Ketamine Lens on or off for this site',
        },
        // Firefox opens its sidebar itself; Chrome has no such built-in command (background-main.ts).
        ...(isFirefox
          ? { _execute_sidebar_action: { description: 'Open the Ketamine Lens side panel' } }
          : { 'open-side-panel': { description: 'Open the Ketamine Lens side panel' } }),
      },
      // entrypoints/page-lens.ts (an unlisted script: see why there).
      content_scripts: [
        {
          matches: ['<all_urls>'],
          js: ['page-lens.js'],
          all_frames: true,
          match_about_blank: true,
          // data: and blob: frames take their creator's origin: run there too.
          match_origin_as_fallback: true,
          run_at: 'document_idle',
        },
      ],
      // Only what a content script on any page must load: the popover frame and
      // the runtime it imports. The popover page's own chunks load from its own
      // origin. Dynamic URLs: a page cannot load them through our fixed id, so it
      // cannot test whether we are installed (docs/decisions/0009). Firefox: below.
      web_accessible_resources: isFirefox
        ? undefined
        : [
            {
              resources: ['popover.html', 'popover-runtime.js'],
              matches: ['<all_urls>'],
              use_dynamic_url: true,
            },
          ],
      ...(isFirefox
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'ketamine-lens@ketamine-lens.org',
                // CSS Custom Highlight API shipped in Firefox 140.
                strict_min_version: '140.0',
                data_collection_permissions: { required: ['none'] },
              },
              // data_collection_permissions arrived in Firefox for Android 142
              // (web-ext lint: KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION).
              gecko_android: { strict_min_version: '142.0' },
            },
          }
        : {}),
    };
  },
  hooks: {
    // Firefox MV2 (what AMO gets): nothing web-accessible; its content scripts
    // load the frame and the runtime with their own rights. Firefox MV3 content
    // scripts cannot, and Firefox has no use_dynamic_url, so that build lists
    // both (a page would need the per-install UUID to load them).
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser !== 'firefox') return;
      if (manifest.manifest_version === 2) delete manifest.web_accessible_resources;
      else
        manifest.web_accessible_resources = [
          { resources: ['popover.html', 'popover-runtime.js'], matches: ['<all_urls>'] },
        ] as never;
    },
  },
});
