// Shared between the lazily loaded runtime (entrypoints/popover-runtime.ts)
// and the content script, which imports only the types and the loader.

import entryIds from 'virtual:ketamine-lens/entry-ids';
import { RUNTIME_KEY } from '../contracts';
import { PopoverUi, type PopoverUiOptions } from './popover-ui';

export interface PopoverRuntime {
  createUi(options: Omit<PopoverUiOptions, 'entryId'>): PopoverUi;
  /** Glossary id of a matcher entry number (the content script knows only numbers: its size budget). */
  entryId(entry: number): string | undefined;
  entryIndex(id: string): number | undefined;
}

export function installPopoverRuntime(): void {
  const entryId = (entry: number): string | undefined => entryIds[entry];
  const runtime: PopoverRuntime = {
    createUi: (options) => new PopoverUi({ ...options, entryId: (entry) => entryId(entry) ?? '' }),
    entryId,
    entryIndex: (id) => {
      const i = entryIds.indexOf(id);
      return i < 0 ? undefined : i;
    },
  };
  (globalThis as Record<string, unknown>)[RUNTIME_KEY] = runtime;
}
