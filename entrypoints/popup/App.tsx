import { type KeyboardEvent, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { EntryCard } from '../../components/EntryCard';
import { Switch } from '../../components/Switch';
import { useSettings } from '../../components/use-settings';
import { COMBINATIONS } from '../../lib/combinations/data';
import { crisisLocales } from '../../lib/glossary/crisis-resources';
import type { GlossaryEntry } from '../../lib/glossary/types';
import type { PageState } from '../../lib/messages';
import { comboboxReducer, initialComboboxState, keyAction } from '../../lib/search/combobox';
import { browseByCategory, createSearch, type SearchResult } from '../../lib/search/search';
import { isSiteEnabled, type Settings, setSite } from '../../lib/settings/settings';
import { siteKeyFromUrl } from '../../lib/settings/site-key';
import { MixChecker } from './MixChecker';
import { PageTerms, type PageView } from './PageTerms';
import type { ActiveTab, PopupDeps } from './popup-deps';
import { ReaderLinks } from './ReaderLinks';
import { ResultList } from './ResultList';

const LISTBOX_ID = 'kl-listbox';
const INPUT_ID = 'kl-search';
const ENTRY_HEADING_ID = 'kl-entry-title';
/** The content script answers at once; after this long it is not there. */
const PAGE_TIMEOUT_MS = 1500;
/** After a switch changes, give content scripts a moment to apply it before asking again. */
const REFRESH_AFTER_SETTINGS_MS = 150;
/** The side panel asks the page again this often while visible: pages that change (single-page apps) update. */
const PANEL_POLL_MS = 2000;

export const optionDomId = (entryId: string) => `kl-opt-${entryId}`;

type TabInfo =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'tab'; tab: ActiveTab; siteKey: string | null; supported: boolean };

