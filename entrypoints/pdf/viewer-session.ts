// The viewer page's state and actions, outside React: where the PDF comes
// from (URL, permission, password, local file), pdf.js's viewer, the page
// engine on its text layers, and the document-wide term list. The React
// components render a snapshot and call these methods.
import { browser } from 'wxt/browser';
import { type LoadProblem, problemFromError } from '../../lib/pdf/load-problem';
import { displayName } from '../../lib/pdf/pdf-url';
import { type DocTerm, TermIndex } from '../../lib/pdf/term-index';
import { entryIndex, ReaderLens, type ReaderLook } from '../../lib/reader/reader-lens';
import { followLook } from '../../lib/reader/reader-look';
import { downloadPdf, requestOrigin } from './download';
import { type FindResult, PasswordCancelled, PdfView } from './pdf-view';
import { readAllPages } from './read-pages';

export type Phase =
  | { kind: 'choose' }
  | { kind: 'downloading'; name: string }
  | { kind: 'permission'; url: string; pattern: string; host: string }
  | { kind: 'opening'; name: string }
  | { kind: 'password'; name: string; wrong: boolean }
  | { kind: 'problem'; problem: LoadProblem }
  | { kind: 'ready'; name: string };

export interface ViewerState {
  phase: Phase;
  page: number;
  pages: number;
  scale: number;
  /** 'auto', 'page-fit', 'page-width', or undefined for a plain factor. */
  preset: string | undefined;
  find: FindResult | null;
  /** Terms of the whole document, as far as it has been read. */
  terms: DocTerm[];
  pagesRead: number;
  /** Marks on the rendered pages. */
  marks: number;
}

/** What to open once its page's text layer is marked: a term (by id) or the page's first mark. */
interface Pending {
  page: number;
  id: string | null;
  until: number;
}

const PENDING_MS = 5000;
const MARKS_THROTTLE_MS = 150;

