// Our own index of every mark on the page. CSS.highlights only ever holds the
// marks near the viewport (see painter.ts); this store holds them all, keyed
// by text node for ~µs hit-testing and by block container for rescans.

export interface Mark {
  entry: number;
  container: Element;
  range: StaticRange;
  /** Every text node the mark touches, with the part of it the mark covers. */
  pieces: { node: Text; start: number; end: number }[];
}

export class MarkStore {
  private byContainer = new Map<Element, Mark[]>();
  private byNode = new WeakMap<Text, Mark[]>();
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

  /** Removes the marks of every container inside `root` (or equal to it). */
  removeWithin(root: Node): Mark[] {
    const removed: Mark[] = [];
    for (const [container, marks] of this.byContainer) {
      if (container === root || root.contains(container) || !container.isConnected) {
        this.dropContainer(container, marks, removed);
      }
    }
    return removed;
  }

  /** Removes marks whose text has left the document. */
  removeDisconnected(): Mark[] {
    const removed: Mark[] = [];
    for (const [container, marks] of this.byContainer) {
      if (!container.isConnected || marks.some((m) => m.pieces.some((p) => !p.node.isConnected))) {
        this.dropContainer(container, marks, removed);
      }
    }
    return removed;
  }

  clear(): Mark[] {
    const removed: Mark[] = [];
    for (const [container, marks] of this.byContainer) this.dropContainer(container, marks, removed);
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
