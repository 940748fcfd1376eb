// runSliced: a generator run to its end in slices, with the page's turn between them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runSliced } from '../../lib/dom/scheduler';

afterEach(() => vi.restoreAllMocks());

function* counting(n: number): Generator<void, number> {
  for (let i = 0; i < n; i++) yield;
  return n;
}

describe('runSliced', () => {
  it('returns the generator’s value and yields to the page once a slice is used up', async () => {
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock++);
    const page = vi.spyOn(window, 'setTimeout');
    const win = Object.assign(Object.create(window), { scheduler: undefined }) as Window & typeof globalThis;
    expect(await runSliced(win, counting(1000))).toBe(1000);
    // A look at the clock every 32 steps, 1 ms apart: a yield about every ninth look (slices of 8 ms).
    expect(page.mock.calls.length).toBeGreaterThan(0);
    expect(page.mock.calls.length).toBeLessThan(1000 / 32);
  });

  it('runs a short generator in one go', async () => {
    const page = vi.spyOn(window, 'setTimeout');
    expect(await runSliced(window as Window & typeof globalThis, counting(10))).toBe(10);
    expect(page).not.toHaveBeenCalled();
  });
});
