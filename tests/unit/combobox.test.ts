import { describe, expect, it } from 'vitest';
import {
  type ComboboxAction,
  type ComboboxState,
  comboboxReducer,
  initialComboboxState,
  keyAction,
} from '../../lib/search/combobox';

const OPTIONS = ['a', 'b', 'c'];

/** Press keys in order; keys that produce no action change nothing. */
function press(state: ComboboxState, keys: string[], options = OPTIONS): ComboboxState {
  return keys.reduce((s, key) => {
    const a = keyAction(s, { key }, options);
    return a ? comboboxReducer(s, a) : s;
  }, state);
}
const type = (s: ComboboxState, value: string) => comboboxReducer(s, { type: 'input', value });

describe('combobox keyboard', () => {
  it('typing makes the first option active; empty box has none', () => {
    const s = type(initialComboboxState(), 'ke');
    expect(s.activeIndex).toBe(0);
    expect(type(s, '').activeIndex).toBe(-1);
  });

  it('↓ and ↑ move and wrap', () => {
    const s = initialComboboxState();
    expect(press(s, ['ArrowDown']).activeIndex).toBe(0);
    expect(press(s, ['ArrowDown', 'ArrowDown', 'ArrowDown']).activeIndex).toBe(2);
    expect(press(s, ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown']).activeIndex).toBe(0);
    expect(press(s, ['ArrowUp']).activeIndex).toBe(2);
    expect(press(s, ['ArrowDown', 'ArrowUp']).activeIndex).toBe(2);
  });

  it('arrows do nothing (and are not claimed) without options', () => {
    expect(keyAction(initialComboboxState(), { key: 'ArrowDown' }, [])).toBeNull();
  });

  it('Enter opens the active option in the entry view', () => {
    const s = press(type(initialComboboxState(), 'x'), ['ArrowDown', 'Enter']);
    expect(s.view).toBe('entry');
    expect(s.entryId).toBe('b');
  });

  it('Enter on a typed query opens the first option', () => {
    const s = press(type(initialComboboxState(), 'x'), ['Enter']);
    expect(s.entryId).toBe('a');
  });

  it('Enter with nothing active on an empty box is not claimed', () => {
    expect(keyAction(initialComboboxState(), { key: 'Enter' }, OPTIONS)).toBeNull();
  });

  it('Esc in an open entry returns to the list, keeping the query', () => {
    const open = press(type(initialComboboxState(), 'x'), ['Enter']);
    const s = press(open, ['Escape']);
    expect(s.view).toBe('list');
    expect(s.entryId).toBeNull();
    expect(s.query).toBe('x');
  });

  it('Backspace on an empty box in an open entry returns to the list', () => {
    const open = comboboxReducer(initialComboboxState(), { type: 'open', id: 'b' });
    expect(press(open, ['Backspace']).view).toBe('list');
  });

  it('Backspace with text is left to the input (editing returns to the list)', () => {
    const open = press(type(initialComboboxState(), 'xy'), ['Enter']);
    expect(keyAction(open, { key: 'Backspace' }, OPTIONS)).toBeNull();
    const edited = type(open, 'x');
    expect(edited.view).toBe('list');
  });

  it('Esc in the list clears the query; on an empty box it is left to the browser', () => {
    const s = press(type(initialComboboxState(), 'abc'), ['Escape']);
    expect(s.query).toBe('');
    expect(s.activeIndex).toBe(-1);
    expect(keyAction(s, { key: 'Escape' }, OPTIONS)).toBeNull();
  });

  it('ignores keys during IME composition and with Ctrl/Meta', () => {
    const s = type(initialComboboxState(), 'x');
    expect(keyAction(s, { key: 'Enter', isComposing: true }, OPTIONS)).toBeNull();
    expect(keyAction(s, { key: 'ArrowDown', ctrlKey: true }, OPTIONS)).toBeNull();
  });

  it('clamps a stale active index when the list shrinks', () => {
    let s = press(type(initialComboboxState(), 'x'), ['ArrowUp']); // index 2
    s = press(s, ['Enter'], ['only']);
    expect(s.entryId).toBe('only');
  });

  it('PageUp/PageDown jump to the ends', () => {
    const s = type(initialComboboxState(), 'x');
    expect(press(s, ['PageDown']).activeIndex).toBe(2);
    expect(press(s, ['PageDown', 'PageUp']).activeIndex).toBe(0);
  });
});

describe('combobox entry history', () => {
  const run = (actions: ComboboxAction[]) => actions.reduce(comboboxReducer, initialComboboxState());

  it('related navigation pushes history; back pops it, then returns to the list', () => {
    let s = run([
      { type: 'open', id: 'a' },
      { type: 'navigate', id: 'b' },
      { type: 'navigate', id: 'c' },
    ]);
    expect(s.entryId).toBe('c');
    expect(s.history).toEqual(['a', 'b']);
    s = comboboxReducer(s, { type: 'back' });
    expect(s.entryId).toBe('b');
    s = comboboxReducer(comboboxReducer(s, { type: 'back' }), { type: 'back' });
    expect(s.view).toBe('list');
    expect(s.entryId).toBeNull();
  });

  it('starts in the entry view for ?entry=', () => {
    const s = initialComboboxState({ entryId: 'k-hole' });
    expect(s.view).toBe('entry');
    expect(s.entryId).toBe('k-hole');
  });

  it('a prefilled query (?q=) has its first option active', () => {
    expect(initialComboboxState({ query: 'ket' }).activeIndex).toBe(0);
  });
});
