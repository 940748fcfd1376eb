// What happy-dom lacks of the CSS Custom Highlight API, for unit tests of the
// painter and the Lens: a StaticRange that keeps its ends, and Highlight as a Set.

export class FakeStaticRange {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
  constructor(init: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }) {
    this.startContainer = init.startContainer;
    this.startOffset = init.startOffset;
    this.endContainer = init.endContainer;
    this.endOffset = init.endOffset;
  }
}

export class FakeHighlight extends Set<FakeStaticRange> {}
