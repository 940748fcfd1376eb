// Time slicing: the extension must never hold the main thread for long
// (budget: no task over 50 ms). Work runs in slices of SLICE_MS and yields.

/** Longest stretch of work before we give the page its thread back. */
export const SLICE_MS = 8;

export function yieldToPage(win: Window & typeof globalThis): Promise<void> {
  const sched = (win as unknown as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (sched?.yield) return sched.yield();
  return new Promise((resolve) => win.setTimeout(resolve, 0));
}

export function whenIdle(win: Window & typeof globalThis, timeout: number): Promise<void> {
  if (typeof win.requestIdleCallback === 'function') {
    return new Promise((resolve) => win.requestIdleCallback(() => resolve(), { timeout }));
  }
  return new Promise((resolve) => win.setTimeout(resolve, 16));
}

/** Blocks (generator steps) between two looks at the clock in runSliced. */
const STEPS_PER_LOOK = 32;

/**
 * Runs a generator to its end in slices of SLICE_MS, yielding to the page
 * between them; resolves with its return value.
 */
export async function runSliced<T>(win: Window & typeof globalThis, steps: Generator<void, T>): Promise<T> {
  let start = performance.now();
  for (let n = 1; ; n++) {
    const step = steps.next();
    if (step.done) return step.value;
    if (n % STEPS_PER_LOOK === 0 && performance.now() - start > SLICE_MS) {
      await yieldToPage(win);
      start = performance.now();
    }
  }
}
