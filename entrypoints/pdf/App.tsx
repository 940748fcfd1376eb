import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { browser } from 'wxt/browser';
import { fileFromQuery } from '../../lib/pdf/pdf-url';
import { StatusPanel } from './StatusPanel';
import { TermsPanel } from './TermsPanel';
import { Toolbar } from './Toolbar';
import { useViewerKeys } from './use-viewer-keys';
import type { ViewerSession } from './viewer-session';

/** The viewer page's controls around pdf.js's page area (which lives outside React, see index.html). */
export function App({ session }: { session: ViewerSession }) {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const fileInput = useRef<HTMLInputElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const [panelOpen, setPanelOpen] = useState(true);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const url = fileFromQuery(location.search);
    if (url) void session.openUrl(url);
  }, [session]);

  useEffect(() => {
    document.body.classList.toggle('kl-pdf-panel-open', panelOpen);
  }, [panelOpen]);

  useViewerKeys(session, findRef);

  // Alt+Shift+K reaches extension pages as a command, not a key press.
  useEffect(() => {
    const onCommand = (command: string) => {
      if (command === 'next-term' && document.hasFocus()) session.nextTerm();
    };
    browser.commands?.onCommand.addListener(onCommand);
    return () => browser.commands?.onCommand.removeListener(onCommand);
  }, [session]);

  // A PDF dropped anywhere on the page opens here (and never navigates the tab away).
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void session.openFile(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [session]);

  const openFile = () => fileInput.current?.click();
  const { phase } = state;

  return (
    <>
      <Toolbar
        session={session}
        state={state}
        findRef={findRef}
        onOpenFile={openFile}
        panelOpen={panelOpen}
        onTogglePanel={() => setPanelOpen((o) => !o)}
      />
      <input
        ref={fileInput}
        type="file"
        accept="application/pdf,.pdf"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void session.openFile(file);
          e.target.value = '';
        }}
      />
      {phase.kind !== 'ready' && <StatusPanel phase={phase} session={session} onOpenFile={openFile} />}
      {panelOpen && <TermsPanel state={state} session={session} />}
      {dragging && (
        <div className="kl-pdf-drop" aria-hidden="true">
          Drop the PDF to open it
        </div>
      )}
    </>
  );
}