function readParams(search: string): { query: string; entryId: string | null } {
  const p = new URLSearchParams(search);
  return { query: (p.get('q') ?? '').slice(0, 200), entryId: p.get('entry') };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** layout 'panel': the side panel — follows the reader's tab, lists the page's terms in reading order, closes nothing. */
export function App({ deps, layout = 'popup' }: { deps: PopupDeps; layout?: 'popup' | 'panel' }) {
  const panel = layout === 'panel';
  const entries = deps.entries;
  // The checker's records let "ketamine and weed" put the matching interaction entry first.
  const search = useMemo(() => createSearch(entries, { combinations: COMBINATIONS.records }), [entries]);
  const browse = useMemo(() => browseByCategory(entries), [entries]);
  const byId = useMemo(() => new Map(entries.map((e) => [e.id, e])), [entries]);
  const lookup = useCallback((id: string) => byId.get(id), [byId]);

  const [state, dispatch] = useReducer(comboboxReducer, deps.search, (s) => {
    const { query, entryId } = readParams(s);
    return initialComboboxState({ query, entryId: entryId && byId.has(entryId) ? entryId : null });
  });
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  // ---- search ----
  const q = state.query.trim();
  const results = useMemo<SearchResult[]>(() => (q ? search.search(q) : []), [search, q]);
  const suggestions = useMemo<SearchResult[]>(
    () => (q && results.length === 0 ? search.suggestions(q) : []),
    [search, q, results],
  );
  const mode = !q ? 'browse' : results.length > 0 ? 'results' : 'suggestions';
  const optionIds = useMemo(
    () =>
      mode === 'browse'
        ? browse.flatMap((g) => g.entries.map((e) => e.id))
        : (mode === 'results' ? results : suggestions).map((r) => r.entry.id),
    [mode, browse, results, suggestions],
  );
  const listOpen = state.view === 'list' && optionIds.length > 0;
  const activeId =
    state.view === 'list' && state.activeIndex >= 0
      ? optionIds[Math.min(state.activeIndex, optionIds.length - 1)]
      : undefined;
  const entry: GlossaryEntry | undefined = state.entryId ? byId.get(state.entryId) : undefined;

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  // Opening an entry starts it at the top; going back shows the list from the top
  // (then the effect below brings the active option into view).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs whenever the shown view or entry changes
  useEffect(() => {
    listRef.current?.scrollTo?.({ top: 0 });
  }, [state.entryId, state.view]);

  useEffect(() => {
    if (!activeId) return;
    const el = document.getElementById(optionDomId(activeId));
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const backToList = useCallback(() => {
    dispatch({ type: 'close' });
    inputRef.current?.focus();
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const action = keyAction(
      state,
      {
        key: e.key,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        isComposing: e.nativeEvent.isComposing,
      },
      optionIds,
    );
    if (!action) return;
    e.preventDefault();
    dispatch(action);
  }

  // ---- page and settings ----
  const [tabInfo, setTabInfo] = useState<TabInfo>({ kind: 'loading' });
  const [page, setPage] = useState<PageView>({ kind: 'loading' });
  const [notice, setNotice] = useState('');
  // Bumped when the followed tab may have changed (switched, navigated).
  const [tabVersion, bumpTab] = useReducer((n: number) => n + 1, 0);
  useEffect(() => (panel ? deps.watchTab?.(bumpTab) : undefined), [deps, panel]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tabVersion asks for the tab again
  useEffect(() => {
    let live = true;
    deps.activeTab().then(
      (tab) => {
        if (!live) return;
        if (!tab) return setTabInfo({ kind: 'none' });
        const site = tab.url ? siteKeyFromUrl(tab.url) : null;
        setTabInfo({
          kind: 'tab',
          tab,
          siteKey: site?.kind === 'site' ? site.key : null,
          supported: site === null || site.kind === 'site',
        });
      },
      () => live && setTabInfo({ kind: 'none' }),
    );
    return () => {
      live = false;
    };
  }, [deps, tabVersion]);

  const requestSeq = useRef(0);
  const requestPage = useCallback(() => {
    if (tabInfo.kind !== 'tab') return;
    if (!tabInfo.supported) {
      setPage({ kind: 'unsupported' });
      return;
    }
    const mine = ++requestSeq.current;
    withTimeout(deps.sendToTab(tabInfo.tab.id, { type: 'kl:get-page-terms' }), PAGE_TIMEOUT_MS).then(
      (reply) => {
        if (mine !== requestSeq.current) return;
        const parsed: PageState | null = reply;
        setPage(parsed ? { kind: 'state', state: parsed } : { kind: 'unreachable' });
        // Without the tab's URL (no activeTab grant yet), the page tells us its site.
        const reported = parsed && parsed.state !== 'unsupported' ? parsed.siteKey : undefined;
        if (reported) {
          setTabInfo((t) => (t.kind === 'tab' && t.siteKey === null ? { ...t, siteKey: reported } : t));
        }
      },
      () => {
        if (mine === requestSeq.current) setPage({ kind: 'unreachable' });
      },
    );
  }, [deps, tabInfo]);

  useEffect(() => {
    requestPage();
  }, [requestPage]);

  const requestPageRef = useRef(requestPage);
  requestPageRef.current = requestPage;

  useEffect(() => {
    if (!panel) return;
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') requestPageRef.current();
    }, PANEL_POLL_MS);
    return () => clearInterval(t);
  }, [panel]);
  // A change made elsewhere (the shortcut, the options page) may turn this page
  // on or off: ask the page again once the content script has applied it.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const {
    settings,
    setSettings,
    failed: settingsFailed,
  } = useSettings(deps, () => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => requestPageRef.current(), REFRESH_AFTER_SETTINGS_MS);
  });
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  const siteKey = tabInfo.kind === 'tab' ? tabInfo.siteKey : null;

  function change(update: (s: Settings) => Settings) {
    setNotice('');
    deps.updateSettings(update).then(
      (s) => setSettings(s),
      () => setNotice('Could not save the setting. Please try again.'),
    );
  }

  function reveal(id: string) {
    if (tabInfo.kind !== 'tab') return;
    // Wait for delivery: closing the popup first would drop the message. The panel stays.
    deps
      .sendToTab(tabInfo.tab.id, { type: 'kl:reveal-entry', id })
      .catch(() => undefined)
      .finally(() => panel || deps.close());
  }

  function openPanel() {
    if (tabInfo.kind !== 'tab' || !deps.openSidePanel) return;
    // Called straight from the click: sidePanel.open needs the user gesture.
    deps.openSidePanel(tabInfo.tab.id).then(
      () => deps.close(),
      () => setNotice('Could not open the side panel.'),
    );
  }

  // No region until the reader's setting is known (or cannot be read): a
  // browser-guessed number must not flash before their own choice.
  const locales = useMemo(
    () => (settings || settingsFailed ? crisisLocales(settings?.crisisRegion, deps.locales) : []),
    [settings, settingsFailed, deps.locales],
  );

  // ---- announcements ----
  let announcement = '';
  if (state.view === 'entry' && entry) announcement = entry.term;
  else if (mode === 'results')
    announcement = `${results.length} ${results.length === 1 ? 'result' : 'results'}`;
  else if (mode === 'suggestions') announcement = 'No exact match. Suggestions available.';

  const prevId = state.history[state.history.length - 1];
  const backLabel = prevId
    ? `Back to ${byId.get(prevId)?.term ?? 'previous entry'}`
    : q
      ? 'Back to results'
      : 'Back to list';

  return (
    <div className={panel ? 'kl-popup kl-panel' : 'kl-popup'}>
      <header className="kl-popup-header">
        <h1 className="kl-visually-hidden">Ketamine Lens</h1>
        <label htmlFor={INPUT_ID} className="kl-visually-hidden">
          Search the ketamine glossary
        </label>
        <input
          ref={inputRef}
          id={INPUT_ID}
          className="kl-search"
          type="text"
          role="combobox"
          aria-expanded={listOpen}
          aria-controls={LISTBOX_ID}
          aria-autocomplete="list"
          aria-activedescendant={activeId ? optionDomId(activeId) : undefined}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder="Search terms, e.g. K-hole"
          value={state.query}
          onChange={(e) => dispatch({ type: 'input', value: e.target.value })}
          onKeyDown={onKeyDown}
        />
      </header>

      {/* Focusable in the list view so the list can be scrolled from the keyboard (axe scrollable-region-focusable). */}
      <main
        className="kl-popup-body"
        ref={listRef}
        tabIndex={state.view === 'list' ? 0 : undefined}
        aria-label={state.view === 'list' ? 'Glossary' : undefined}
      >
        {state.view === 'entry' && entry ? (
          <EntryCard
            entry={entry}
            headingId={ENTRY_HEADING_ID}
            onNavigate={(id) => dispatch({ type: 'navigate', id })}
            onBack={() => {
              dispatch({ type: 'back' });
              if (!prevId) inputRef.current?.focus();
            }}
            backLabel={backLabel}
            onEscape={backToList}
            lookup={lookup}
            locales={locales}
          />
        ) : null}
        <div hidden={state.view === 'entry' && entry !== undefined}>
          {/* Kept mounted while the glossary search is used, so a checked mix is still there afterwards. */}
          <MixChecker locales={locales} hidden={mode !== 'browse'} />
          {mode === 'browse' && tabInfo.kind !== 'none' && (
            <PageTerms
              view={tabInfo.kind === 'loading' ? { kind: 'loading' } : page}
              lookup={lookup}
              onReveal={reveal}
              layout={layout}
            />
          )}
          {mode === 'suggestions' && (
            <p id="kl-suggest-label" className="kl-list-note">
              No exact match — did you mean:
            </p>
          )}
          {mode === 'browse' && (
            <h2 id="kl-browse-label" className="kl-section-title kl-list-title">
              Browse the glossary
            </h2>
          )}
          <ResultList
            id={LISTBOX_ID}
            mode={mode}
            results={mode === 'results' ? results : suggestions}
            groups={browse}
            activeId={activeId}
            labelledBy={
              mode === 'suggestions' ? 'kl-suggest-label' : mode === 'browse' ? 'kl-browse-label' : undefined
            }
            optionDomId={optionDomId}
            onActivate={(id) => dispatch({ type: 'activate', index: optionIds.indexOf(id) })}
            onChoose={(id) => dispatch({ type: 'open', id })}
          />
        </div>
      </main>

      <footer className="kl-popup-footer">
        <ReaderLinks tabUrl={tabInfo.kind === 'tab' ? tabInfo.tab.url : undefined} />
        {!panel && tabInfo.kind === 'tab' && deps.openSidePanel && (
          <button type="button" className="kl-open-panel" onClick={openPanel}>
            Open in side panel
          </button>
        )}
        {tabInfo.kind === 'tab' && (
          <Switch
            label="On this site"
            description={
              siteKey === null
                ? 'Not available on this page'
                : settings && !settings.enabled
                  ? `${siteKey} — off everywhere`
                  : siteKey
            }
            checked={settings !== null && siteKey !== null && isSiteEnabled(settings, siteKey)}
            disabled={settings === null || siteKey === null || !settings.enabled}
            onChange={(on) => siteKey && change((s) => setSite(s, siteKey, on))}
          />
        )}
        <Switch
          label="Everywhere"
          description="Mark terms on every site"
          checked={settings?.enabled ?? false}
          disabled={settings === null}
          onChange={(on) => change((s) => ({ ...s, enabled: on }))}
        />
        {notice && (
          <p className="kl-notice" role="status">
            {notice}
          </p>
        )}
      </footer>
      <div className="kl-visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  );
}
