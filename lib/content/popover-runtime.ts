// Shared between the lazily loaded runtime (entrypoints/popover-runtime.ts)
// and the content script, which only imports the types and the loader.
import { PopoverHost, type PopoverHostOptions } from './popover-host';

export interface PopoverRuntime {
  createHost(options: PopoverHostOptions): PopoverHost;
}

/** A property of the content script's isolated world: pages cannot see it. */
export const RUNTIME_KEY = '__ketamineLensPopoverRuntime';

export function installPopoverRuntime(): void {
  const runtime: PopoverRuntime = { createHost: (options) => new PopoverHost(options) };
  (globalThis as Record<string, unknown>)[RUNTIME_KEY] = runtime;
}
