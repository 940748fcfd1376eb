// Touch and pen taps (lib/popover/tap.ts, tap-controller.ts), the tap-pinned
// hover intent and the phone layout box (compact-layout.ts). Rules:
// docs/decisions/0011-touch-and-links.md.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMPACT_BELOW_PX, compactBox } from '../../lib/popover/compact-layout';
import type { HoverTarget } from '../../lib/popover/hover-controller';
import { HoverIntent } from '../../lib/popover/hover-intent';
import { isTap, pageActionAt } from '../../lib/popover/tap';
import { TapController } from '../../lib/popover/tap-controller';
import {
  HIDE_DELAY_MS,
  SHOW_DELAY_MS,
  TAP_MAX_MS,
  TAP_REPLAY_MS,
  TAP_SLOP_PX,
} from '../../lib/popover/timing';

const press = (x: number, y: number, at: number, pointerType = 'touch') => ({ x, y, at, pointerType });

describe('isTap', () => {
  it('is a short touch or pen press that barely moved', () => {
    expect(isTap(press(10, 10, 0), press(12, 11, 120))).toBe(true);
    expect(isTap(press(10, 10, 0, 'pen'), press(10, 10, 80, 'pen'))).toBe(true);
  });
  it('is not a mouse click, a scroll, a long-press or a lift without a press', () => {
    expect(isTap(press(10, 10, 0, 'mouse'), press(10, 10, 80, 'mouse'))).toBe(false);
    expect(isTap(press(10, 10, 0), press(10, 10 + TAP_SLOP_PX + 1, 80))).toBe(false);
    expect(isTap(press(10, 10, 0), press(10, 10, TAP_MAX_MS + 1))).toBe(false);
    expect(isTap(null, press(10, 10, 80))).toBe(false);
    expect(isTap(press(10, 10, 0, 'pen'), press(10, 10, 80))).toBe(false);
  });
});

describe('pageActionAt', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });
  it('finds the link or control around a text node, also from inside an open shadow root', () => {
    const a = document.createElement('a');
    a.href = '/next';
    const em = document.createElement('em');
    em.append('K-hole');
    a.append(em);
    const p = document.createElement('p');
    p.append('plain ketamine');
    const button = document.createElement('div');
    button.setAttribute('role', 'button');
    const shadow = button.attachShadow({ mode: 'open' });
    const span = document.createElement('span');
    span.append('esketamine');
    shadow.append(span);
    document.body.append(a, p, button);
    expect(pageActionAt(em.firstChild)).toBe(a);
    expect(pageActionAt(p.firstChild)).toBeNull();
    expect(pageActionAt(span.firstChild)).toBe(button);
    expect(pageActionAt(null)).toBeNull();
  });
  it('leaves an anchor without href (a named target) to us', () => {
    const a = document.createElement('a');
    a.name = 'section';
    a.append('ketamine');
    document.body.append(a);
    expect(pageActionAt(a.firstChild)).toBeNull();
  });
});

describe('compactBox', () => {
  const none = { top: 0, right: 0, bottom: 0, left: 0 };
  it('spans the visual viewport less margins and safe areas below the phone breakpoint', () => {
    const { rect, width } = compactBox(
      { x: 0, y: 100, width: 390, height: 500 },
      { top: 20, right: 0, bottom: 34, left: 0 },
      8,
      380,
    );
    expect(rect).toEqual({ x: 8, y: 128, width: 374, height: 430 });
    expect(width).toBe(374);
  });
  it('keeps the desktop width on wider screens, inside the visible part when zoomed', () => {
    expect(compactBox({ x: 0, y: 0, width: COMPACT_BELOW_PX, height: 800 }, none, 8, 380).width).toBe(380);
    const zoomed = compactBox({ x: 300, y: 40, width: 200, height: 300 }, none, 8, 380);
    expect(zoomed.rect.x).toBe(308);
    expect(zoomed.width).toBe(184);
  });
});

describe('HoverIntent pinned by a tap', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  it('ignores hover facts until closed, then hovers as before', () => {
    const events: string[] = [];
    const intent = new HoverIntent<string>(
      { show: (t) => events.push(`show ${t}`), hide: () => events.push('hide') },
      { set: (fn, ms) => setTimeout(fn, ms) as unknown as number, clear: (id) => clearTimeout(id) },
    );
    intent.showNow('A', true);
    intent.pointerOverTerm(null);
    intent.pointerOverTerm('B');
    intent.pointerLeavePopover();
    vi.advanceTimersByTime(SHOW_DELAY_MS + HIDE_DELAY_MS + 10);
    expect(events).toEqual(['show A']);
    intent.hideNow();
    expect(intent.isPinned).toBe(false);
    intent.pointerOverTerm('B');
    vi.advanceTimersByTime(SHOW_DELAY_MS);
    expect(events).toEqual(['show A', 'hide', 'show B']);
  });
});

