// How a radix trie travels in the matcher index: encodeTrie at build time
// (compile.ts), decodeTrie at run time (trie.ts). Both halves and the layout
// constants live here so the format is written down once.
//
// The format is built for a cold content script: the index is JSON inlined
// into the per-page bundle, so it must gzip well and decode in one pass
// without parsing numbers.

/**
 * Serialised radix trie (part of MatcherIndex). Nodes are numbered in
 * depth-first preorder with the root as 0 and children sorted by the first
 * character of their edge, so the edge labels concatenated in node order read
 * like a front-coded sorted word list (which gzip compresses well) and a
 * node's first child is the next node: no pointers are stored. Small numbers
 * are stored as characters, String.fromCharCode(CHAR_BASE + n): one or two
 * bytes of JSON each, decoded without parsing.
 */
export interface PackedTrie {
  /**
   * Edge labels of nodes 1…n-1 concatenated (UTF-16 code units, folded):
   * " " is the separator, "'" the apostrophe.
   */
  labels: string;
  /** Edge length of nodes 1…n-1, one character each. */
  edges: string;
  /**
   * One character per node 0…n-1: childCount << NODE_KIDS_SHIFT, plus the
   * output count if below OUTS_FOLLOW, else OUTS_FOLLOW and the count is the
   * next character of `out`.
   */
  nodes: string;
  /**
   * The outputs of the nodes in node order, one character each:
   * zigzag(value − previous value) << 1, plus OUT_EXACT if case-sensitive.
   * Deltas, because neighbouring forms are mostly the same alias (ketamine,
   * ketamines). Outputs are stored in the order the matcher checks them.
   */
  out: string;
  /** The exact normalised form of each case-sensitive output, in order. */
  exact: string[];
}

/** A stored number n is the character CHAR_BASE + n. "0" and up: below are '"' and controls, which JSON escapes. */
export const CHAR_BASE = 48;
/** A node character holds its child count above the low two bits … */
export const NODE_KIDS_SHIFT = 2;
/** … and its output count in them; their maximum means "the count follows in `out`". */
export const OUTS_FOLLOW = (1 << NODE_KIDS_SHIFT) - 1;
/** Low bit of an output character: the output is case-sensitive (see PackedTrie.exact). */
export const OUT_EXACT = 1;
/** Output characters stay below the surrogates: one UTF-16 unit, valid JSON on its own. */
const MAX_CHAR = 0xd7ff;
/** Largest output value: its delta, zigzagged and shifted past OUT_EXACT, still fits MAX_CHAR. */
export const MAX_TRIE_VALUE = (MAX_CHAR - CHAR_BASE - OUT_EXACT) >> 2;

const char = (n: number): string => String.fromCharCode(CHAR_BASE + n);

// ---------------------------------------------------------------------------
// Encode (build time)
// ---------------------------------------------------------------------------

/** One output of a node: a value and, for a case-sensitive form, the exact form. */
export interface TrieOutput {
  value: number;
  exact?: string | undefined;
}

/** A character trie as the encoder reads it: one node per code unit of the keys. */
export interface TrieSource<N> {
  readonly children: ReadonlyMap<number, N>;
}

/**
 * Packs a character trie as a radix trie in depth-first preorder (see
 * PackedTrie): chains of single-child nodes without outputs become one edge.
 * @param outputsOf a node's outputs in the order the matcher checks them.
 */
export function encodeTrie<N extends TrieSource<N>>(
  root: N,
  outputsOf: (node: N) => readonly TrieOutput[],
): PackedTrie {
  const labels: string[] = [];
  const edges: string[] = [];
  const nodes: string[] = [];
  const out: string[] = [];
  const exact: string[] = [];
  let previous = 0;
  const visit = (node: N): void => {
    const outs = outputsOf(node);
    const keys = [...node.children.keys()].sort((a, b) => a - b);
    nodes.push(char((keys.length << NODE_KIDS_SHIFT) + Math.min(outs.length, OUTS_FOLLOW)));
    if (outs.length >= OUTS_FOLLOW) out.push(char(outs.length));
    for (const o of outs) {
      if (o.value > MAX_TRIE_VALUE) throw new RangeError(`trie output ${o.value} too large`);
      const delta = o.value - previous;
      previous = o.value;
      const zigzag = delta >= 0 ? delta * 2 : -delta * 2 - 1;
      out.push(char(zigzag * 2 + (o.exact === undefined ? 0 : OUT_EXACT)));
      if (o.exact !== undefined) exact.push(o.exact);
    }
    for (const k of keys) {
      let edge = String.fromCharCode(k);
      let child = node.children.get(k) as N;
      while (child.children.size === 1 && outputsOf(child).length === 0) {
        const [k2, next] = child.children.entries().next().value as [number, N];
        edge += String.fromCharCode(k2);
        child = next;
      }
      labels.push(edge);
      edges.push(char(edge.length));
      visit(child);
    }
  };
  visit(root);
  return { labels: labels.join(''), edges: edges.join(''), nodes: nodes.join(''), out: out.join(''), exact };
}

