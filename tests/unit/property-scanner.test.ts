// Property-based tests of the page scanner (lib/dom/text-runs.ts) on random
// DOM trees built in happy-dom: nested inline elements, empty text nodes,
// block elements, skipped subtrees (code, textarea, hidden, opt-out …), open
// and closed shadow roots and SVG text. walkTextRuns + locate must never
// throw, runs must be exactly the page's readable text split at block
// boundaries, and every located offset must land inside a scanned text node.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  blockOf,
  gluedAt,
  isInline,
  locate,
  SKIP_SELECTOR,
  type TextRun,
  walkStartAround,
  walkTextRuns,
} from '../../lib/dom/text-runs';
import type { GlossaryEntry } from '../../lib/glossary/types';
import { compileMatcherIndex, loadMatcher } from '../../lib/matcher';
import { readGlossaryFiles } from '../../modules/matcher-index';

const GLOSSARY: GlossaryEntry[] = readGlossaryFiles();
const MATCHER = loadMatcher(compileMatcherIndex(GLOSSARY));
const ALIAS_TEXTS = [...new Set(GLOSSARY.flatMap((e) => e.aliases.map((a) => a.text)))];

const NUM_RUNS = 150;
const SVG_NS = 'http://www.w3.org/2000/svg';

// ---------------------------------------------------------------------------
// Random trees
// ---------------------------------------------------------------------------

type Spec =
  | { kind: 'text'; data: string }
  | {
      kind: 'el';
      tag: string;
      svg?: boolean;
      attrs: [string, string][];
      children: Spec[];
      shadow?: { mode: 'open' | 'closed'; children: Spec[] };
    };

const INLINE = ['b', 'i', 'em', 'span', 'strong', 'a', 'sub', 'mark', 'q', 'abbr'];
const BLOCK = [
  'div',
  'p',
  'li',
  'section',
  'blockquote',
  'h2',
  'td',
  'article',
  'br',
  'hr',
  'button',
  'label',
];
// (No <template>: happy-dom moves appended children into its content fragment.)
const SKIPPED = ['code', 'textarea', 'pre', 'kbd', 'script', 'style', 'noscript', 'select', 'option'];
const ATTRS: [string, string][] = [
  ['hidden', ''],
  ['aria-hidden', 'true'],
  ['aria-hidden', 'false'],
  ['contenteditable', ''],
  ['contenteditable', 'true'],
  ['contenteditable', 'false'],
  ['data-ketamine-lens', 'off'],
  ['data-ketamine-lens', 'on'],
  ['lang', 'he'],
  ['dir', 'rtl'],
  ['class', 'x'],
];

