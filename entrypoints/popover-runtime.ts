// The popover's page-side runtime (Floating UI + the iframe host), loaded by
// the content script with import() only once a page has marks, so the
// per-page bundle stays small (DESIGN.md §4: ≤ 25 KB gzipped).
import { installPopoverRuntime } from '../lib/popover/runtime';

export default defineUnlistedScript(() => {
  installPopoverRuntime();
});
