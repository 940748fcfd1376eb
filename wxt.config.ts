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
      permissions: ['storage', 'contextMenus', 'activeTab'],
      commands: {
        'next-term': {
          suggested_key: { default: 'Alt+Shift+K' },
          description: 'Explain the next marked term on the page',
        },
        'toggle-site': {
          suggested_key: { default: 'Alt+Shift+L' },
          description: 'Turn Ketamine Lens on or off for this site',
        },
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
      web_accessible_resources: isFirefox
        ? undefined
        : [
            {
              resources: ['popover.html', 'popover-runtime.js'],
              matches: ['<all_urls>'],
              use_dynamic_url: false,
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
    // Firefox MV2 takes web_accessible_resources as a flat list.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser === 'firefox') {
        if (manifest.manifest_version === 2) {
          manifest.web_accessible_resources = ['popover.html', 'popover-runtime.js'] as never;
        } else {
          manifest.web_accessible_resources = [
            { resources: ['popover.html', 'popover-runtime.js'], matches: ['<all_urls>'] },
          ] as never;
        }
      }
    },
  },
});
