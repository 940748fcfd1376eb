// The mark store's per-entry summary (what the popup and the side panel list):
// counts of the kept marks and each entry's first one in reading order, with
// blocks added in any order (the walk goes to the text on screen first).
import { beforeEach, describe, expect, it } from 'vitest';
import { compareMarks, type Mark, MarkStore, textMark } from '../../lib/dom/mark-store';

const A = 1;
const B = 2;

/** Paragraphs with one text node each; marks are [entry, start, end] in a paragraph. */
function page(...texts: string[]): { p: HTMLParagraphElement; text: Text }[] {
  document.body.innerHTML = texts.map((t) => `<p>${t}</p>`).join('');
  return [...document.querySelectorAll('p')].map((p) => ({ p, text: p.firstChild as Text }));
}

function marksOf(block: { p: Element; text: Text }, ...spans: [number, number, number][]): Mark[] {
  return spans.map(([entry, s, e]) => textMark(entry, block.p, block.text, s, block.text, e, undefined));
}

describe('MarkStore.byEntry', () => {
  let store: MarkStore;
  beforeEach(() => {
    store = new MarkStore();
  });

  it('counts every kept mark and finds the first in reading order, whatever order blocks came in', () => {
    const [p0, p1, p2] = page('alpha beta alpha', 'beta', 'alpha beta beta') as [
      { p: HTMLParagraphElement; text: Text },
      { p: HTMLParagraphElement; text: Text },
      { p: HTMLParagraphElement; text: Text },
    ];
    // The text on screen (last paragraph) first, then the top, then the middle.
    store.add(p2.p, marksOf(p2, [A, 0, 5], [B, 6, 10], [B, 11, 15]));
    store.add(p0.p, marksOf(p0, [A, 0, 5], [B, 6, 10], [A, 11, 16]));
    store.add(p1.p, marksOf(p1, [B, 0, 4]));
    const summary = store.byEntry(() => true);
    expect(summary.get(A)?.count).toBe(3);
    expect(summary.get(B)?.count).toBe(4);
    expect(summary.get(A)?.first.startNode).toBe(p0.text);
    expect(summary.get(A)?.first.startOffset).toBe(0);
    expect(summary.get(B)?.first.startNode).toBe(p0.text);
    expect(summary.get(B)?.first.startOffset).toBe(6);
    // Same answer as sorting every mark.
    const sorted = store.all().sort(compareMarks);
    for (const entry of [A, B]) expect(summary.get(entry)?.first).toBe(sorted.find((m) => m.entry === entry));
  });

  it('leaves out what `keep` rejects, for the count and for the first mark', () => {
    const [p0, p1] = page('alpha beta', 'alpha') as [
      { p: HTMLParagraphElement; text: Text },
      { p: HTMLParagraphElement; text: Text },
    ];
    store.add(p1.p, marksOf(p1, [A, 0, 5]));
    store.add(p0.p, marksOf(p0, [A, 0, 5], [B, 6, 10]));
    const hidden = p0.p;
    const summary = store.byEntry((m) => m.container !== hidden);
    expect(summary.get(A)).toEqual({ count: 1, first: expect.objectContaining({ startNode: p1.text }) });
    expect(summary.has(B)).toBe(false);
  });
});

describe('MarkStore.unknown', () => {
  it('passes a run that comes after the block’s marks as it is, and drops marks the block already has', () => {
    const store = new MarkStore();
    const [p0] = page('alpha beta alpha beta') as [{ p: HTMLParagraphElement; text: Text }];
    const first = marksOf(p0, [A, 0, 5], [B, 6, 10]);
    expect(store.unknown(p0.p, first)).toBe(first);
    store.add(p0.p, first);
    const later = marksOf(p0, [A, 11, 16]);
    expect(store.unknown(p0.p, later)).toBe(later);
    // The block walked again (a rescan, then a parked walk coming back over it): nothing new but the last mark.
    const again = marksOf(p0, [A, 0, 5], [B, 6, 10], [A, 11, 16], [B, 17, 21]);
    store.add(p0.p, later);
    expect(store.unknown(p0.p, again).map((m) => m.startOffset)).toEqual([17]);
  });
});

describe('MarkStore.summarize', () => {
  it('yields once per block and ends with what byEntry gives', () => {
    const store = new MarkStore();
    const blocks = page('alpha beta', 'beta', 'alpha') as { p: HTMLParagraphElement; text: Text }[];
    store.add(blocks[2]!.p, marksOf(blocks[2]!, [A, 0, 5]));
    store.add(blocks[0]!.p, marksOf(blocks[0]!, [A, 0, 5], [B, 6, 10]));
    store.add(blocks[1]!.p, marksOf(blocks[1]!, [B, 0, 4]));
    const steps = store.summarize(() => true);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBe(3);
    expect(step.value).toEqual(store.byEntry(() => true));
  });
});
