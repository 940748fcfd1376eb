// Random DOM trees for the page scanner's property tests (lib/dom/text-runs.ts):
// nested inline elements, empty text nodes, block elements, skipped subtrees
// (code, textarea, hidden, opt-out …), open and closed shadow roots and SVG
// text, with the glossary's own alias texts among the words.
import fc from 'fast-check';
import type { GlossaryEntry } from '../../lib/glossary/types';
import { readGlossaryFiles } from '../../modules/matcher-index';

export const GLOSSARY: GlossaryEntry[] = readGlossaryFiles();

const ALIAS_TEXTS = [...new Set(GLOSSARY.flatMap((e) => e.aliases.map((a) => a.text)))];

export const NUM_RUNS = 150;
const SVG_NS = 'http://www.w3.org/2000/svg';

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

export const { tree } = fc.letrec<{ tree: Spec; node: Spec; svgText: Spec }>((tie) => ({
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

export function build(spec: Spec, parent: Node): void {
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

export function mount(spec: Spec): HTMLElement {
  document.body.textContent = '';
  const root = document.createElement('div');
  for (const child of spec.kind === 'el' ? spec.children : [spec]) build(child, root);
  document.body.appendChild(root);
  return root;
}
