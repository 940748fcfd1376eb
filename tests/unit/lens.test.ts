// The Lens end to end in happy-dom, through its public seams only: start()
// (resolves when the scan's queue is empty), the mark store, onMarksChanged,
// and what the painter registers in CSS.highlights. The matcher is a stand-in
// with one context-giving term (tier 1) and one that needs page context
// (tier 2), so these tests are about the orchestration, not the glossary.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Lens, type PageMatcher, type RunMatch } from '../../lib/dom/lens';
import { compareMarks, type Mark } from '../../lib/dom/mark-store';
import { installFakes, removeFakes, viewport, fakeWindow as win } from '../support/fake-highlight-api';

// ---- a stand-in matcher ----------------------------------------------------

const KETAMINE = 0; // tier 1: gives the page context
const K_HOLE = 1; // tier 2: marked only on a page with context
const TERMS = /\b(?:ketamine|k-hole)\b/gi;

/** Advanced by every find() while `slow`: the clock the scan's time slices read. */
let clock = 0;
let slow = false;

const matcher: PageMatcher = {
  find(text, from = 0, to = text.length) {
    if (slow) clock += 2;
    const out: RunMatch[] = [];
    const re = new RegExp(TERMS);
    re.lastIndex = from;
    for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
      out.push({ start: m.index, end: m.index + m[0].length, entry: /^k-/i.test(m[0]) ? K_HOLE : KETAMINE });
    }
    return out;
  },
  couldGiveContext: (text) => /ketamine/i.test(text),
  filter: (matches, _text, pageHasContext) => matches.filter((m) => m.entry === KETAMINE || pageHasContext),
  givesContext: (matches) => matches.some((m) => m.entry === KETAMINE),
  needsContext: (matches) => matches.some((m) => m.entry === K_HOLE),
  isSafety: () => false,
  isEnabled: () => true,
};

// ---- helpers ---------------------------------------------------------------

let lens: Lens | null = null;
/** Store size at every onMarksChanged call. */
let reports: number[] = [];

function startLens(readingWindow = false): Promise<void> {
  reports = [];
  const l = new Lens({
    doc: document,
    matcher,
    style: 'underline',
    readingWindow,
    onMarksChanged: () => reports.push(l.store.size),
  });
  lens = l;
  return l.start();
}

const store = () => (lens as Lens).store;
const $ = (id: string, root: ParentNode = document) => root.querySelector(`#${id}`) as HTMLElement;

/** The text each mark covers (all marks here sit in one text node). */
const covered = (m: Mark) => m.startNode.data.slice(m.startOffset, m.endOffset);
const marksIn = (el: Element) => store().marksIn(el).map(covered);
/** The text of every mark, in reading order. */
const allMarks = () => store().all().sort(compareMarks).map(covered);

/** The text of every range registered with CSS.highlights (all ours: the registry is new for each test, and the names random). */
function painted(): string[] {
  return [...win.CSS.highlights.values()].flatMap((h) =>
    [...h].map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset)),
  );
}

const paragraphs = (n: number, text: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => `<p id="p${i}">${text(i)}</p>`).join('');

beforeEach(() => {
  installFakes();
  clock = 0;
  slow = false;
});

afterEach(() => {
  lens?.stop();
  lens = null;
  vi.restoreAllMocks();
  document.body.replaceChildren();
  removeFakes();
});

// ---- the scan queue ----------------------------------------------------------

