import matcherIndex from 'virtual:ketamine-lens/matcher-index';
import { runContent } from '../lib/content/content-main';
import { createContentMatcher } from '../lib/content/page-matcher';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  // data: and blob: frames take their creator's origin: run there too.
  matchOriginAsFallback: true,
  runAt: 'document_idle',
  main() {
    try {
      const matcher = createContentMatcher(matcherIndex);
      runContent({
        win: window,
        matcher,
        setHidden: (hidden) => matcher.setHidden(hidden),
      }).catch(() => {
        // fail closed and quietly: the page must keep working
      });
    } catch {}
  },
});
