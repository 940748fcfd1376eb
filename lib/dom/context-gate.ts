// Page context: tier-2/3 terms are marked only on a page that has ketamine
// context, given by a tier-1 (or pageContext) match anywhere on it. Until one
// turns up, the gate remembers what it held back (blocks with tier-2/3
// candidates, and the light DOM if the precheck skipped it) and queues it
// again the moment context arrives, however late in the scan.

import type { PageMatcher, RunMatch } from './lens';
import type { ScanQueue } from './scan-queue';
import type { TextRun } from './text-runs';

/** Pages with more text than this skip the whole-page precheck (one pass must stay a short task). */
const PRECHECK_MAX_CHARS = 1_500_000;
/** Characters of the first text nodes checked before the page's whole text is read. */
const PRECHECK_HEAD = 8_192;

export class ContextGate {
  #hasContext = false;
  /** Containers with tier-2/3 candidates seen before the page had context. */
  #waiting = new Set<Element>();
  /** The light DOM, when the precheck found nothing there that gives context: walked once the page has context. */
  #skipped: Node | null = null;

  #matcher: PageMatcher;
  #queue: ScanQueue;

  constructor(matcher: PageMatcher, queue: ScanQueue) {
    this.#matcher = matcher;
    this.#queue = queue;
  }

  /** Is text held back until something gives the page context? */
  get waiting(): boolean {
    return !this.#hasContext && this.#waiting.size > 0;
  }

  /**
   * Most pages never mention ketamine. Without a tier-1 (context-giving)
   * match nothing on a page is marked, and a native RegExp over the page's
   * text says "none" at a fraction of the cost of walking text runs or of a
   * JavaScript matcher pass. Skipped for very large pages, where reading all
   * the text at once would be a long task (their walk is time-sliced
   * instead). See docs/decisions/0005-whole-page-precheck.md.
   *
   * Returns false when nothing in `root` could give context (the gate then
   * keeps `root` and queues it once something else does); else the whole
   * text it had to read, for the walk to reuse, or null.
   */
  precheck(root: Element): string | null | false {
    const matcher = this.#matcher;
    // First the first text nodes, each on its own line: a page about
    // ketamine says so early, and then the page's whole text is never built.
    const walker = (root.ownerDocument as Document).createTreeWalker(root, 0x4); // NodeFilter.SHOW_TEXT
    let head = '';
    for (let t = walker.nextNode(); t && head.length < PRECHECK_HEAD; t = walker.nextNode()) {
      // (a page's one text node can be megabytes long)
      head += `${(t as Text).data.slice(0, PRECHECK_HEAD)}\n`;
    }
    if (matcher.couldGiveContext(head)) return null;
    const text = root.textContent ?? '';
    if (text.length > PRECHECK_MAX_CHARS) return null;
    if (matcher.couldGiveContext(text)) return text;
    this.#skipped = root;
    return false;
  }

  /**
   * The run's candidates that may be marked: those needing page context
   * only once the page has it. A candidate that gives context opens the gate.
   */
  filter(candidates: RunMatch[], run: TextRun): RunMatch[] {
    const matcher = this.#matcher;
    if (!this.#hasContext && matcher.givesContext(candidates)) {
      this.#hasContext = true;
      // Runs we passed over for lack of context get another look, and the
      // light DOM if the precheck skipped it. Their blocks may have marks by
      // then (another run of the same block, this one): those go first.
      for (const c of this.#waiting) this.#queue.fresh(c);
      if (this.#skipped) this.#queue.fresh(this.#skipped);
      this.#waiting.clear();
      this.#skipped = null;
    }
    if (!this.#hasContext && matcher.needsContext(candidates)) this.#waiting.add(run.container);
    return matcher.filter(candidates, run.text, this.#hasContext);
  }
}
