import { useCallback, useEffect, useState } from 'react';
import type { ShortcutCommand } from './options-deps';

export interface ShortcutListProps {
  getCommands(): Promise<ShortcutCommand[]>;
  /** Null where the browser's shortcut page cannot be opened by an extension (Firefox). */
  openShortcutSettings: (() => Promise<void>) | null;
  isFirefox: boolean;
}

/** Names for the browser's built-in commands, which come without a description. */
const BUILT_IN: Record<string, string> = {
  _execute_action: 'Open the Ketamine Lens popup',
  _execute_browser_action: 'Open the Ketamine Lens popup',
  _execute_page_action: 'Open the Ketamine Lens popup',
  _execute_sidebar_action: 'Open the Ketamine Lens sidebar',
};

function describeCommand(c: ShortcutCommand): string {
  return c.description || BUILT_IN[c.name] || c.name;
}

type State = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; commands: ShortcutCommand[] };

/** The extension's commands with their current shortcuts, and the way to change them. */
export function ShortcutList({ getCommands, openShortcutSettings, isFirefox }: ShortcutListProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [openError, setOpenError] = useState(false);

  const refresh = useCallback(() => {
    getCommands().then(
      (commands) => setState({ kind: 'ready', commands }),
      () => setState({ kind: 'error' }),
    );
  }, [getCommands]);

  useEffect(() => {
    refresh();
    // Shortcuts are changed on the browser's own page: read them again on return.
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  return (
    <div className="kl-shortcuts">
      {state.kind === 'loading' && <p className="kl-hint">Reading shortcuts…</p>}
      {state.kind === 'error' && <p className="kl-hint">This browser did not list the shortcuts.</p>}
      {state.kind === 'ready' &&
        (state.commands.length === 0 ? (
          <p className="kl-hint">Ketamine Lens has no keyboard shortcuts in this browser.</p>
        ) : (
          <table className="kl-table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Shortcut</th>
              </tr>
            </thead>
            <tbody>
              {state.commands.map((c) => (
                <tr key={c.name}>
                  <td>{describeCommand(c)}</td>
                  <td>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span className="kl-muted">not set</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {isFirefox || !openShortcutSettings ? (
        <p className="kl-hint">
          To change them, open <strong>about:addons</strong>, choose the gear menu (⚙) and then{' '}
          <strong>Manage Extension Shortcuts</strong>.
        </p>
      ) : (
        <p>
          <button
            type="button"
            className="kl-button"
            onClick={() => {
              setOpenError(false);
              openShortcutSettings().catch(() => setOpenError(true));
            }}
          >
            Change shortcuts
          </button>{' '}
          <span className="kl-hint">Opens the browser's shortcut page in a new tab.</span>
        </p>
      )}
      {openError && (
        <p role="alert" className="kl-error">
          The shortcut page did not open. Type chrome://extensions/shortcuts in the address bar instead.
        </p>
      )}
    </div>
  );
}
