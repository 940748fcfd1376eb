import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { SiteOverride } from '../../lib/settings/settings';
import { FILE_SITE_KEY, normaliseHostInput } from '../../lib/settings/site-key';

export interface SiteListProps {
  sites: Record<string, SiteOverride>;
  /** The global switch: while it is off, the list is kept but changes nothing yet. */
  globalEnabled: boolean;
  /** Turn the lens off on a site (key already canonical). */
  onAdd(key: string): Promise<void>;
  /** Forget the site's choice (key as stored). */
  onRemove(key: string): Promise<void>;
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function siteLabel(key: string): string {
  return key === FILE_SITE_KEY ? 'file:// (local files)' : key;
}

function sitesWith(sites: Record<string, SiteOverride>, value: SiteOverride): string[] {
  return Object.keys(sites)
    .filter((k) => sites[k] === value)
    .sort((a, b) => a.localeCompare(b));
}

/**
 * The sites where the lens stays off: an input that adds a host on Enter
 * (normalised to its site key) and one remove button per site.
 */
export function SiteList({ sites, globalEnabled, onAdd, onRemove }: SiteListProps) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const offHeadingId = useId();
  const onHeadingId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  /** After a removal: the site whose button gets focus next, or '' for the input. */
  const pendingFocus = useRef<string | null>(null);

  const off = sitesWith(sites, 'off');
  const on = sitesWith(sites, 'on');

  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    const button = target ? buttons.current.get(target) : undefined;
    if (target && !button) return; // not re-rendered without the removed site yet
    pendingFocus.current = null;
    (button ?? inputRef.current)?.focus();
  });

  async function add() {
    const typed = text.trim();
    if (typed === '') {
      setError('Type a site first, for example example.com.');
      setStatus('');
      return;
    }
    const key = normaliseHostInput(typed);
    if (key === null) {
      setError(
        `"${clip(typed)}" is not a site address. Type a host name such as example.com, or paste the page's address.`,
      );
      setStatus('');
      return;
    }
    setError(null);
    if (sites[key] === 'off') {
      setText('');
      setStatus(`${siteLabel(key)} is already in the list.`);
      return;
    }
    try {
      await onAdd(key);
      setText('');
      const renamed = key !== typed ? ` (saved as ${siteLabel(key)})` : '';
      setStatus(`Ketamine Lens is now off on ${siteLabel(key)}${renamed}.`);
    } catch {
      setError(`Could not save ${siteLabel(key)}. Please try again.`);
    }
  }

  async function remove(key: string, list: string[]) {
    const i = list.indexOf(key);
    pendingFocus.current = list[i + 1] ?? list[i - 1] ?? '';
    try {
      await onRemove(key);
      setStatus(`Removed ${siteLabel(key)}.`);
    } catch {
      pendingFocus.current = null;
      setError(`Could not remove ${siteLabel(key)}. Please try again.`);
    }
  }

  const renderList = (list: string[], headingId: string) => (
    <ul className="kl-site-list" aria-labelledby={headingId}>
      {list.map((key) => (
        <li key={key} className="kl-site-item">
          <span className="kl-site-name">{siteLabel(key)}</span>
          <button
            type="button"
            className="kl-button"
            aria-label={`Remove ${key}`}
            ref={(el) => {
              if (el) buttons.current.set(key, el);
              else buttons.current.delete(key);
            }}
            onClick={() => void remove(key, list)}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="kl-sites">
      <form
        className="kl-site-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void add();
        }}
        noValidate
      >
        <label htmlFor={inputId} className="kl-field-label">
          Add a site where Ketamine Lens stays off
        </label>
        <p id={hintId} className="kl-hint">
          A host name such as example.com, or a page's full address. Press Enter to add it.
        </p>
        <div className="kl-site-add">
          <input
            ref={inputRef}
            id={inputId}
            className="kl-input"
            type="text"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            value={text}
            aria-invalid={error !== null}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            onChange={(e) => {
              setText(e.target.value);
              if (error) setError(null);
            }}
            onKeyDown={(e) => {
              // Handled here rather than by implicit form submission, which
              // not every environment performs (and IME composition must finish first).
              if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
                e.preventDefault();
                void add();
              }
            }}
          />
          <button type="submit" className="kl-button">
            Add site
          </button>
        </div>
        {error && (
          <p id={errorId} role="alert" className="kl-error">
            {error}
          </p>
        )}
      </form>
      <p role="status" className="kl-status">
        {status}
      </p>

      <h3 id={offHeadingId} className="kl-subheading">
        Sites where it stays off ({off.length})
      </h3>
      {!globalEnabled && off.length > 0 && (
        <p className="kl-hint">
          Ketamine Lens is off on all sites right now. This list applies again when you turn it back on.
        </p>
      )}
      {off.length === 0 ? (
        <p className="kl-empty">No sites yet. Ketamine Lens runs on every site.</p>
      ) : (
        renderList(off, offHeadingId)
      )}

      {on.length > 0 && (
        <>
          <h3 id={onHeadingId} className="kl-subheading">
            Sites turned on explicitly ({on.length})
          </h3>
          <p className="kl-hint">
            These sites have an "always on" choice saved, for example from an imported file. Sites are on by
            default, so removing one changes nothing.
          </p>
          {renderList(on, onHeadingId)}
        </>
      )}
    </div>
  );
}
