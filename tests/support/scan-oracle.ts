// What the page scanner should find, worked out by an independent recursive
// walk (no TreeWalker), and a scan of a tree the way the Lens does it.
import { expect } from 'vitest';
import { SKIP_SELECTOR, type TextRun, walkTextRuns } from '../../lib/dom/text-runs';

type Event = { kind: 'text'; node: Text } | { kind: 'enter' | 'exit'; el: Element };

/** Pre-order events of one tree (not descending into shadow roots, like a TreeWalker). */
export function events(root: Node, out: Event[] = []): Event[] {
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
export function isSkipped(node: Node): boolean {
  let n: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (n) {
    if (n.nodeType === 1 && (n as Element).matches(SKIP_SELECTOR)) return true;
    n = n.nodeType === 11 ? (n as ShadowRoot).host : n.parentNode;
  }
  return false;
}

/** Length of the text (textContent) in `root` before `node`. */
export function textBefore(root: Node, node: Node): number {
  const walker = document.createTreeWalker(root, 0x4 | 0x8);
  let length = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (node.contains(t) || node.compareDocumentPosition(t) & 4) break;
    length += (t as Text).data.length;
  }
  return length;
}

/** Open shadow roots reachable by the scanner from `root` (hosts outside skipped subtrees). */
export function openShadowRoots(root: Node, out: ShadowRoot[] = []): ShadowRoot[] {
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
export function scanAll(root: Node): { runs: TextRun[]; shadows: ShadowRoot[] } {
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

export function describeRun(run: TextRun): string {
  return `run ${JSON.stringify(run.text)} in <${run.container.tagName.toLowerCase()}>`;
}