describe('TapController', () => {
  // A stand-in page: terms by x (0–99 plain text, 100–199 the term "A", 200–299 the term "L" inside a link).
  function setup() {
    document.body.replaceChildren();
    const p = document.createElement('p');
    p.append('ketamine');
    const a = document.createElement('a');
    a.href = '/next';
    a.append('K-hole');
    document.body.append(p, a);
    const target = (name: string, node: Node): HoverTarget =>
      ({ mark: { name, startNode: node }, range: null, point: { x: 0, y: 0 } }) as unknown as HoverTarget;
    const A = target('A', p.firstChild as Node);
    const L = target('L', a.firstChild as Node);
    const log: string[] = [];
    let pinned: HoverTarget | null = null;
    const tap = new TapController({
      doc: document,
      findTarget: (x) => (x >= 200 ? L : x >= 100 ? A : null),
      prepare: () => log.push('prepare'),
      open: (t) => {
        pinned = t;
        log.push(`open ${(t.mark as unknown as { name: string }).name}`);
      },
      close: () => {
        pinned = null;
        log.push('close');
      },
      pinned: () => pinned,
      isOurs: () => false,
    });
    tap.start();
    let now = 1000;
    const fire = (type: string, x: number, pointerType = 'touch', isPrimary = true) => {
      const e = new PointerEvent(type, { clientX: x, clientY: 10, pointerType, isPrimary, bubbles: true });
      Object.defineProperty(e, 'timeStamp', { value: now });
      document.body.dispatchEvent(e);
    };
    const tapAt = (x: number, pointerType = 'touch', hold = 80) => {
      fire('pointerdown', x, pointerType);
      now += hold;
      fire('pointerup', x, pointerType);
      now += 500;
    };
    return { tap, log, fire, tapAt, advance: (ms: number) => (now += ms) };
  }

  it('a tap on a term opens it at once; a tap on plain text closes it; a link keeps its tap', () => {
    const { log, tapAt } = setup();
    tapAt(150);
    expect(log).toEqual(['prepare', 'open A']);
    tapAt(150); // the same term again: stays open
    expect(log).toEqual(['prepare', 'open A', 'prepare']);
    tapAt(50);
    expect(log.at(-1)).toBe('close');
    log.length = 0;
    tapAt(250); // the term inside a link: no prepare, no open
    expect(log).toEqual(['close']);
  });

  it('a long-press, a scroll (pointercancel), a second finger or a mouse click open nothing', () => {
    const { log, tapAt, fire } = setup();
    tapAt(150, 'touch', TAP_MAX_MS + 50);
    fire('pointerdown', 150);
    fire('pointercancel', 150);
    fire('pointerup', 150);
    fire('pointerdown', 150, 'touch', false);
    fire('pointerup', 150, 'touch', false);
    tapAt(150, 'mouse');
    expect(log.filter((l) => l.startsWith('open'))).toEqual([]);
  });

  it('a pen taps like a finger, and a mouse click elsewhere closes a tapped popover', () => {
    const { log, tapAt } = setup();
    tapAt(150, 'pen');
    expect(log).toContain('open A');
    tapAt(150, 'mouse'); // on its own term: stays
    expect(log).not.toContain('close');
    tapAt(50, 'mouse');
    expect(log.at(-1)).toBe('close');
  });

  it('replays a recent tap seen before the runtime loaded, not an old one or a move', () => {
    const { tap, log } = setup();
    const now = performance.now();
    tap.replay({ x: 150, y: 10, pointerType: 'touch', type: 'pointermove', at: now });
    tap.replay({ x: 150, y: 10, pointerType: 'touch', type: 'pointerup', at: now - TAP_REPLAY_MS - 10 });
    tap.replay({ x: 150, y: 10, pointerType: 'mouse', type: 'pointerup', at: now });
    expect(log).toEqual([]);
    tap.replay({ x: 150, y: 10, pointerType: 'touch', type: 'pointerup', at: now - 100 });
    expect(log).toEqual(['open A']);
  });
});
