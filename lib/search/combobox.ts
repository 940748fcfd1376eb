// Keyboard and view state of the popup's search combobox (ARIA APG
// "combobox with listbox popup"), as a pure reducer so it can be tested
// without a DOM.
//
// - Typing filters the list; the first option becomes active, so Enter opens
//   the best match straight away.
// - ↑/↓ move the active option (wrapping), Enter opens it in the entry card.
// - In an open entry, Esc (or Backspace on an empty box) goes back to the list.
// - In the list, Esc clears a non-empty query; on an empty box it is left to
//   the browser (which closes the popup).
// - Related-term links inside an entry push a history; "Back" pops it.

export interface ComboboxState {
  query: string;
  /** Index into the current options, or -1 for none. */
  activeIndex: number;
  view: 'list' | 'entry';
  /** Entry shown when view === 'entry'. */
  entryId: string | null;
  /** Entries visited before entryId via related links, oldest first. */
  history: string[];
}

export type ComboboxAction =
  | { type: 'input'; value: string }
  | { type: 'move'; delta: 1 | -1; count: number }
  | { type: 'first' | 'last'; count: number }
  | { type: 'activate'; index: number }
  | { type: 'open'; id: string }
  | { type: 'navigate'; id: string }
  | { type: 'back' }
  | { type: 'close' }
  | { type: 'clear' };

export function initialComboboxState(init: { query?: string; entryId?: string | null } = {}): ComboboxState {
  const query = init.query ?? '';
  const entryId = init.entryId ?? null;
  return {
    query,
    activeIndex: query.trim() ? 0 : -1,
    view: entryId ? 'entry' : 'list',
    entryId,
    history: [],
  };
}

export function comboboxReducer(state: ComboboxState, action: ComboboxAction): ComboboxState {
  switch (action.type) {
    case 'input':
      return {
        ...state,
        query: action.value,
        activeIndex: action.value.trim() ? 0 : -1,
        view: 'list',
        entryId: null,
        history: [],
      };
    case 'move': {
      if (action.count <= 0) return { ...state, activeIndex: -1 };
      const cur = Math.min(state.activeIndex, action.count - 1);
      let next: number;
      if (cur < 0) next = action.delta > 0 ? 0 : action.count - 1;
      else next = (cur + action.delta + action.count) % action.count;
      return { ...state, activeIndex: next };
    }
    case 'first':
      return { ...state, activeIndex: action.count > 0 ? 0 : -1 };
    case 'last':
      return { ...state, activeIndex: action.count - 1 };
    case 'activate':
      return { ...state, activeIndex: action.index };
    case 'open':
      return { ...state, view: 'entry', entryId: action.id, history: [] };
    case 'navigate':
      if (state.view !== 'entry' || !state.entryId) {
        return { ...state, view: 'entry', entryId: action.id, history: [] };
      }
      if (action.id === state.entryId) return state;
      return { ...state, entryId: action.id, history: [...state.history, state.entryId] };
    case 'back': {
      if (state.view !== 'entry') return state;
      const prev = state.history[state.history.length - 1];
      if (prev === undefined) return { ...state, view: 'list', entryId: null };
      return { ...state, entryId: prev, history: state.history.slice(0, -1) };
    }
    case 'close':
      return { ...state, view: 'list', entryId: null, history: [] };
    case 'clear':
      return { ...state, query: '', activeIndex: -1, view: 'list', entryId: null, history: [] };
  }
}

export interface KeyInput {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  /** True while an IME composition is in progress: never steal its keys. */
  isComposing?: boolean;
}

/**
 * The action for a key pressed in the search box, or null if the key is not
 * ours (then the caller must not preventDefault). `optionIds` are the entry ids
 * of the options currently shown, in order.
 */
export function keyAction(
  state: ComboboxState,
  e: KeyInput,
  optionIds: readonly string[],
): ComboboxAction | null {
  if (e.isComposing || e.ctrlKey || e.metaKey) return null;
  const count = optionIds.length;
  if (state.view === 'entry') {
    if (e.key === 'Escape') return { type: 'close' };
    if (e.key === 'Backspace' && state.query === '') return { type: 'close' };
    // ↓ from the box goes back to the list too: the options are what the arrows move through.
    if (e.key === 'ArrowDown' && !e.altKey) return { type: 'close' };
    return null;
  }
  switch (e.key) {
    case 'ArrowDown':
      if (count === 0) return null;
      // Alt+↓ opens the popup without moving (APG); the list is always open here.
      return e.altKey ? null : { type: 'move', delta: 1, count };
    case 'ArrowUp':
      if (count === 0) return null;
      return e.altKey ? null : { type: 'move', delta: -1, count };
    case 'PageDown':
      return count ? { type: 'last', count } : null;
    case 'PageUp':
      return count ? { type: 'first', count } : null;
    case 'Enter': {
      if (count === 0) return null;
      const i =
        state.activeIndex < 0 ? (state.query.trim() ? 0 : -1) : Math.min(state.activeIndex, count - 1);
      const id = i >= 0 ? optionIds[i] : undefined;
      return id ? { type: 'open', id } : null;
    }
    case 'Escape':
      return state.query !== '' ? { type: 'clear' } : null;
    default:
      return null;
  }
}
