// Shared between the lazily loaded runtime (entrypoints/popover-runtime.ts)
// and the content script, which imports only the types and the loader.
import { PopoverUi, type PopoverUiOptions } from './popover-ui';

export interface PopoverRuntime {
  createUi(options: PopoverUiOptions): PopoverUi;
}

/** A property of the content script's isolated world: pages cannot see it. */
export const RUNTIME_KEY = '__ketamineLensPopoverRuntime';

export function installPopoverRuntime(): void {
  const runtime: PopoverRuntime = { createUi: (options) => new PopoverUi(options) };
  (globalThis as Record<string, unknown>)[RUNTIME_KEY] = runtime;
}
