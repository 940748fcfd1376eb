// What a page could see of us, in happy-dom: the painter's "No marks" style
// registers and adopts nothing, and the lens's mutation tracker ignores our
// own popover host by identity (it carries no attribute to look for).
// docs/decisions/0009-not-identifiable-by-pages.md
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MarkStore } from '../../lib/dom/mark-store';
import { MutationTracker } from '../../lib/dom/mutation-tracker';
import { ownNodes } from '../../lib/dom/own-nodes';
import { Painter } from '../../lib/dom/painter';
import type { ScanQueue } from '../../lib/dom/scan-queue';

const win = window as unknown as Record<string, unknown> & { CSS: { highlights: Map<string, unknown> } };
const saved = {
  Highlight: win.Highlight,
  IntersectionObserver: win.IntersectionObserver,
  CSS: Object.getOwnPropertyDescriptor(window, 'CSS') as PropertyDescriptor,
};

class FakeIntersectionObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

beforeEach(() => {
  win.Highlight = class extends Set {};
  win.IntersectionObserver = FakeIntersectionObserver;
  // happy-dom's window.CSS is a getter that makes a new object each time.
  Object.defineProperty(window, 'CSS', {
    value: Object.assign(win.CSS, { highlights: new Map() }),
    configurable: true,
  });
  document.adoptedStyleSheets = [];
});

afterEach(() => {
  win.Highlight = saved.Highlight;
  win.IntersectionObserver = saved.IntersectionObserver;
  Object.defineProperty(window, 'CSS', saved.CSS);
  document.body.replaceChildren();
});

const painter = (style: 'underline' | 'hover-only') =>
  new Painter(document, { isSafety: () => false, style, rootOnly: true }, () => []);
const registered = () => [...win.CSS.highlights.keys()];

describe('painter', () => {
  it('registers random names, a new pair for every painter', () => {
    const a = painter('underline');
    a.start();
    expect(registered()).toEqual([a.names.term, a.names.safety]);
    expect(document.adoptedStyleSheets).toHaveLength(1);
    a.stop();
    expect(registered()).toEqual([]);
    expect(document.adoptedStyleSheets).toEqual([]);
    const b = painter('underline');
    expect(b.names.term).not.toBe(a.names.term);
    expect(b.names.safety).not.toBe(a.names.safety);
  });

  it('"No marks" puts nothing in the page, and switching style adds or takes it all', () => {
    const p = painter('hover-only');
    p.start();
    const shadow = document.body.appendChild(document.createElement('div')).attachShadow({ mode: 'open' });
    p.adopt(shadow);
    p.ensureRegistered(); // the content script's repair timer
    expect(registered()).toEqual([]);
    expect(document.adoptedStyleSheets).toEqual([]);
    expect(shadow.adoptedStyleSheets).toEqual([]);

    p.setStyle('underline');
    expect(registered()).toEqual([p.names.term, p.names.safety]);
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect(shadow.adoptedStyleSheets).toHaveLength(1);

    p.setStyle('hover-only');
    expect(registered()).toEqual([]);
    expect(document.adoptedStyleSheets).toEqual([]);
    expect(shadow.adoptedStyleSheets).toEqual([]);
    p.stop();
  });
});

describe('mutation tracker', () => {
  it('does no work for our own host coming and going, and still sees the page', async () => {
    const queue = { changes: 0, push: vi.fn(), wake: vi.fn() };
    const host = {
      store: { removeDisconnected: () => [] } as unknown as MarkStore,
      drop: vi.fn(),
      forget: vi.fn(),
    };
    const tracker = new MutationTracker(
      window as unknown as Window & typeof globalThis,
      queue as unknown as ScanQueue,
      host,
    );
    tracker.observe(document);
    const ours = document.createElement('div');
    ownNodes().add(ours);
    document.documentElement.append(ours);
    ours.remove();
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.changes).toBe(0);

    const theirs = document.createElement('p');
    theirs.textContent = 'ketamine';
    document.body.append(theirs);
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.changes).toBe(1);
    tracker.stop();
  });
});
