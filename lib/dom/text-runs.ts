// Collects the page's readable text as "runs": consecutive text nodes inside
// the same block, so a term split across inline elements
// ("NMDA <em>receptor</em> antagonist") is still one piece of text.
// One TreeWalker pass without a NodeFilter callback (a JS filter costs
// ~0.7 µs per node). Skipped elements are known by name (the walk reads each
// element's localName anyway) or found by attribute with one querySelectorAll:
// type selectors made that query 2.8× slower (13.7 vs 4.8 ms on the 5 MB
// benchmark page, one task that cannot be sliced).

/** Elements whose text is never marked, by localName. */
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'code',
  'pre',
  'kbd',
  'samp',
  'iframe',
  'object',
]);

/**
 * The only elements a shadow root can be attached to (DOM Standard, "valid
 * shadow host name"), besides custom elements (a "-" in the name): no other
 * element's shadowRoot needs reading.
 */
const SHADOW_HOSTS = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

/** Subtrees skipped by attribute: editable, hidden, opted out. (Our popover host has no light children.) */
const SKIP_ATTRIBUTES =
  '[contenteditable]:not([contenteditable="false"]),[aria-hidden="true"],[hidden],[data-ketamine-lens="off"]';

/** Every skipped subtree, as one selector (for closest()). */
export const SKIP_SELECTOR = `${[...SKIP_TAGS].join(',')},${SKIP_ATTRIBUTES}`;

// Elements that flow inside a line: text on both sides of them belongs together.
// By localName, which is lower case in HTML, XHTML and SVG alike.
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'del',
  'label',
  'mark',
  'nobr',
  'q',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'tspan',
]);

export interface TextRun {
  /** Nearest non-inline ancestor: the unit we rescan and watch for visibility. */
  container: Element;
  nodes: Text[];
  /** Start offset of each node in `text`. */
  starts: number[];
  text: string;
}

export function isInline(el: Element): boolean {
  return INLINE_TAGS.has(el.localName);
}

/** The block a text node belongs to (its nearest non-inline ancestor), or null. */
export function blockOf(node: Node): Element | null {
  const parent = node.parentNode;
  return parent ? containerAround(parent) : null;
}

/**
 * The container of text in or directly under `node`: an element's block, a
 * shadow root's host (a Lit template's top-level text belongs to the host).
 */
export function containerAround(node: Node): Element | null {
  if (node.nodeType === 3) return blockOf(node);
  if (node.nodeType === 11) return (node as ShadowRoot).host ?? null;
  if (node.nodeType !== 1) return null;
  let el = node as Element;
  while (INLINE_TAGS.has(el.localName) && el.parentElement) el = el.parentElement;
  return el;
}

export interface RunWalkOptions {
  /** Called for each open shadow root met on the way (scanned separately). */
  onShadowRoot?: (root: ShadowRoot) => void;
  /**
   * `root.textContent`, read just before the walk, and whether the page is
   * unchanged since (`current`, asked after every pause). Runs then take
   * their text from it instead of reading each text node's `data`: in a
   * content script every `data` read makes a new string (~0.7 µs, 18k of
   * them on the 1 MB benchmark article), one `textContent` makes one.
   */
  snapshot?: { text: string; current: () => boolean };
  /**
   * Start at this node instead of the root's first one, `pos` being its
   * offset in the snapshot. It must be a run boundary: a `cursor` of an
   * earlier walk, or a block or skipped element not inside a skipped subtree
   * (see walkStartAround). Walks `from` a node and `until` it join up to
   * exactly the runs of one whole walk.
   */
  from?: { node: Node; pos: number };
  /** Stop before this node (where another walk starts). */
  until?: Node;
  /**
   * skippedIn(root), if known: a part of a walk reuses the query of the walk
   * it continues (on the 5 MB benchmark page one query is 12–20 ms).
   */
  skipped?: Set<Element> | null;
  /** Kept at every yield: where a walk taking over from this one starts (its `from`). */
  cursor?: { node: Node | null; pos: number };
}

/**
 * The elements under `root` skipped by attribute (SKIP_ATTRIBUTES), found
 * with one native query; null when there are none (most pages: then no Set
 * lookup per element).
 */
export function skippedIn(root: Node): Set<Element> | null {
  const queryRoot = root as ParentNode;
  const found =
    typeof queryRoot.querySelectorAll === 'function' ? queryRoot.querySelectorAll(SKIP_ATTRIBUTES) : null;
  return found && found.length > 0 ? new Set<Element>(found) : null;
}

/**
 * Yields text runs under `root` in document order. A generator, so the caller
 * can stop after a time budget and resume in the next idle slice.
 */
