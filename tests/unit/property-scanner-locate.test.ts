// Property-based tests of the page scanner (lib/dom/text-runs.ts) on random
// DOM trees: every located offset lands inside a scanned text node, scans
// repeat, a walk started ahead joins up with the part it skipped, and any
// node may be a root.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { locate, SKIP_SELECTOR, type TextRun, walkStartAround, walkTextRuns } from '../../lib/dom/text-runs';
import { compileMatcherIndex, loadMatcher } from '../../lib/matcher';
import { build, GLOSSARY, mount, NUM_RUNS, tree } from '../support/random-dom';
import { describeRun, events, scanAll, textBefore } from '../support/scan-oracle';

const MATCHER = loadMatcher(compileMatcherIndex(GLOSSARY));

afterEach(() => {
  document.body.textContent = '';
});

describe('scanner properties (random DOM trees in happy-dom)', () => {
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
