// Our own index of every mark on the page. CSS.highlights only ever holds the
// marks near the viewport (see painter.ts); this store holds them all, keyed
// by text node for ~µs hit-testing and by block container for rescans.

export interface MarkPiece {
  node: Text;
  start: number;
  end: number;
}

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
  /** The part of each text node the mark covers (computed on demand: hover and tests only). */
  readonly pieces: MarkPiece[];
}

/**
 * One object per mark, with no per-mark arrays: a 1 MB article has ~15k marks
 * and each array or piece object was heap (DESIGN §4: ≤ 5 MB per tab) and
 * allocation time in the scan.
 */
export class TextMark implements Mark {
  range?: StaticRange = undefined;
  constructor(
    public entry: number,
    public container: Element,
    public startNode: Text,
    public startOffset: number,
    public endNode: Text,
    public endOffset: number,
    public nodes: Text[] | undefined,
  ) {}

  get pieces(): MarkPiece[] {
    const nodes = this.nodes ?? [this.startNode];
    const last = nodes.length - 1;
    return nodes.map((node, i) => ({
      node,
      start: i === 0 ? this.startOffset : 0,
      end: i === last ? this.endOffset : node.data.length,
    }));
  }
}

/** A node's marks: one mark (by far the commonest) or several; no array for one. */
type NodeMarks = Mark | Mark[];

export class MarkStore {
  private byContainer = new Map<Element, Mark[]>();
  // A Map, not a WeakMap: faster with tens of thousands of nodes, and entries
  // leave with their marks (removals, rescans, clear()).
  private byNode = new Map<Text, NodeMarks>();
  private total = 0;

  get size(): number {
    return this.total;
  }

  containers(): IterableIterator<Element> {
    return this.byContainer.keys();
  }

  marksIn(container: Element): readonly Mark[] {
    return this.byContainer.get(container) ?? [];
  }

  hasMarksIn(container: Element): boolean {
    return this.byContainer.has(container);
  }

  /** Adds marks of `container`. */
  add(container: Element, marks: Mark[]): void {
    if (marks.length === 0) return;
    const list = this.byContainer.get(container);
    if (list) for (const m of marks) list.push(m);
    // A copy of exactly this length: an array grown by push() keeps room for
    // 17 items, ~60 bytes per container for nothing (~0.6 MB on the 1 MB article).
    else this.byContainer.set(container, marks.slice());
    for (const mark of marks) {
      if (mark.nodes === undefined) this.index(mark.startNode, mark);
      else for (const node of mark.nodes) this.index(node, mark);
    }
    this.total += marks.length;
  }

  private index(node: Text, mark: Mark): void {
    const at = this.byNode.get(node);
    if (at === undefined) this.byNode.set(node, mark);
    else if (Array.isArray(at)) at.push(mark);
    else this.byNode.set(node, [at, mark]);
  }

  private unindex(node: Text, mark: Mark): void {
    const at = this.byNode.get(node);
    if (at === undefined) return;
    if (!Array.isArray(at)) {
      if (at === mark) this.byNode.delete(node);
      return;
    }
    const rest = at.filter((m) => m !== mark);
    if (rest.length === 0) this.byNode.delete(node);
    else this.byNode.set(node, rest.length === 1 ? (rest[0] as Mark) : rest);
  }

  private marksOfNode(node: Text): readonly Mark[] {
    const at = this.byNode.get(node);
    return at === undefined ? [] : Array.isArray(at) ? at : [at];
  }

  /** Removes the marks of every container inside `root` (or equal to it): found through root's text nodes. */
  removeWithin(root: Node): Mark[] {
    const removed: Mark[] = [];
    const own = root.nodeType === 1 ? this.byContainer.get(root as Element) : undefined;
    if (own) this.dropContainer(root as Element, own, removed);
    this.dropUnder(root, removed);
    return removed;
  }

  private dropUnder(root: Node, into: Mark[]): void {
    if (this.byNode.size === 0) return;
    const doc = root.ownerDocument ?? (root as Document);
    // NodeFilter.SHOW_TEXT
    const walker = doc.createTreeWalker(root, 0x4);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!this.byNode.has(t as Text)) continue;
      for (const mark of [...this.marksOfNode(t as Text)]) {
        const list = this.byContainer.get(mark.container);
        if (list) this.dropContainer(mark.container, list, into);
      }
    }
  }

  /**
   * Removes the marks on text the page removed. A removed text node names its
   * marks directly; a removed element is walked for its text nodes (detached:
   * the walk is cheap and invisible to the page).
   */
  removeDisconnected(removedNodes: readonly Node[]): Mark[] {
    const removed: Mark[] = [];
    for (const node of removedNodes) {
      if (node.nodeType === 3) {
        for (const mark of [...this.marksOfNode(node as Text)]) {
          const marks = this.byContainer.get(mark.container);
          if (marks) this.dropContainer(mark.container, marks, removed);
        }
      } else if (node.nodeType === 1 || node.nodeType === 11) this.dropUnder(node, removed);
    }
    return removed;
  }

  clear(): Mark[] {
    const removed = this.all();
    this.byContainer.clear();
    this.byNode.clear();
    this.total = 0;
    return removed;
  }

  /** The mark covering `offset` in `node`, if any. */
  at(node: Node, offset: number): Mark | undefined {
    for (const mark of this.marksOfNode(node as Text)) {
      const start = node === mark.startNode ? mark.startOffset : 0;
      const end = node === mark.endNode ? mark.endOffset : (node as Text).data.length;
      if (offset >= start && offset < end) return mark;
    }
    return undefined;
  }

  all(): Mark[] {
    const out: Mark[] = [];
    for (const marks of this.byContainer.values()) for (const m of marks) out.push(m);
    return out;
  }

  /** Marks in reading (document) order. */
  inReadingOrder(): Mark[] {
    return this.all().sort((a, b) => {
      const na = a.startNode;
      const nb = b.startNode;
      if (na === nb) return a.startOffset - b.startOffset;
      // DOCUMENT_POSITION_FOLLOWING = 4
      return na.compareDocumentPosition(nb) & 4 ? -1 : 1;
    });
  }

  countsByEntry(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const marks of this.byContainer.values()) {
      for (const m of marks) counts.set(m.entry, (counts.get(m.entry) ?? 0) + 1);
    }
    return counts;
  }

  private dropContainer(container: Element, marks: Mark[], into: Mark[]): void {
    this.byContainer.delete(container);
    this.total -= marks.length;
    for (const mark of marks) {
      into.push(mark);
      if (mark.nodes === undefined) this.unindex(mark.startNode, mark);
      else for (const node of mark.nodes) this.unindex(node, mark);
    }
  }
}