export function* walkTextRuns(root: Node, options: RunWalkOptions = {}): Generator<TextRun> {
  const doc = root.ownerDocument ?? (root as Document);
  if (root.nodeType === 1 && (root as Element).closest?.(SKIP_SELECTOR)) return;
  const skip = options.skipped !== undefined ? options.skipped : skippedIn(root);
  const onShadowRoot = options.onShadowRoot;
  // Only an element's or a shadow root's textContent is its text (a document's is null).
  const snapshot = root.nodeType === 1 || root.nodeType === 11 ? options.snapshot : undefined;
  /** The snapshot, while it still reads as the page does; else null and text comes from `data`. */
  let snap: string | null = snapshot?.current() ? snapshot.text : null;
  /** Offset of the next text node in the snapshot (all text under root counts, skipped or not). */
  let pos = options.from?.pos ?? 0;
  const until = options.until;
  const cursor = options.cursor;
  // NodeFilter.SHOW_ELEMENT | SHOW_TEXT | SHOW_CDATA_SECTION (in textContent too)
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 | 0x8);
  let nodes: Text[] = [];
  let starts: number[] = [];
  /** Length of the current run, and where it starts in the snapshot. */
  let length = 0;
  let from = 0;
  let container: Element | null = null;
  // blockOf() of the last text node's parent: sibling texts share it, so the
  // inline-ancestor climb runs once per parent, not once per text node. Reset
  // after every yield (the page may move nodes while we are paused).
  let lastParent: Node | null = null;
  let lastBlock: Element | null = null;
  // Parent of the last text added to the run, and whether an element was met since.
  let textParent: Node | null = null;
  let crossed = false;
  /** Last code unit of the run's text. */
  let lastCode = 0;

  /** Ends the current run: returns it (if it has text) and starts an empty one. */
  const take = (): TextRun | null => {
    let run: TextRun | null = null;
    if (container !== null && nodes.length > 0) {
      let text: string;
      if (snap !== null) text = snap.slice(from, from + length);
      else {
        text = '';
        for (const n of nodes) text += n.data;
      }
      run = { container, nodes, starts, text };
      nodes = [];
      starts = [];
      lastParent = null;
    }
    length = 0;
    container = null;
    return run;
  };
  /** After a pause: is the snapshot still the page's text? (Once not, never again.) */
  const resume = () => {
    if (snap !== null && !(snapshot as { current: () => boolean }).current()) snap = null;
  };

  let node: Node | null;
  if (options.from) {
    walker.currentNode = options.from.node;
    node = options.from.node;
  } else node = walker.currentNode === root ? walker.nextNode() : walker.currentNode;
  while (node && node !== until) {
    if (cursor) {
      // Every run this node ends starts a walk taking over here.
      cursor.node = node;
      cursor.pos = pos;
    }
    const type = node.nodeType;
    if (type === 3) {
      const len = (node as Text).length;
      const at = pos;
      pos += len;
      if (len > 0) {
        const parent = node.parentNode;
        if (parent !== lastParent) {
          lastParent = parent;
          lastBlock = blockOf(node);
        }
        const block = lastBlock;
        if (block !== null) {
          // An element boundary with no space across it splits the run where a
          // case or digit step shows two words glued by markup: a footnote
          // "ketamine<sup>12</sup>", minified links "<a>Home</a><a>Ketamine</a>".
          const data = snap === null ? (node as Text).data : null;
          if (
            block !== container ||
            ((crossed || parent !== textParent) &&
              gluedAt(lastCode, data === null ? (snap as string).charCodeAt(at) : data.charCodeAt(0)))
          ) {
            const run = take();
            if (run) {
              yield run;
              resume();
            }
            container = block;
          }
          if (nodes.length === 0) from = at;
          nodes.push(node as Text);
          starts.push(length);
          length += len;
          crossed = false;
          textParent = parent;
          lastCode =
            snap !== null ? snap.charCodeAt(at + len - 1) : (data ?? (node as Text).data).charCodeAt(len - 1);
        }
      }
      node = walker.nextNode();
      continue;
    }
    crossed = true;
    if (type === 4) {
      // CDATA (XHTML): in textContent, never marked; it ends the run.
      pos += (node as CDATASection).length;
      const run = take();
      if (run) {
        yield run;
        resume();
      }
      node = walker.nextNode();
      continue;
    }
    const el = node as Element;
    const name = el.localName;
    if (SKIP_TAGS.has(name) || skip?.has(el)) {
      // A skipped element also ends the run: text on either side is not joined.
      if (snap !== null) pos += (el.textContent ?? '').length;
      const run = take();
      if (run) {
        yield run;
        resume();
      }
      node = nextOutside(walker);
      continue;
    }
    if (!INLINE_TAGS.has(name)) {
      const run = take();
      if (run) {
        yield run;
        resume();
      }
    }
    if (onShadowRoot && (SHADOW_HOSTS.has(name) || name.includes('-'))) {
      const shadow = (el as HTMLElement).shadowRoot;
      if (shadow) onShadowRoot(shadow);
    }
    node = walker.nextNode();
  }
  if (cursor) cursor.node = null;
  const last = take();
  if (last) yield last;
}

/**
 * Where a walk can start for the text around `el`: the outermost skipped
 * element holding it, else its block; null if that is an inline element
 * (no run boundary there).
 */
export function walkStartAround(el: Element): Element | null {
  let start: Element | null = null;
  for (let s = el.closest(SKIP_SELECTOR); s; s = s.parentElement?.closest(SKIP_SELECTOR) ?? null) start = s;
  if (start) return start;
  const block = containerAround(el);
  return block && !isInline(block) ? block : null;
}

/**
 * Do two code units on either side of an element boundary read as two glued
 * words: a lower-case letter or digit then a capital, or a letter then a
 * digit? ASCII only. Code units, not strings: the run's text is a string still
 * being concatenated, and reading its last character would flatten it.
 */
export function gluedAt(a: number, b: number): boolean {
  const lower = a >= 97 && a <= 122;
  const letter = lower || (a >= 65 && a <= 90);
  if ((lower || (a >= 48 && a <= 57)) && b >= 65 && b <= 90) return true;
  return letter && b >= 48 && b <= 57;
}

function nextOutside(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}

/** Maps an offset in `run.text` to the text node and offset inside it. */
export function locate(
  run: TextRun,
  offset: number,
  preferEnd: boolean,
): { node: Text; offset: number; index: number } {
  const { starts, nodes } = run;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = starts[mid] as number;
    if (s < offset || (!preferEnd && s === offset)) lo = mid;
    else hi = mid - 1;
  }
  const node = nodes[lo] as Text;
  return { node, offset: offset - (starts[lo] as number), index: lo };
}