const textData = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ALIAS_TEXTS) },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z]{1,8}$/) },
  { weight: 3, arbitrary: fc.constantFrom('', '', ' ', '\n  ', '\u00a0', '-', ', ', '. ') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'keta',
      'mine',
      'NMDA ',
      'receptor',
      ' antagonist',
      'K-',
      'hole',
      'S',
      'pravato',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '😀',
      '𝐊',
      'e\u0301',
      'קטמין',
      'كيتامين',
      '\u200f',
      '\u00ad',
      '\ud83d',
      '\ude00',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

const attrs = fc.array(fc.constantFrom(...ATTRS), { maxLength: 2 }).map((list) => {
  // One value per attribute name.
  const seen = new Map<string, string>();
  for (const [k, v] of list) seen.set(k, v);
  return [...seen];
});

const { tree } = fc.letrec<{ tree: Spec; node: Spec; svgText: Spec }>((tie) => ({
  tree: fc.record({
    kind: fc.constant('el' as const),
    tag: fc.constant('div'),
    attrs: fc.constant([] as [string, string][]),
    children: fc.array(tie('node'), { maxLength: 6 }),
  }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: textData.map((data) => ({ kind: 'text' as const, data })) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('el' as const),
        tag: fc.constantFrom(...INLINE),
        attrs: fc.oneof(
          { weight: 5, arbitrary: fc.constant([] as [string, string][]) },
          { weight: 1, arbitrary: attrs },
        ),
        children: fc.array(tie('node'), { maxLength: 4 }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('el' as const),
        tag: fc.constantFrom(...BLOCK),
        attrs: fc.oneof(
          { weight: 4, arbitrary: fc.constant([] as [string, string][]) },
          { weight: 1, arbitrary: attrs },
        ),
        children: fc.array(tie('node'), { maxLength: 4 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('el' as const),
        tag: fc.constantFrom(...SKIPPED),
        attrs: fc.constant([] as [string, string][]),
        children: fc.array(tie('node'), { maxLength: 3 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('el' as const),
        tag: fc.constantFrom('span', 'div', 'section', 'x-card'),
        attrs: fc.constant([] as [string, string][]),
        children: fc.array(tie('node'), { maxLength: 2 }),
        shadow: fc.record({
          mode: fc.constantFrom('open' as const, 'closed' as const),
          children: fc.array(tie('node'), { maxLength: 4 }),
        }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('el' as const),
        tag: fc.constant('svg'),
        svg: fc.constant(true),
        attrs: fc.constant([] as [string, string][]),
        children: fc.array(tie('svgText'), { maxLength: 3 }),
      }),
    },
  ),
  svgText: fc.record({
    kind: fc.constant('el' as const),
    tag: fc.constantFrom('text', 'title'),
    svg: fc.constant(true),
    attrs: fc.constant([] as [string, string][]),
    children: fc.array(
      fc.oneof(
        textData.map((data) => ({ kind: 'text' as const, data })),
        fc.record({
          kind: fc.constant('el' as const),
          tag: fc.constant('tspan'),
          svg: fc.constant(true),
          attrs: fc.constant([] as [string, string][]),
          children: fc.array(
            textData.map((data) => ({ kind: 'text' as const, data })),
            { maxLength: 2 },
          ),
        }),
      ),
      { maxLength: 3 },
    ),
  }),
}));

function build(spec: Spec, parent: Node): void {
  if (spec.kind === 'text') {
    parent.appendChild(document.createTextNode(spec.data));
    return;
  }
  const el = spec.svg ? document.createElementNS(SVG_NS, spec.tag) : document.createElement(spec.tag);
  for (const [k, v] of spec.attrs) el.setAttribute(k, v);
  for (const child of spec.children) build(child, el);
  if (spec.shadow) {
    const root = el.attachShadow({ mode: spec.shadow.mode });
    for (const child of spec.shadow.children) build(child, root);
  }
  parent.appendChild(el);
}

function mount(spec: Spec): HTMLElement {
  document.body.textContent = '';
  const root = document.createElement('div');
  for (const child of spec.kind === 'el' ? spec.children : [spec]) build(child, root);
  document.body.appendChild(root);
  return root;
}

afterEach(() => {
  document.body.textContent = '';
});

// ---------------------------------------------------------------------------
// Oracle: an independent recursive walk (no TreeWalker)
// ---------------------------------------------------------------------------

type Event = { kind: 'text'; node: Text } | { kind: 'enter' | 'exit'; el: Element };

/** Pre-order events of one tree (not descending into shadow roots, like a TreeWalker). */
function events(root: Node, out: Event[] = []): Event[] {
  for (let n = root.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) out.push({ kind: 'text', node: n as Text });
    else if (n.nodeType === 1) {
      out.push({ kind: 'enter', el: n as Element });
      events(n, out);
      out.push({ kind: 'exit', el: n as Element });
    }
  }
  return out;
}

/** Is this element skipped, by itself or through an ancestor (crossing shadow boundaries to the host)? */
function isSkipped(node: Node): boolean {
  let n: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (n) {
    if (n.nodeType === 1 && (n as Element).matches(SKIP_SELECTOR)) return true;
    n = n.nodeType === 11 ? (n as ShadowRoot).host : n.parentNode;
  }
  return false;
}

/** Length of the text (textContent) in `root` before `node`. */
function textBefore(root: Node, node: Node): number {
  const walker = document.createTreeWalker(root, 0x4 | 0x8);
  let length = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (node.contains(t) || node.compareDocumentPosition(t) & 4) break;
    length += (t as Text).data.length;
  }
  return length;
}

/** Open shadow roots reachable by the scanner from `root` (hosts outside skipped subtrees). */
function openShadowRoots(root: Node, out: ShadowRoot[] = []): ShadowRoot[] {
  for (const ev of events(root)) {
    if (ev.kind !== 'enter') continue;
    const sr = (ev.el as HTMLElement).shadowRoot;
    if (sr && !isSkipped(ev.el)) {
      out.push(sr);
      openShadowRoots(sr, out);
    }
  }
  return out;
}

/**
 * Scans like the Lens does: the root, then every open shadow root reported on
 * the way; each root twice, with run text read from its textContent snapshot
 * (as the Lens does) and from the nodes' data, which must agree.
 */
function scanAll(root: Node): { runs: TextRun[]; shadows: ShadowRoot[] } {
  const runs: TextRun[] = [];
  const shadows: ShadowRoot[] = [];
  const queue: Node[] = [root];
  while (queue.length) {
    const next = queue.shift() as Node;
    const snapshot = { text: next.textContent ?? '', current: () => true };
    const fromData = [...walkTextRuns(next)];
    for (const run of walkTextRuns(next, {
      snapshot,
      onShadowRoot: (sr) => {
        shadows.push(sr);
        queue.push(sr);
      },
    })) {
      runs.push(run);
    }
    expect(runs.slice(runs.length - fromData.length), 'runs from the snapshot = runs from data').toEqual(
      fromData,
    );
  }
  return { runs, shadows };
}

function describeRun(run: TextRun): string {
  return `run ${JSON.stringify(run.text)} in <${run.container.tagName.toLowerCase()}>`;
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

describe('scanner properties (random DOM trees in happy-dom)', () => {
  it('runs are well-formed: text is the concatenation of their nodes, offsets add up, one container', () => {
    fc.assert(
      fc.property(tree, (spec) => {
        const root = mount(spec);
        const { runs } = scanAll(root);
        const seen = new Set<Text>();
        for (const run of runs) {
          const where = describeRun(run);
          expect(run.nodes.length, where).toBeGreaterThan(0);
          expect(run.starts.length, where).toBe(run.nodes.length);
          expect(run.nodes.map((n) => n.data).join(''), where).toBe(run.text);
          let at = 0;
          run.nodes.forEach((node, i) => {
            expect(run.starts[i], `${where}: start of node ${i}`).toBe(at);
            expect(node.data.length, `${where}: empty text node ${i} in a run`).toBeGreaterThan(0);
            at += node.data.length;
            expect(blockOf(node), `${where}: node ${i} belongs to another block`).toBe(run.container);
            // The container holds the node; text placed directly in a shadow
            // root belongs to the root's host.
            const root = node.getRootNode();
            const holder =
              run.container.contains(node) ||
              (node.parentNode === root && root instanceof ShadowRoot && root.host === run.container);
            expect(holder, `${where}: container does not hold node ${i}`).toBe(true);
            expect(
              isSkipped(node),
              `${where}: node ${i} ${JSON.stringify(node.data)} is in a skipped subtree`,
            ).toBe(false);
            expect(seen.has(node), `${where}: node ${i} is in two runs`).toBe(false);
            seen.add(node);
          });
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('runs cover every readable text node, once, in document order, split exactly at block and skip boundaries', () => {
    fc.assert(
      fc.property(tree, (spec) => {
        const root = mount(spec);
        const { runs, shadows } = scanAll(root);
        // Every reachable open shadow root is reported once; closed ones never.
        expect(new Set(shadows)).toEqual(new Set(openShadowRoots(root)));
        expect(shadows.length).toBe(new Set(shadows).size);

        const runOf = new Map<Text, number>();
        runs.forEach((run, r) => {
          for (const n of run.nodes) runOf.set(n, r);
        });

        for (const tree of [root, ...shadows]) {
          const evs = events(tree);
          // Readable text: non-empty and not in a skipped subtree (text placed
          // directly in a shadow root included).
          const readable = evs.flatMap((e, i) =>
            e.kind === 'text' && e.node.data.length > 0 && !isSkipped(e.node) ? [{ node: e.node, i }] : [],
          );
          for (const { node } of readable) {
            expect(
              runOf.has(node),
              `readable text ${JSON.stringify(node.data)} (parent ${node.parentNode?.nodeName}) was not scanned`,
            ).toBe(true);
          }
          // Consecutive readable texts share a run exactly when only inline,
          // non-skipped elements open or close between them, they have the same
          // block, and no element boundary glues two words (gluedAt).
          for (let k = 1; k < readable.length; k++) {
            const a = readable[k - 1] as { node: Text; i: number };
            const b = readable[k] as { node: Text; i: number };
            const between = evs.slice(a.i + 1, b.i);
            const glued =
              between.some((e) => e.kind !== 'text') &&
              gluedAt(a.node.data.charCodeAt(a.node.data.length - 1), b.node.data.charCodeAt(0));
            const joined =
              !glued &&
              blockOf(a.node) === blockOf(b.node) &&
              between.every((e) => e.kind === 'text' || (isInline(e.el) && !e.el.matches(SKIP_SELECTOR)));
            const ra = runOf.get(a.node);
            const rb = runOf.get(b.node);
            expect(
              ra === rb,
              `${JSON.stringify(a.node.data)} and ${JSON.stringify(b.node.data)} should ${joined ? '' : 'not '}be one run`,
            ).toBe(joined);
            // Document order: a later text never lands in an earlier run.
            expect((rb ?? 0) >= (ra ?? 0)).toBe(true);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("scans text that is a direct child of an open shadow root (e.g. a Lit template's top-level text)", () => {
    // blockOf() used to climb parentElement only, which is null for a text
    // node whose parent is a ShadowRoot, so the text was never scanned.
    const root = mount({ kind: 'el', tag: 'div', attrs: [], children: [] });
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append('Esketamine is a nasal spray. ', document.createElement('br'), 'ketamine');
    root.append(host);
    const texts = scanAll(root).runs.map((r) => r.text);
    expect(texts).toEqual(['Esketamine is a nasal spray. ', 'ketamine']);
  });

  it('locate maps every offset into a scanned text node, and ranges read back as the run text', () => {
    fc.assert(
      fc.property(
        tree,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }),
        (spec, pairs) => {
          const root = mount(spec);
          const { runs } = scanAll(root);
          for (const run of runs) {
            const len = run.text.length;
            // Random spans plus the matcher's own matches in this run.
            const spans = pairs.map(([x, y]) => {
              const a = x % (len + 1);
              const b = y % (len + 1);
              return [Math.min(a, b), Math.max(a, b)] as const;
            });
            for (const m of MATCHER.findAll(run.text)) spans.push([m.start, m.end]);
            for (const [s, e] of spans) {
              const where = `${describeRun(run)} span [${s}, ${e})`;
              const start = locate(run, s, false);
              const end = locate(run, e, true);
              const si = run.nodes.indexOf(start.node);
              const ei = run.nodes.indexOf(end.node);
              expect(si, `${where}: start node not in the run`).toBeGreaterThanOrEqual(0);
              expect(ei, `${where}: end node not in the run`).toBeGreaterThanOrEqual(0);
              if (s < e) expect(si, where).toBeLessThanOrEqual(ei);
              expect(start.offset, where).toBeGreaterThanOrEqual(0);
              expect(start.offset, where).toBeLessThanOrEqual(start.node.data.length);
              expect(end.offset, where).toBeGreaterThanOrEqual(0);
              expect(end.offset, where).toBeLessThanOrEqual(end.node.data.length);
              expect((run.starts[si] as number) + start.offset, where).toBe(s);
              expect((run.starts[ei] as number) + end.offset, where).toBe(e);
              if (s < len)
                expect(start.offset, `${where}: a start never sits at the end of a node`).toBeLessThan(
                  start.node.data.length,
                );
              if (e > 0)
                expect(end.offset, `${where}: an end never sits at the start of a node`).toBeGreaterThan(0);
              // The pieces a Mark would hold (lens.ts toMark) read back as the span.
              let read = '';
              for (let i = si; i <= ei; i++) {
                const node = run.nodes[i] as Text;
                read += node.data.slice(
                  i === si ? start.offset : 0,
                  i === ei ? end.offset : node.data.length,
                );
              }
              expect(read, where).toBe(run.text.slice(s, e));
              // …and so does a live Range over the same boundary points.
              if (s < e) {
                const range = document.createRange();
                range.setStart(start.node, start.offset);
                range.setEnd(end.node, end.offset);
                expect(range.toString(), where).toBe(run.text.slice(s, e));
              }
            }
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('is deterministic: scanning twice gives the same runs, and a scan of a skipped root gives none', () => {
    fc.assert(
      fc.property(tree, (spec) => {
        const root = mount(spec);
        const first = scanAll(root).runs;
        const second = scanAll(root).runs;
        expect(second.length).toBe(first.length);
        second.forEach((run, i) => {
          const other = first[i] as TextRun;
          expect(run.container).toBe(other.container);
          expect(run.text).toBe(other.text);
          expect(run.starts).toEqual(other.starts);
          expect(run.nodes.length).toBe(other.nodes.length);
          run.nodes.forEach((n, j) => {
            expect(n).toBe(other.nodes[j]);
          });
        });
        // Scanning from inside a skipped subtree yields nothing.
        for (const el of root.querySelectorAll(SKIP_SELECTOR)) {
          expect([...walkTextRuns(el)]).toEqual([]);
          const inner = el.firstElementChild;
          if (inner) expect([...walkTextRuns(inner)]).toEqual([]);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a walk moved ahead (visible part first) and the part it skipped join up to exactly the whole walk', () => {
    let moved = 0;
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), fc.boolean(), (spec, pickRun, pickEl, useSnapshot) => {
        const root = mount(spec);
        const snapshot = useSnapshot ? { text: root.textContent ?? '', current: () => true } : undefined;
        const whole = [...walkTextRuns(root, { snapshot })];
        const wholeShadows: ShadowRoot[] = [];
        for (const _ of walkTextRuns(root, { onShadowRoot: (sr) => wholeShadows.push(sr) }));
        if (whole.length === 0) return;
        // Walk k runs, then move ahead to the walk start around a random element.
        const k = 1 + (pickRun % whole.length);
        const cursor = { node: null as Node | null, pos: 0 };
        const shadows: ShadowRoot[] = [];
        const onShadowRoot = (sr: ShadowRoot) => shadows.push(sr);
        const first = walkTextRuns(root, { snapshot, cursor, onShadowRoot });
        const runs: TextRun[] = [];
        for (let i = 0; i < k; i++) runs.push(first.next().value as TextRun);
        const next = cursor.node;
        // An element after the walk's position (as one on screen further down would be).
        const elements = events(root).flatMap((e) =>
          e.kind !== 'text' && next && next.compareDocumentPosition(e.el) & 4 ? [e.el] : [],
        );
        let start = elements.length ? walkStartAround(elements[pickEl % elements.length] as Element) : null;
        // happy-dom's closest() returns a <select> as another object than the
        // one in the tree (a browser returns the element itself): not a start here.
        if (start?.localName === 'select') start = null;
        if (!next || !start || start === next || !(next.compareDocumentPosition(start) & 4)) {
          // Nothing to move to: the walk goes on where it was and still reads everything.
          for (const run of first) runs.push(run);
          expect(runs).toEqual(whole);
          return;
        }
        first.return(undefined);
        moved++;
        const ahead = [
          ...walkTextRuns(root, {
            snapshot,
            onShadowRoot,
            from: { node: start, pos: textBefore(root, start) },
          }),
        ];
        const skipped = [
          ...walkTextRuns(root, {
            snapshot,
            onShadowRoot,
            from: { node: next, pos: cursor.pos },
            until: start,
          }),
        ];
        expect([...runs, ...skipped, ...ahead]).toEqual(whole);
        expect(new Set(shadows)).toEqual(new Set(wholeShadows));
        expect(shadows.length).toBe(wholeShadows.length);
      }),
      { numRuns: 300 },
    );
    // Many random cases really moved the walk (about a third: in the rest the
    // walk had reached its last run, or the element's block held the cursor).
    expect(moved).toBeGreaterThan(50);
  });

  it('never throws on any node as a root, including text, comments, fragments and detached trees', () => {
    fc.assert(
      fc.property(tree, fc.nat(), (spec, pick) => {
        const root = mount(spec);
        root.appendChild(document.createComment('ketamine in a comment'));
        const all: Node[] = [root];
        for (const ev of events(root)) all.push(ev.kind === 'text' ? ev.node : ev.el);
        const chosen = all[pick % all.length] as Node;
        expect(() => [...walkTextRuns(chosen)]).not.toThrow();
        const frag = document.createDocumentFragment();
        frag.appendChild(document.createTextNode('ketamine'));
        expect(() => [...walkTextRuns(frag)]).not.toThrow();
        const detached = document.createElement('p');
        build(spec, detached);
        const runs = [...walkTextRuns(detached)];
        for (const run of runs) expect(run.nodes.map((n) => n.data).join('')).toBe(run.text);
      }),
      { numRuns: 100 },
    );
  });
});

describe('words glued by markup', () => {
  /** Run texts of a paragraph built from trusted test markup (DOMParser, not innerHTML). */
  function runTexts(markup: string): string[] {
    const parsed = new DOMParser().parseFromString(`<p>${markup}</p>`, 'text/html');
    const p = document.importNode(parsed.body.firstElementChild as Element, true);
    document.body.append(p);
    return [...walkTextRuns(p)].map((r) => r.text);
  }

  it.each([
    ['a footnote number after a term', 'Ketamine<sup>12</sup> is used', ['Ketamine', '12 is used']],
    [
      'minified links',
      '<a href="#">Home</a><a href="#">Ketamine</a><a href="#">About</a>',
      ['Home', 'Ketamine', 'About'],
    ],
    ['a number before a capital', '<sup>3</sup>Esketamine', ['3', 'Esketamine']],
  ])('splits the run at %s', (_what, markup, runs) => {
    expect(runTexts(markup)).toEqual(runs);
  });

  it.each([
    ['a drop cap', '<span class="cap">K</span>etamine', ['Ketamine']],
    ['part of a word in an element', 'keta<mark>mine</mark> and <b>K</b>-hole', ['ketamine and K-hole']],
    ['a term split by emphasis', 'NMDA <em>receptor</em> antagonist', ['NMDA receptor antagonist']],
    ['capitals on both sides', '<b>NMDA</b>R', ['NMDAR']],
  ])('keeps %s in one run', (_what, markup, runs) => {
    expect(runTexts(markup)).toEqual(runs);
  });

  it('keeps adjacent text nodes without an element between them in one run (they render glued)', () => {
    const p = document.createElement('p');
    p.append('Home', 'Ketamine');
    document.body.append(p);
    expect([...walkTextRuns(p)].map((r) => r.text)).toEqual(['HomeKetamine']);
  });

  it('gluedAt: lower case or digit then capital, or letter then digit', () => {
    const glued = (before: string, next: string) =>
      gluedAt(before.charCodeAt(before.length - 1), next.charCodeAt(0));
    expect(glued('home', 'Ketamine')).toBe(true);
    expect(glued('2024', 'Ketamine')).toBe(true);
    expect(glued('ketamine', '12')).toBe(true);
    expect(glued('NMDA', 'R')).toBe(false);
    expect(glued('keta', 'mine')).toBe(false);
    expect(glued('ketamine.', '12')).toBe(false);
    expect(glued('ketamine ', 'Esketamine')).toBe(false);
    expect(glued('12', '34')).toBe(false);
  });
});

describe('text snapshot', () => {
  it("falls back to the nodes' data once the page changed during a pause", () => {
    const root = document.createElement('div');
    const p1 = document.createElement('p');
    p1.append('First: ketamine.');
    const p2 = document.createElement('p');
    p2.append('Second: ', document.createElement('b'), 'esketamine.');
    root.append(p1, p2);
    document.body.append(root);
    let current = true;
    const runs = walkTextRuns(root, { snapshot: { text: root.textContent ?? '', current: () => current } });
    expect(runs.next().value?.text).toBe('First: ketamine.');
    // While the walk is paused the page rewrites text the walk has not reached:
    // the snapshot no longer reads as the page.
    (p2.firstChild as Text).data = 'Now: ';
    current = false;
    expect(runs.next().value?.text).toBe('Now: esketamine.');
    expect(runs.next().done).toBe(true);
  });

  it('is ignored for a root whose textContent is not its text (a document)', () => {
    const doc = document.implementation.createHTMLDocument('t');
    doc.body.append('Spravato in a document.');
    const texts = [...walkTextRuns(doc, { snapshot: { text: '', current: () => true } })].map((r) => r.text);
    expect(texts).toEqual(['Spravato in a document.']);
  });
});
