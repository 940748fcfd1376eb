// Loads the popover runtime on first need. A dynamic import() from a content
// script runs the module in the same isolated world, so the runtime installs
// itself on our global, out of the page's reach.
import { RUNTIME_KEY } from '../contracts';
import type { PopoverRuntime } from '../popover/runtime';

let loading: Promise<PopoverRuntime | null> | null = null;

export function loadPopoverRuntime(url: string): Promise<PopoverRuntime | null> {
  loading ??= import(/* @vite-ignore */ url)
    .then(() => ((globalThis as Record<string, unknown>)[RUNTIME_KEY] as PopoverRuntime | undefined) ?? null)
    .catch(() => null); // a page or browser that refuses the import: no popover, marks stay
  return loading;
}
