// Shared by the fuzz tests of our parsers (tests/unit/fuzz-*.test.ts): values
// of every kind another context or a file could hand us, and helpers for
// checking a parsed value's exact shape.
import fc from 'fast-check';
import { expect } from 'vitest';

export const NUM_RUNS = 200;

/** Values of every JS kind, including the tricky ones structured clone can carry. */
export const anyValue = fc.oneof(
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withTypedArray: true,
    withSparseArray: true,
    withUnicodeString: true,
  }),
  fc.jsonValue(),
  fc.string({ unit: 'binary' }),
);

/** Sorted own keys: the shape of a parsed object. */
export function keys(v: object): string[] {
  return Object.keys(v).sort();
}

/** Prototype pollution would show up on every object in the realm (run after each test). */
export function expectNoPrototypePollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
}
