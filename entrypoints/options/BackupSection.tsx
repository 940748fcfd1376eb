import { type ChangeEvent, useId, useState } from 'react';
import { exportSettingsFile, importSettingsFile, MAX_SETTINGS_FILE_CHARS } from '../../lib/settings/import';
import type { Settings } from '../../lib/settings/settings';

export interface BackupSectionProps {
  settings: Settings;
  /** Replace every setting; rejects when nothing could be stored. */
  saveSettings(settings: Settings): Promise<unknown>;
}

type Outcome =
  | { kind: 'none' }
  | { kind: 'exported'; filename: string }
  | { kind: 'error'; text: string }
  | { kind: 'imported'; filename: string; rejected: string[]; messages: string[]; previous: Settings }
  | { kind: 'undone' };

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Saves `text` as a file through a Blob URL and an <a download>. */
export function downloadText(filename: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  doc.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // The download has started from the click; free the blob a little later.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** Reads a chosen file as text, refusing files far too big to be settings. */
async function readFile(file: File): Promise<string | { error: string }> {
  // UTF-8 needs at most 4 bytes a character.
  if (file.size > MAX_SETTINGS_FILE_CHARS * 4) {
    return { error: 'This file is too large to be a Ketamine Lens settings file.' };
  }
  try {
    return await file.text();
  } catch {
    return { error: 'The file could not be read.' };
  }
}

/** Export settings to a JSON file, import them back (reporting what was rejected), undo an import. */
export function BackupSection({ settings, saveSettings }: BackupSectionProps) {
  const fileId = useId();
  const hintId = useId();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [busy, setBusy] = useState(false);

  function exportNow() {
    const filename = `ketamine-lens-settings-${today()}.json`;
    try {
      downloadText(filename, exportSettingsFile(settings));
      setOutcome({ kind: 'exported', filename });
    } catch {
      setOutcome({ kind: 'error', text: 'The settings file could not be created.' });
    }
  }

  async function importFrom(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Let the same file be chosen again after a fix.
    input.value = '';
    if (!file || busy) return;
    setBusy(true);
    try {
      const name = clip(file.name || 'the file');
      const text = await readFile(file);
      if (typeof text !== 'string') {
        setOutcome({
          kind: 'error',
          text: `Could not import ${name}: ${text.error} Your settings were not changed.`,
        });
        return;
      }
      const result = importSettingsFile(text);
      if (!result.ok) {
        setOutcome({
          kind: 'error',
          text: `Could not import ${name}: ${result.error} Your settings were not changed.`,
        });
        return;
      }
      const previous = settings;
      try {
        await saveSettings(result.settings);
      } catch {
        setOutcome({
          kind: 'error',
          text: `Could not save the settings from ${name}. Your settings were not changed.`,
        });
        return;
      }
      setOutcome({
        kind: 'imported',
        filename: name,
        rejected: result.rejected,
        messages: result.messages,
        previous,
      });
    } finally {
      setBusy(false);
    }
  }

  async function undo(previous: Settings) {
    try {
      await saveSettings(previous);
      setOutcome({ kind: 'undone' });
    } catch {
      setOutcome({ kind: 'error', text: 'Could not restore the earlier settings.' });
    }
  }

  return (
    <div className="kl-backup">
      <p>
        <button type="button" className="kl-button" onClick={exportNow}>
          Export settings
        </button>{' '}
        <span className="kl-hint">Saves a small JSON file you can import later or on another browser.</span>
      </p>
      <div className="kl-file-field">
        <label htmlFor={fileId} className="kl-field-label">
          Import settings from a file
        </label>
        <p id={hintId} className="kl-hint">
          Importing replaces all your settings. Anything in the file that cannot be used is listed below.
        </p>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          aria-describedby={hintId}
          onChange={(e) => void importFrom(e)}
        />
      </div>

      <div className="kl-backup-result">
        <div role="status" className="kl-status">
          {outcome.kind === 'exported' && <p>Exported as {outcome.filename}.</p>}
          {outcome.kind === 'undone' && <p>The import was undone; your earlier settings are back.</p>}
          {outcome.kind === 'imported' && outcome.rejected.length === 0 && (
            <p>Imported {outcome.filename}. Every setting in it was used.</p>
          )}
        </div>
        {outcome.kind === 'error' && (
          <p role="alert" className="kl-error">
            {outcome.text}
          </p>
        )}
        {outcome.kind === 'imported' && outcome.rejected.length > 0 && (
          <div role="alert" className="kl-import-report">
            <p>
              Imported {outcome.filename}, but{' '}
              {outcome.rejected.length === 1
                ? 'one entry could not be used and was dropped or set to its default:'
                : `${outcome.rejected.length} entries could not be used and were dropped or set to their defaults:`}
            </p>
            <ul className="kl-rejected">
              {outcome.rejected.map((r) => (
                <li key={r}>
                  <code>{r}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        {outcome.kind === 'imported' && (
          <>
            {outcome.messages.length > 0 && (
              <details className="kl-import-details">
                <summary>Details of the import</summary>
                <ul>
                  {outcome.messages.map((m, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: messages can repeat
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              </details>
            )}
            <p>
              <button type="button" className="kl-button" onClick={() => void undo(outcome.previous)}>
                Undo import
              </button>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