export class ViewerSession {
  #state: ViewerState = {
    phase: { kind: 'choose' },
    page: 1,
    pages: 0,
    scale: 1,
    preset: 'auto',
    find: null,
    terms: [],
    pagesRead: 0,
    marks: 0,
  };
  #listeners = new Set<() => void>();
  #view: PdfView;
  #lens: ReaderLens;
  #index: TermIndex | null = null;
  #load: AbortController | null = null;
  #password: ((password: string | null) => void) | null = null;
  #pending: Pending | null = null;
  #marksTimer = 0;
  #stopLook: () => void;
  #look: ReaderLook | null = null;
  #lensStarted = false;
  #reading = false;

  constructor(container: HTMLDivElement, viewer: HTMLDivElement) {
    this.#lens = new ReaderLens({
      doc: container.ownerDocument,
      rootOnly: !import.meta.env.FIREFOX,
      onMarksChanged: () => this.#marksChanged(),
    });
    // The engine starts with the first text layer: its first scan then reads
    // it at once, where a later page reaches it through the engine's
    // mutation tracker (which waits for a quiet moment, often ~0.5 s here).
    this.#stopLook = followLook((look) => {
      this.#look = look;
      if (this.#lensStarted) this.#lens.setLook(look);
    });
    this.#view = new PdfView(container, viewer, {
      onPageChange: (page) => this.#set({ page }),
      onScaleChange: (scale, preset) => this.#set({ scale, preset }),
      onFind: (find) => this.#set({ find }),
      onTextLayer: () => {
        // In a task of its own: pdf.js's rendering task is long enough already.
        if (!this.#lensStarted) setTimeout(() => this.#look && this.#lens.setLook(this.#look), 0);
        this.#lensStarted = true;
        // Read the whole document once the first page shows: rendering comes first in the worker.
        this.#startReading();
        this.#tryPending();
      },
    });
  }

  static supported(win: Window & typeof globalThis): boolean {
    return ReaderLens.supported(win);
  }

  // ---- state for React (useSyncExternalStore) -------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getState = (): ViewerState => this.#state;

  #set(change: Partial<ViewerState>): void {
    this.#state = { ...this.#state, ...change };
    for (const l of this.#listeners) l();
  }

  // ---- getting the PDF ---------------------------------------------------------

  async openUrl(url: string): Promise<void> {
    const signal = this.#restart();
    this.#set({ phase: { kind: 'downloading', name: displayName(url) } });
    try {
      const got = await downloadPdf(url, signal);
      if (signal.aborted) return;
      if (got.kind === 'bytes') await this.#openBytes(got.data, displayName(url), signal);
      else if (got.kind === 'needs-permission')
        this.#set({ phase: { kind: 'permission', url, pattern: got.pattern, host: got.host } });
      else this.#set({ phase: { kind: 'problem', problem: got.problem } });
    } catch (error) {
      if (!signal.aborted) this.#set({ phase: { kind: 'problem', problem: problemFromError(error) } });
    }
  }

  /** The reader allows the download: must run inside their click (permissions.request). */
  allowDownload(): void {
    const { phase } = this.#state;
    if (phase.kind !== 'permission') return;
    requestOrigin(phase.pattern).then((ok) => {
      if (ok) void this.openUrl(phase.url);
      else this.#set({ phase: { kind: 'problem', problem: { kind: 'denied', host: phase.host } } });
    });
  }

  async openFile(file: File): Promise<void> {
    const signal = this.#restart();
    this.#set({ phase: { kind: 'opening', name: file.name } });
    try {
      const data = new Uint8Array(await file.arrayBuffer());
      if (!signal.aborted) await this.#openBytes(data, file.name, signal);
    } catch (error) {
      if (!signal.aborted) this.#set({ phase: { kind: 'problem', problem: problemFromError(error) } });
    }
  }

  submitPassword(password: string | null): void {
    const answer = this.#password;
    this.#password = null;
    const { phase } = this.#state;
    if (phase.kind === 'password') this.#set({ phase: { kind: 'opening', name: phase.name } });
    answer?.(password);
  }

  #restart(): AbortSignal {
    this.#load?.abort();
    this.#load = new AbortController();
    this.#index = null;
    this.#reading = false;
    this.#pending = null;
    this.#password?.(null);
    this.#password = null;
    this.#set({ terms: [], pagesRead: 0, pages: 0, page: 1, find: null });
    return this.#load.signal;
  }

  async #openBytes(data: Uint8Array, name: string, signal: AbortSignal): Promise<void> {
    this.#set({ phase: { kind: 'opening', name } });
    try {
      const doc = await this.#view.open(data, (wrong) => {
        this.#set({ phase: { kind: 'password', name, wrong } });
        return new Promise((resolve) => {
          this.#password = resolve;
        });
      });
      if (signal.aborted) return;
      this.#index = new TermIndex(this.#lens.matcher);
      document.title = `${name} · Ketamine Lens`;
      this.#set({ phase: { kind: 'ready', name }, pages: doc.numPages });
    } catch (error) {
      if (signal.aborted) return;
      const problem: LoadProblem =
        error instanceof PasswordCancelled ? { kind: 'password-cancelled' } : problemFromError(error);
      this.#set({ phase: { kind: 'problem', problem } });
    }
  }

  #startReading(): void {
    const doc = this.#view.document;
    const index = this.#index;
    const signal = this.#load?.signal;
    if (this.#reading || !doc || !index || !signal) return;
    this.#reading = true;
    let last = 0;
    const publish = () => {
      last = performance.now();
      const terms = index.terms();
      this.#set({ terms, pagesRead: index.pagesRead });
      const count = terms.reduce((n, t) => n + t.count, 0);
      browser.runtime
        .sendMessage({ type: 'kl:count', count, frameUrl: location.href, off: null })
        .catch(() => {});
    };
    void readAllPages(doc, index, {
      current: () => this.#view.page,
      signal,
      // The list is rebuilt a few times a second at most.
      onProgress: (read) => {
        if (read === doc.numPages || performance.now() - last > 250) publish();
      },
    });
  }

  // ---- navigation ----------------------------------------------------------------

  goToPage(page: number): void {
    this.#view.page = page;
  }

  setScale(value: string): void {
    this.#view.setScale(value);
  }

  zoom(steps: 1 | -1): void {
    this.#view.zoom(steps);
  }

  find(query: string, options: { again?: boolean; previous?: boolean } = {}): void {
    if (query) this.#view.find(query, options);
    else this.endFind();
  }

  endFind(): void {
    this.#view.endFind();
    this.#set({ find: null });
  }

  // ---- terms ---------------------------------------------------------------------

  /** Opens the next marked term after the last one opened; past the rendered pages, goes to the next page with terms. */
  nextTerm(): void {
    if (this.#lens.next()) return;
    const after = this.#view.page;
    const pages = this.#state.terms.flatMap((t) => t.pages);
    const later = pages.filter((p) => p > after);
    const page = later.length ? Math.min(...later) : pages.length ? Math.min(...pages) : 0;
    if (page) this.#goAndOpen(page, null);
  }

  /** Opens a term of the list on its first page. */
  showTerm(id: string): void {
    const entry = entryIndex(id);
    const term = this.#state.terms.find((t) => t.entry === entry);
    const page = term?.pages[0];
    if (page) this.#goAndOpen(page, id);
  }

  #goAndOpen(page: number, id: string | null): void {
    this.#pending = { page, id, until: performance.now() + PENDING_MS };
    this.#view.page = page;
    this.#tryPending();
  }

  #tryPending(): void {
    const p = this.#pending;
    if (!p) return;
    if (performance.now() > p.until) {
      this.#pending = null;
      return;
    }
    const layer = this.#view.textLayerOf(p.page);
    if (!layer) return;
    const opened = p.id === null ? this.#openFirst(layer) : this.#lens.reveal(p.id, layer);
    if (opened) this.#pending = null;
  }

  #openFirst(within: Node): boolean {
    const first = this.#lens.marks(within)[0];
    if (first) this.#lens.open(first);
    return first !== undefined;
  }

  #marksChanged(): void {
    if (this.#marksTimer) return;
    this.#marksTimer = window.setTimeout(() => {
      this.#marksTimer = 0;
      this.#set({ marks: this.#lens.size });
      this.#tryPending();
    }, MARKS_THROTTLE_MS);
  }

  destroy(): void {
    this.#load?.abort();
    this.#stopLook();
    this.#lens.stop();
    void this.#view.close();
  }
}