describe('scan queue', () => {
  it('walks every root it is given: the page, its open shadow roots, and roots met while draining', async () => {
    document.body.innerHTML =
      '<p id="a">Ketamine first.</p><div id="host"></div><p id="b">Then ketamine.</p>';
    const outer = $('host').attachShadow({ mode: 'open' });
    outer.innerHTML = '<p id="in">ketamine in a shadow root</p><div id="inner-host"></div>';
    const inner = $('inner-host', outer).attachShadow({ mode: 'open' });
    inner.innerHTML = '<p id="deep">and ketamine deeper</p>';

    await startLens();

    expect(marksIn($('a'))).toEqual(['Ketamine']);
    expect(marksIn($('b'))).toEqual(['ketamine']);
    expect(marksIn($('in', outer))).toEqual(['ketamine']);
    expect(marksIn($('deep', inner))).toEqual(['ketamine']);
    expect(lens?.shadowRoots()).toEqual([outer, inner]);
    // Painted too (the whole page is "near the viewport" in happy-dom).
    await vi.waitFor(() => expect(painted()).toHaveLength(4));
  });

  it('drains in time slices: the page runs its own tasks between them', async () => {
    document.body.innerHTML = paragraphs(100, (i) => `Paragraph ${i}: ketamine, ${'text '.repeat(20)}`);
    slow = true; // every find() takes 2 ms of the scan's clock
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    let sizeSeenByPage = -1;
    setTimeout(() => {
      sizeSeenByPage = store().size;
    }, 0);

    await startLens();

    // The page's timer ran in the middle of the scan, not before or after it.
    expect(sizeSeenByPage).toBeGreaterThan(0);
    expect(sizeSeenByPage).toBeLessThan(100);
    // Marks are reported at every pause, growing, and all are there at the end.
    expect(reports.length).toBeGreaterThan(3);
    expect(reports).toEqual([...reports].sort((x, y) => x - y));
    expect(reports.at(-1)).toBe(100);
    expect(allMarks()).toEqual(Array(100).fill('ketamine'));
  });

  it('moves the walk to the text on screen first, then comes back: every run is marked once', async () => {
    document.body.innerHTML = paragraphs(100, (i) => `Paragraph ${i}: ketamine, ${'text '.repeat(20)}`);
    slow = true;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    // The reader is far down the page, at paragraph 80.
    viewport.top = -10_000;
    vi.spyOn(document, 'elementFromPoint').mockImplementation(() => $('p80'));
    let seenOnScreenFirst = false;
    const done = startLens();
    const check = setInterval(() => {
      if (store().marksIn($('p80')).length && !store().marksIn($('p50')).length) seenOnScreenFirst = true;
    }, 0);
    await done;
    clearInterval(check);

    expect(seenOnScreenFirst).toBe(true);
    for (let i = 0; i < 100; i++) expect(marksIn($(`p${i}`)), `p${i}`).toEqual(['ketamine']);
  });

  it('stops trusting its text snapshot once the page changes mid-scan', async () => {
    document.body.innerHTML = paragraphs(100, (i) => `Paragraph ${i}: ketamine, ${'text '.repeat(20)}`);
    slow = true;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    // At the scan's first pause the page rewrites a paragraph further down,
    // longer than it was: every later run in the old snapshot is misplaced.
    setTimeout(() => {
      ($('p60').firstChild as Text).data =
        `A much longer paragraph now, ${'words '.repeat(30)}and a k-hole, ketamine.`;
    }, 0);

    await startLens();

    // Every mark sits on a term as the page reads now (checked before the
    // rescan of the changed block, which is hundreds of ms away on this clock).
    expect(new Set(allMarks().map((t) => t.toLowerCase()))).toEqual(new Set(['ketamine', 'k-hole']));
    expect(marksIn($('p99'))).toEqual(['ketamine']);
  });
});

// ---- the context gate ----------------------------------------------------------

/**
 * Lays the paragraphs p0, p1, … out one under another, PARA_PX tall each,
 * scrolled to viewport.top; anything else spans the page. elementFromPoint
 * answers with the paragraph at that height.
 */
const PARA_PX = 100;
function layOut(): void {
  const box = (top: number, height: number) =>
    ({ top, bottom: top + height, height, width: 500, left: 0, right: 500 }) as DOMRect;
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const i = /^p(\d+)$/.exec(this.id)?.[1];
    return i === undefined ? box(-viewport.top, 1e6) : box(Number(i) * PARA_PX - viewport.top, PARA_PX);
  });
  vi.spyOn(document, 'elementFromPoint').mockImplementation(
    (_x, y) => document.getElementById(`p${Math.floor((viewport.top + y) / PARA_PX)}`) ?? null,
  );
}

