// Our own index of every mark on the page. CSS.highlights only ever holds the
// marks near the viewport (see painter.ts); this store holds them all, by
// block container (for hit-testing, rescans and painting).

import { paintedMarks } from './paint-rule';
import { blockOf, containerAround } from './text-runs';

export interface Mark {
  entry: number;
  container: Element;
  /** Where the mark starts: a text node and an offset in it. */
  startNode: Text;
  startOffset: number;
  /** Where it ends (the same node for almost every mark). */
  endNode: Text;
  endOffset: number;
  /** Every text node it touches, only for a mark across inline elements; else undefined. */
  nodes: Text[] | undefined;
  /** Created when the mark is first painted: most marks are never near the viewport. */
  range?: StaticRange;
}

/**
 * One object per mark, with no per-mark arrays: a 1 MB article has ~15k marks
 * and each array or piece object was heap (budget: ≤ 5 MB per tab, see
 * docs/architecture.md) and allocation time in the scan. Always this shape
 * (V8 gives them one map).
 */
export function textMark(
  entry: number,
  container: Element,
  startNode: Text,
  startOffset: number,
  endNode: Text,
  endOffset: number,
  nodes: Text[] | undefined,
): Mark {
  return { entry, container, startNode, startOffset, endNode, endOffset, nodes, range: undefined };
}

export class MarkStore {
  // Marks by block only. Hit-testing finds a node's block (blockOf) and looks
  // through that block's few marks; removals find blocks by walking elements.
  // A per-text-node index cost ~0.3 MB of every tab's heap on the 1 MB
  // article (15k Map entries) and a Map write per mark during the scan.
  #byContainer = new Map<Element, Mark[]>();

  get size(): number {
    // Summed when asked (a few times a second at most): no count to keep in step.
    let n = 0;
    for (const marks of this.#byContainer.values()) n += marks.length;
    return n;
  }

  marksIn(container: Element): readonly Mark[] {
    return this.#byContainer.get(container) ?? [];
  }

  /**
   * Of `marks` (one run's, in reading order), those `container` does not
   * have yet. Only a run that does not come after the block's last mark can
   * repeat one, so the usual append costs one comparison.
   */
  unknown(container: Element, marks: Mark[]): Mark[] {
    const list = this.#byContainer.get(container);
    const last = list?.[list.length - 1];
    if (!list || !last || !marks[0] || compareMarks(marks[0], last) > 0) return marks;
    // A mark is its entry at a place: start node, then offset and entry.
    const key = (m: Mark) => `${m.startOffset}:${m.entry}`;
    const known = new Map<Text, Set<string>>();
    for (const m of list) {
      const at = known.get(m.startNode) ?? new Set<string>();
      at.add(key(m));
      known.set(m.startNode, at);
    }
    return marks.filter((m) => !known.get(m.startNode)?.has(key(m)));
  }

  /**
   * Adds marks of `container` (one run's, in reading order); true if it had
   * none before. Each block's marks stay in reading order, which the paint
   * rule reads (paint-rule.ts): a walk that skipped ahead to the text on
   * screen, or the context gate, can bring a block's earlier text later.
   */
  add(container: Element, marks: Mark[]): boolean {
    const list = this.#byContainer.get(container);
    if (list) {
      const last = list[list.length - 1];
      for (const m of marks) list.push(m);
      if (last && marks[0] && precedes(marks[0], last)) list.sort(compareMarks);
    }
    // A copy of exactly this length: an array grown by push() keeps room for
    // 17 items, ~60 bytes per container for nothing (~0.6 MB on the 1 MB article).
    else if (marks.length) this.#byContainer.set(container, marks.slice());
    return !list;
  }

  /**
   * Removes the marks of every container inside `root` (or equal to it). For
   * a shadow root, also the marks of text placed directly in it, which belong
   * to its host.
   */
  removeWithin(root: Node): Mark[] {
    const removed: Mark[] = [];
    this.#dropUnder(root, removed);
    const host = root.nodeType === 11 ? (root as ShadowRoot).host : undefined;
    const marks = host ? this.#byContainer.get(host) : undefined;
    if (host && marks) {
      const inRoot = (n: Text) => n.parentNode === root;
      this.#dropWhere(host, marks, (m) => inRoot(m.startNode) || inRoot(m.endNode), removed);
    }
    return removed;
  }

  /** Drops the marks of `root` and of every element under it that is a container. */
  #dropUnder(root: Node, into: Mark[]): void {
    if (this.#byContainer.size === 0) return;
    if (root.nodeType === 1) this.#dropContainer(root as Element, into);
    const doc = root.ownerDocument ?? (root as Document);
    // NodeFilter.SHOW_ELEMENT
    const walker = doc.createTreeWalker(root, 0x1);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) this.#dropContainer(el as Element, into);
  }

  /**
   * Removes the marks on text the page removed. `removedNodes`: nodes taken
   * out of the page (a removed element takes the containers under it along);
   * `parents`: the nodes they were taken from, whose blocks lose the marks
   * that touch a node no longer in the page.
   */
  removeDisconnected(removedNodes: readonly Node[], parents: readonly Node[]): Mark[] {
    const removed: Mark[] = [];
    for (const node of removedNodes) {
      if (node.nodeType === 1 || node.nodeType === 11) this.#dropUnder(node, removed);
    }
    for (const parent of parents) {
      const container = containerAround(parent);
      const marks = container ? this.#byContainer.get(container) : undefined;
      if (!container || !marks) continue;
      if (marks.some(touchesRemovedText)) this.#dropContainer(container, removed);
    }
    return removed;
  }

