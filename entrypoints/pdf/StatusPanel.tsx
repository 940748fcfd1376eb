import { useEffect, useId, useRef, useState } from 'react';
import { problemText } from '../../lib/pdf/load-problem';
import type { Phase, ViewerSession } from './viewer-session';

export interface StatusPanelProps {
  phase: Exclude<Phase, { kind: 'ready' }>;
  session: ViewerSession;
  onOpenFile(): void;
}

function PasswordForm({ name, wrong, session }: { name: string; wrong: boolean; session: ViewerSession }) {
  const [password, setPassword] = useState('');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again after each wrong password
  useEffect(() => {
    input.current?.focus();
    setPassword('');
  }, [wrong]);
  return (
    <form
      className="kl-pdf-password"
      onSubmit={(e) => {
        e.preventDefault();
        session.submitPassword(password);
      }}
    >
      <h1>This PDF is protected by a password</h1>
      <p>Enter the password to open “{name}”. It is used only to open the file here.</p>
      {wrong && (
        <p className="kl-pdf-wrong" role="alert">
          That password is not right. Please try again.
        </p>
      )}
      <label htmlFor={id}>Password</label>
      <input
        ref={input}
        id={id}
        type="password"
        autoComplete="off"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div className="kl-pdf-actions">
        <button type="submit">Open</button>
        <button type="button" onClick={() => session.submitPassword(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Everything the viewer shows instead of a PDF: never a blank page. */
export function StatusPanel({ phase, session, onOpenFile }: StatusPanelProps) {
  const openButton = (
    <button type="button" onClick={onOpenFile}>
      Open a PDF…
    </button>
  );
  let body: React.ReactNode;
  switch (phase.kind) {
    case 'choose':
      body = (
        <div role="status">
          <h1>Read a PDF with Ketamine Lens</h1>
          <p>Choose a PDF, or drop one on this page. The file stays on this computer.</p>
          <div className="kl-pdf-actions">{openButton}</div>
        </div>
      );
      break;
    case 'downloading':
    case 'opening':
      body = (
        <p role="status" className="kl-pdf-busy">
          {phase.kind === 'downloading' ? 'Downloading' : 'Opening'} {phase.name}…
        </p>
      );
      break;
    case 'permission':
      body = (
        <div role="status">
          <h1>Allow Ketamine Lens to download this PDF?</h1>
          <p>
            To show it here with its terms explained, Ketamine Lens needs your permission to download files
            from <strong>{phase.host}</strong>. It downloads only the PDF you opened and sends nothing
            anywhere. You can take the permission back in your browser’s extension settings.
          </p>
          <div className="kl-pdf-actions">
            <button type="button" className="kl-primary" onClick={() => session.allowDownload()}>
              Allow downloads from {phase.host}
            </button>
            {openButton}
          </div>
        </div>
      );
      break;
    case 'password':
      body = <PasswordForm name={phase.name} wrong={phase.wrong} session={session} />;
      break;
    case 'problem': {
      const text = problemText(phase.problem);
      body = (
        <div role="alert">
          <h1>{text.title}</h1>
          <p>{text.detail}</p>
          <div className="kl-pdf-actions">{openButton}</div>
        </div>
      );
      break;
    }
  }
  return <section className="kl-pdf-status">{body}</section>;
}
