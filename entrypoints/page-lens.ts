import matcherIndex from 'virtual:ketamine-lens/matcher-index';
import { runContent } from '../lib/content/content-main';
import { createContentMatcher } from '../lib/content/page-matcher';

// The script that runs in every page and frame, declared in the manifest by
// wxt.config.ts. An unlisted script rather than a WXT content script: WXT's
// content-script context announces each start to the page (a window message
// and a document event named with the extension's id), which would let any
// page tell that Ketamine Lens is installed; it was also ~1 kB of the budget.
export default defineUnlistedScript({
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