  clear(): void {
    this.#byContainer.clear();
  }

  all(): Mark[] {
    const out: Mark[] = [];
    for (const marks of this.#byContainer.values()) for (const m of marks) out.push(m);
    return out;
  }

  /**
   * The first painted mark after `after` in reading order that `keep`
   * accepts (the first of all when `after` is null), one block at a time: a
   * generator that yields after each block (see runSliced). No sort of the
   * page's marks: next-term sorted every painted mark on each key press, one
   * ~80 ms task on the 1 MB article. Each block's painted marks are in
   * reading order, so a block costs a comparison or two.
   */
  *nextPainted(after: Mark | null, keep: (m: Mark) => boolean): Generator<void, Mark | null> {
    let best: Mark | null = null;
    for (const marks of this.#byContainer.values()) {
      const painted = paintedMarks(marks);
      const last = painted[painted.length - 1];
      const first = painted[0];
      if (
        last &&
        first &&
        !(after && compareMarks(last, after) <= 0) &&
        !(best && compareMarks(first, best) >= 0)
      ) {
        for (const m of painted) {
          if (after && compareMarks(m, after) <= 0) continue;
          if (best && compareMarks(m, best) >= 0) break;
          if (keep(m)) {
            best = m;
            break;
          }
        }
      }
      yield;
    }
    return best;
  }

  /**
   * Per entry, how many of its marks `keep` accepts and the first of those in
   * reading order. Each block's marks are in reading order already, so this
   * compares document positions once per block and entry instead of sorting
   * every mark (the side panel asks every 2 s; the 1 MB article has ~15k).
   */
  byEntry(keep: (m: Mark) => boolean): Map<number, { count: number; first: Mark }> {
    const steps = this.summarize(keep);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * byEntry one block at a time: a generator that yields after each block, so
   * a caller can give the page its thread back (a 5 MB page has ~75k marks,
   * and the visibility check of each took one ~110 ms task). Blocks added or
   * dropped meanwhile are counted or skipped as a Map iteration does.
   */
  *summarize(keep: (m: Mark) => boolean): Generator<void, Map<number, { count: number; first: Mark }>> {
    const out = new Map<number, { count: number; first: Mark }>();
    const seenInBlock = new Set<number>();
    for (const marks of this.#byContainer.values()) {
      seenInBlock.clear();
      for (const m of marks) {
        if (!keep(m)) continue;
        const summary = out.get(m.entry);
        if (!summary) out.set(m.entry, { count: 1, first: m });
        else {
          summary.count++;
          if (!seenInBlock.has(m.entry) && compareMarks(m, summary.first) < 0) summary.first = m;
        }
        seenInBlock.add(m.entry);
      }
      yield;
    }
    return out;
  }

  countsByEntry(keep: (m: Mark) => boolean): Map<number, number> {
    const counts = new Map<number, number>();
    for (const marks of this.#byContainer.values()) {
      for (const m of marks) if (keep(m)) counts.set(m.entry, (counts.get(m.entry) ?? 0) + 1);
    }
    return counts;
  }

  #dropContainer(container: Element, into: Mark[]): void {
    const marks = this.#byContainer.get(container);
    if (!marks) return;
    this.#byContainer.delete(container);
    for (const mark of marks) into.push(mark);
  }

  #dropWhere(container: Element, marks: Mark[], drop: (m: Mark) => boolean, into: Mark[]): void {
    const kept: Mark[] = [];
    for (const m of marks) (drop(m) ? into : kept).push(m);
    if (kept.length) this.#byContainer.set(container, kept);
    else this.#byContainer.delete(container);
  }
}

/** Negative when mark `a` starts before mark `b` in the document. */
export function compareMarks(a: Mark, b: Mark): number {
  const na = a.startNode;
  const nb = b.startNode;
  if (na === nb) return a.startOffset - b.startOffset;
  // DOCUMENT_POSITION_FOLLOWING = 4
  return na.compareDocumentPosition(nb) & 4 ? -1 : 1;
}

/** Does mark `a` start before mark `b`? */
function precedes(a: Mark, b: Mark): boolean {
  return compareMarks(a, b) < 0;
}

/** Does the mark touch a text node that is no longer in the page? */
function touchesRemovedText(mark: Mark): boolean {
  if (mark.nodes === undefined) return !mark.startNode.isConnected;
  for (const n of mark.nodes) if (!n.isConnected) return true;
  return false;
}

/**
 * The mark covering `offset` in text node `node`, if any, found through the
 * node's block. For hit-testing, which lives in the lazily loaded popover
 * runtime (so this is not in the content script's own bundle).
 */
export function markAt(
  marksIn: (container: Element) => readonly Mark[],
  node: Node,
  offset: number,
): Mark | undefined {
  const container = node.nodeType === 3 ? blockOf(node) : null;
  if (!container) return undefined;
  for (const mark of marksIn(container)) {
    if (mark.nodes === undefined ? mark.startNode !== node : !mark.nodes.includes(node as Text)) continue;
    const start = node === mark.startNode ? mark.startOffset : 0;
    const end = node === mark.endNode ? mark.endOffset : (node as Text).data.length;
    if (offset >= start && offset < end) return mark;
  }
  return undefined;
}