describe('reading window', () => {
  const marked = () => Array.from({ length: 200 }, (_, i) => store().marksIn($(`p${i}`)).length);

  it('walks the paragraphs near the viewport, the ones the reader scrolls to, and the rest when asked: each once', async () => {
    document.body.innerHTML = paragraphs(200, (i) => `Paragraph ${i}: ketamine, ${'more words '.repeat(6)}`);
    layOut();
    const h = window.innerHeight;
    await startLens(true);
    expect(lens?.partial).toBe(true);
    // Down to the viewport's bottom (and at most one look, ~3000 characters, past it).
    const first = marked().lastIndexOf(1);
    expect(first).toBeGreaterThanOrEqual(Math.ceil(h / PARA_PX) - 1);
    expect(first).toBeLessThan(100);
    expect(
      marked()
        .slice(0, first + 1)
        .every((n) => n === 1),
    ).toBe(true);

    // A jump to paragraph 150: it and the screen above it are read, not what lies between.
    viewport.top = 150 * PARA_PX;
    window.dispatchEvent(new Event('scroll'));
    await vi.waitFor(() => expect(marksIn($('p150'))).toEqual(['ketamine']));
    await vi.waitFor(() => expect(lens?.partial).toBe(true));
    expect(marksIn($(`p${150 - Math.floor(h / PARA_PX)}`))).toEqual(['ketamine']);
    expect(marksIn($('p120'))).toEqual([]);

    await lens?.complete();
    expect(lens?.partial).toBe(false);
    expect(marked().every((n) => n === 1)).toBe(true);
  });

  it('reads to the viewport bottom until the reader scrolls, then to a screen below it', async () => {
    // ~310 characters a paragraph: a look at the window every ~10 paragraphs (1,000 px).
    document.body.innerHTML = paragraphs(200, (i) => `Paragraph ${i}: ketamine, ${'more words '.repeat(26)}`);
    layOut();
    const h = window.innerHeight;
    const read = () => marked().lastIndexOf(1);
    await startLens(true);
    expect(read()).toBeGreaterThanOrEqual(Math.ceil(h / PARA_PX) - 1);
    expect(read()).toBeLessThan(Math.ceil((2 * h) / PARA_PX) - 1);
    viewport.top = 10;
    window.dispatchEvent(new Event('scroll'));
    await vi.waitFor(() => expect(read()).toBeGreaterThanOrEqual(Math.ceil((2 * h + 10) / PARA_PX) - 1));
    expect(lens?.partial).toBe(true);
  });

  it('skips hidden text in parked parts, and hidden text added after the walk began', async () => {
    document.body.innerHTML = paragraphs(200, (i) => `Paragraph ${i}: ketamine, ${'more words '.repeat(6)}`);
    for (let i = 5; i < 200; i += 10) $(`p${i}`).hidden = true;
    layOut();
    await startLens(true);
    expect(lens?.partial).toBe(true);
    // Far below, in parked text: the page adds a hidden term to a paragraph.
    $('p190').insertAdjacentHTML('beforeend', '<span hidden>and a k-hole</span>');
    await lens?.complete();
    const expected = Array.from({ length: 200 }, (_, i) => (i % 10 === 5 ? 0 : 1));
    // A walk under way may meet the new element first; the rescan of its block follows.
    await vi.waitFor(() => expect(marked()).toEqual(expected), { timeout: 3000 });
  });

  it('does not stop at the window while a term waits for page context further down', async () => {
    // The k-hole at the top, the ketamine that gives the page context 150 paragraphs down.
    document.body.innerHTML = paragraphs(151, (i) =>
      i === 0 ? 'A k-hole, described.' : i === 150 ? 'ketamine' : `Filler ${i} ${'words '.repeat(12)}`,
    );
    layOut();
    await startLens(true);
    expect(marksIn($('p0'))).toEqual(['k-hole']);
  });
});

describe('context gate', () => {
  it('marks the tier-2 terms before the first tier-1 term once the scan reaches it', async () => {
    // In #late the k-hole comes first, in a run of its own (code ends a run):
    // the block is walked again with a mark in it already.
    document.body.innerHTML = `${paragraphs(30, (i) => `Section ${i}: a k-hole, and ${'text '.repeat(20)}`)}
      <p id="late">A k-hole <code>x</code> and only here: ketamine.</p><p id="after">Another k-hole.</p>`;
    slow = true; // context arrives several slices into the scan
    vi.spyOn(performance, 'now').mockImplementation(() => clock);

    await startLens();

    expect(reports.length).toBeGreaterThan(2);
    for (let i = 0; i < 30; i++) expect(marksIn($(`p${i}`)), `p${i}`).toEqual(['k-hole']);
    expect(marksIn($('late'))).toEqual(['k-hole', 'ketamine']);
    expect(marksIn($('after'))).toEqual(['k-hole']);
  });

  it('walks the light DOM it skipped once a shadow root gives the page context', async () => {
    // Nothing in the light DOM can give context (the precheck skips its walk).
    document.body.innerHTML = '<p id="a">A k-hole.</p><div id="host"></div><p id="b">Another k-hole.</p>';
    const shadow = $('host').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="in">About ketamine.</p>';

    await startLens();

    expect(marksIn($('in', shadow))).toEqual(['ketamine']);
    expect(marksIn($('a'))).toEqual(['k-hole']);
    expect(marksIn($('b'))).toEqual(['k-hole']);
  });

  it('marks no tier-2 term on a page without context', async () => {
    document.body.innerHTML = '<p id="a">A k-hole.</p><div id="host"></div>';
    $('host').attachShadow({ mode: 'open' }).innerHTML = '<p>Another k-hole.</p>';

    await startLens();

    expect(store().size).toBe(0);
    expect(reports).toEqual([0]);
  });
});

