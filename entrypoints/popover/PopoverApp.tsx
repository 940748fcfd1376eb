// The popover page, shown in an iframe on web pages. It talks to the content
// script only through the MessagePort handed over with the right nonce.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { EntryCard } from '../../components/EntryCard';
import { type SettingsSource, useSettings } from '../../components/use-settings';
import { crisisLocales } from '../../lib/glossary/crisis-resources';
import { entryById } from '../../lib/glossary/glossary';
import { type FromPopover, parseToPopover } from '../../lib/popover/protocol';
import { setSite } from '../../lib/settings/settings';
import { loadSettings, updateSettings, watchSettings } from '../../lib/settings/store';
import { whenConnected } from './connection';

/**
 * Time from the content script's "show" to the entry painted in this frame
 * (the task right after the next rendering step), kept for bench/ui.mjs.
 */
function recordShowLatency(sentAt: number): void {
  if (!sentAt) return;
  requestAnimationFrame(() =>
    setTimeout(() => {
      const w = window as { klShowLatency?: number[] };
      w.klShowLatency = [...(w.klShowLatency ?? []), performance.timeOrigin + performance.now() - sentAt];
    }, 0),
  );
}

// The popover page only reads: it never rewrites a stored value it repaired.
const SETTINGS: SettingsSource = { loadSettings: () => loadSettings({ writeBack: false }), watchSettings };

export function PopoverApp() {
  const [stack, setStack] = useState<string[]>([]);
  const [siteKey, setSiteKey] = useState<string | null>(null);
  // Opened by a touch or pen tap: a close button and touch-sized targets (no hover to leave by).
  const [touch, setTouch] = useState(false);
  const portRef = useRef<MessagePort | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const focusNext = useRef(false);
  // The reader's chosen crisis region (options page), else their browser's languages.
  // No region until that setting is known (or cannot be read): a
  // browser-guessed number must not flash before the reader's own choice.
  const { settings, failed } = useSettings(SETTINGS);
  const locales = useMemo(
    () => (settings || failed ? crisisLocales(settings?.crisisRegion, navigator.languages) : []),
    [settings, failed],
  );

  const post = useCallback((msg: FromPopover) => portRef.current?.postMessage(msg), []);

  useEffect(() => {
    whenConnected((port) => {
      portRef.current = port;
      port.onmessage = (e) => {
        const msg = parseToPopover(e.data);
        if (!msg) return;
        if (msg.type === 'hide') {
          setStack([]);
          return;
        }
        if (!entryById(msg.id)) return;
        focusNext.current = msg.focus;
        setSiteKey(msg.siteKey);
        setTouch(msg.touch);
        document.documentElement.classList.toggle('kl-touch', msg.touch);
        setStack([msg.id]);
        recordShowLatency(msg.sentAt);
      };
      port.postMessage({ type: 'ready' } satisfies FromPopover);
    });
  }, []);

  // Report our height so the host can size the iframe (it scrolls when taller than the space).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dialog element is replaced when the shown entry (stack) changes
  useLayoutEffect(() => {
    const el = dialogRef.current;
    if (!el) return;
    const report = () => post({ type: 'size', height: Math.ceil(el.scrollHeight) });
    report();
    const ro = new ResizeObserver(report);
    ro.observe(el);
    if (focusNext.current) {
      focusNext.current = false;
      el.focus();
    }
    return () => ro.disconnect();
  }, [stack, post]);

  useEffect(() => {
    // Pointer events inside this frame never reach the page: report them.
    let inside = false;
    // Event time on a clock the content script shares, so it can tell a report that arrives late.
    const at = (e: Event) => performance.timeOrigin + e.timeStamp;
    const enter = (e: PointerEvent) => {
      if (inside) return;
      inside = true;
      post({ type: 'hover', inside: true, at: at(e) });
    };
    const leave = (e: MouseEvent) => {
      if (e.relatedTarget || !inside) return;
      inside = false;
      post({ type: 'hover', inside: false, at: at(e) });
    };
    window.addEventListener('pointermove', enter);
    window.addEventListener('mouseout', leave);
    return () => {
      window.removeEventListener('pointermove', enter);
      window.removeEventListener('mouseout', leave);
    };
  }, [post]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') post({ type: 'close', returnFocus: true });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [post]);

  const id = stack[stack.length - 1];
  const entry = id ? entryById(id) : undefined;
  if (!entry) return <div ref={dialogRef} />;

  return (
    <div
      ref={dialogRef}
      className="kl-popover"
      role="dialog"
      aria-labelledby="kl-popover-title"
      tabIndex={-1}
    >
      {touch && (
        <div className="kl-close-bar">
          <button
            type="button"
            className="kl-close"
            aria-label="Close"
            onClick={() => post({ type: 'close', returnFocus: false })}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
      <EntryCard
        entry={entry}
        headingId="kl-popover-title"
        locales={locales}
        onNavigate={(next: string) => setStack((s) => [...s, next])}
        onBack={stack.length > 1 ? () => setStack((s) => s.slice(0, -1)) : undefined}
        onSearch={() => {
          void browser.tabs.create({
            url: browser.runtime.getURL(`/popup.html?q=${encodeURIComponent(entry.term)}`),
          });
        }}
        onTurnOffSite={
          siteKey
            ? () => {
                void updateSettings((s) => setSite(s, siteKey, false));
              }
            : undefined
        }
      />
    </div>
  );
}
