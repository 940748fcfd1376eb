// Our own index of every mark on the page. CSS.highlights only ever holds the
// marks near the viewport (see painter.ts); this store holds them all, keyed
// by text node for ~µs hit-testing and by block container for rescans.

export interface Mark {
  entry: number;
  container: Element;
  /** Created when the mark is first painted: most marks are never near the viewport. */
  range?: StaticRange;
  /** Every text node the mark touches, with the part of it the mark covers. */
  pieces: { node: Text; start: number; end: number }[];
}

export class MarkStore {
  private byContainer = new Map<Element, Mark[]>();
  // A Map, not a WeakMap: faster with tens of thousands of nodes, and entries
  // leave with their marks (removals, rescans, clear()).
  private byNode = new Map<Text, Mark[]>();
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

  add(container: Element, marks: Mark[]): void {
    if (marks.length === 0) return;
    const list = this.byContainer.get(container);
    if (list) list.push(...marks);
    else this.byContainer.set(container, marks.slice());
    for (const mark of marks) {
      for (const piece of mark.pieces) {
        const at = this.byNode.get(piece.node);
        if (at) at.push(mark);
        else this.byNode.set(piece.node, [mark]);
      }
    }
    this.total += marks.length;
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
    const doc = root.ownerDocument ?? (root as Document);
    // NodeFilter.SHOW_TEXT
    const walker = doc.createTreeWalker(root, 0x4);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const marks = this.byNode.get(t as Text);
      if (!marks) continue;
      for (const mark of [...marks]) {
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
    const dropMarksOf = (text: Node) => {
      for (const mark of this.byNode.get(text as Text) ?? []) {
        const marks = this.byContainer.get(mark.container);
        if (marks) this.dropContainer(mark.container, marks, removed);
      }
    };
    for (const node of removedNodes) {
      if (node.nodeType === 3) dropMarksOf(node);
      else if (node.nodeType === 1 || node.nodeType === 11) this.dropUnder(node, removed);
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
    const marks = this.byNode.get(node as Text);
    if (!marks) return undefined;
    for (const mark of marks) {
      for (const p of mark.pieces) {
        if (p.node === node && offset >= p.start && offset < p.end) return mark;
      }
    }
    return undefined;
  }

  all(): Mark[] {
    const out: Mark[] = [];
    for (const marks of this.byContainer.values()) out.push(...marks);
    return out;
  }

  /** Marks in reading (document) order. */
  inReadingOrder(): Mark[] {
    return this.all().sort((a, b) => {
      const na = a.pieces[0]?.node;
      const nb = b.pieces[0]?.node;
      if (!na || !nb) return 0;
      if (na === nb) return (a.pieces[0]?.start ?? 0) - (b.pieces[0]?.start ?? 0);
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
      for (const piece of mark.pieces) {
        const at = this.byNode.get(piece.node);
        if (!at) continue;
        const rest = at.filter((m) => m !== mark);
        if (rest.length) this.byNode.set(piece.node, rest);
        else this.byNode.delete(piece.node);
      }
    }
  }
}
