// The popover's page-side runtime (Floating UI + the iframe host), loaded by
// the content script with import() only once a page has marks, so the
// per-page bundle stays small (≤ 25 kB gzipped, docs/architecture.md).
import { installPopoverRuntime } from '../lib/popover/runtime';

export default defineUnlistedScript(() => {
  installPopoverRuntime();
});
