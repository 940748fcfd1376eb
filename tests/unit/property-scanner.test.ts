// Property-based tests of the page scanner (lib/dom/text-runs.ts) on random
// DOM trees built in happy-dom (tests/support/random-dom.ts): walkTextRuns
// must never throw, and runs must be exactly the page's readable text split
// at block boundaries, each in one container.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { blockOf, gluedAt, isInline, SKIP_SELECTOR } from '../../lib/dom/text-runs';
import { mount, NUM_RUNS, tree } from '../support/random-dom';
import { describeRun, events, isSkipped, openShadowRoots, scanAll } from '../support/scan-oracle';

afterEach(() => {
  document.body.textContent = '';
});

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
});