// ---------------------------------------------------------------------------
// Decode (run time)
// ---------------------------------------------------------------------------

/**
 * A packed trie as flat arrays, node numbers as in PackedTrie. A tuple, not
 * an object: property names would survive minification into the content
 * script.
 * - labels, exact: as in PackedTrie;
 * - edgeStart: the edge of node n is labels[edgeStart[n] … edgeStart[n + 1]);
 * - first: the first code unit of each node's edge (what a parent looks
 *   children up by);
 * - count: child count of each node; a node's first child is node + 1;
 * - nextSib: next sibling of a node (0 = none);
 * - outStart, outVal: the outputs of node n are outVal[outStart[n] … outStart[n + 1]);
 * - outExact: index into PackedTrie.exact for a case-sensitive output, -1 otherwise.
 */
export type TrieArrays = [
  labels: string,
  exact: readonly string[],
  edgeStart: Int32Array,
  first: Uint16Array,
  count: Int32Array,
  nextSib: Int32Array,
  outStart: Int32Array,
  outVal: Int32Array,
  outExact: Int32Array,
];

/** Decodes a packed trie in one pass: linear in its size, no parsing. */
export function decodeTrie(packed: PackedTrie): TrieArrays {
  const { labels, edges, nodes, out } = packed;
  const n = nodes.length;
  const edgeStart = new Int32Array(n + 1);
  const first = new Uint16Array(n);
  const count = new Int32Array(n);
  const nextSib = new Int32Array(n);
  const outStart = new Int32Array(n + 1);
  const outVal = new Int32Array(out.length);
  const outExact = new Int32Array(out.length);
  // Open nodes of the preorder walk: children still to come, last child seen.
  const stackLeft = new Int32Array(n + 1);
  const stackLast = new Int32Array(n + 1);
  let top = -1;
  let pos = 0; // label offset
  let o = 0; // position in `out`
  let outs = 0; // outputs decoded
  let x = 0; // case-sensitive outputs decoded
  let value = 0;
  for (let i = 0; i < n; i++) {
    const code = nodes.charCodeAt(i) - CHAR_BASE;
    if (i > 0) {
      edgeStart[i] = pos;
      first[i] = labels.charCodeAt(pos);
      pos += edges.charCodeAt(i - 1) - CHAR_BASE;
      while (stackLeft[top] === 0) top--;
      const prev = stackLast[top] as number;
      if (prev !== 0) nextSib[prev] = i;
      stackLast[top] = i;
      stackLeft[top] = (stackLeft[top] as number) - 1;
    }
    const kids = code >> NODE_KIDS_SHIFT;
    count[i] = kids;
    if (kids > 0) {
      top++;
      stackLeft[top] = kids;
      stackLast[top] = 0;
    }
    outStart[i] = outs;
    let k = code & OUTS_FOLLOW;
    if (k === OUTS_FOLLOW) k = out.charCodeAt(o++) - CHAR_BASE;
    for (; k > 0; k--) {
      const v = out.charCodeAt(o++) - CHAR_BASE;
      const zigzag = v >> 1;
      value += zigzag & 1 ? -((zigzag + 1) >> 1) : zigzag >> 1;
      outVal[outs] = value;
      outExact[outs++] = v & OUT_EXACT ? x++ : -1;
    }
  }
  edgeStart[n] = pos;
  outStart[n] = outs;
  return [labels, packed.exact, edgeStart, first, count, nextSib, outStart, outVal, outExact];
}