// ---- mutations -------------------------------------------------------------------

describe('mutations', () => {
  it('marks text the page adds after the scan', async () => {
    document.body.innerHTML = '<p id="a">Ketamine.</p>';
    await startLens();

    const p = document.createElement('p');
    p.innerHTML = 'New: <em>ketamine</em> and a k-hole.';
    document.body.append(p);
    ($('a').firstChild as Text).after(' Also a k-hole.');

    await vi.waitFor(() => expect(allMarks()).toEqual(['Ketamine', 'k-hole', 'ketamine', 'k-hole']));
    await vi.waitFor(() => expect(painted().sort()).toEqual(['Ketamine', 'k-hole', 'k-hole', 'ketamine']));
  });

  it('never marks the document title, even when the page changes it', async () => {
    document.body.innerHTML = '<p id="a">Ketamine.</p>';
    await startLens();
    document.title = 'Ketamine and the k-hole';
    const p = document.createElement('p');
    p.textContent = 'A k-hole.';
    document.body.append(p);
    await vi.waitFor(() => expect(allMarks()).toEqual(['Ketamine', 'k-hole']));
  });

  it('drops the marks of removed blocks, and of removed text inside a block', async () => {
    document.body.innerHTML =
      '<div id="gone"><p id="g1">Ketamine.</p><p>A k-hole.</p></div>' +
      '<p id="a">Ketamine <b id="bold">k-hole</b> ketamine.</p>' +
      '<p id="keep">Kept: ketamine.</p>';
    await startLens();
    expect(store().size).toBe(6);
    // #a paints its first ketamine, not the repeat (docs/decisions/0012).
    await vi.waitFor(() =>
      expect(painted().sort()).toEqual(['Ketamine', 'Ketamine', 'k-hole', 'k-hole', 'ketamine']),
    );

    $('gone').remove();
    $('bold').remove();

    await vi.waitFor(() => expect(allMarks()).toEqual(['Ketamine', 'ketamine', 'ketamine']));
    expect(marksIn($('a'))).toEqual(['Ketamine', 'ketamine']);
    // Rescanned, #a still paints only its first ketamine.
    await vi.waitFor(() => expect(painted().sort()).toEqual(['Ketamine', 'ketamine']));
  });

  it('marks what a rewritten text reads now', async () => {
    document.body.innerHTML = '<p id="a">Ketamine here.</p><p id="b">Ketamine there.</p>';
    await startLens();

    ($('a').firstChild as Text).data = 'Nothing to see.';
    ($('b').firstChild as Text).data = 'Now a k-hole, then ketamine.';

    await vi.waitFor(() => expect(marksIn($('b'))).toEqual(['k-hole', 'ketamine']));
    expect(marksIn($('a'))).toEqual([]);
    await vi.waitFor(() => expect(painted().sort()).toEqual(['k-hole', 'ketamine']));
  });

  it('after stop: no marks, nothing painted, and page changes are ignored', async () => {
    document.body.innerHTML = '<p id="a">Ketamine.</p>';
    await startLens();
    await vi.waitFor(() => expect(painted()).toEqual(['Ketamine']));

    // A change whose rescan is already scheduled, then one after stop.
    ($('a').firstChild as Text).data = 'Ketamine, rewritten.';
    await Promise.resolve();
    lens?.stop();
    const reportsAtStop = reports.length;
    document.body.insertAdjacentHTML('beforeend', '<p>More ketamine.</p>');
    await new Promise((r) => setTimeout(r, 400));

    expect(store().size).toBe(0);
    expect(win.CSS.highlights).toEqual(new Map());
    expect(reports).toHaveLength(reportsAtStop);
  });
});
