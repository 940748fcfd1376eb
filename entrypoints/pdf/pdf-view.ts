// pdf.js's own viewer components, wired for our viewer page: lazy page
// rendering with a text layer, links, find, zoom and page navigation. We
// render nothing ourselves. Everything pdf.js loads by URL comes from the
// extension (modules/pdfjs-assets.ts); scripts inside PDFs never run (no
// scripting manager, eval off).
import * as pdfjs from 'pdfjs-dist';
// The viewer components read the library from globalThis.pdfjsLib, which the
// import above sets: this order matters.
import {
  EventBus,
  LinkTarget,
  PDFFindController,
  PDFLinkService,
  PDFViewer,
} from 'pdfjs-dist/web/pdf_viewer.mjs';
import 'pdfjs-dist/web/pdf_viewer.css';
import { browser } from 'wxt/browser';
import { pdfjsPaths } from '../../lib/pdf/pdfjs-paths';

export type PDFDocumentProxy = pdfjs.PDFDocumentProxy;

export interface FindResult {
  /** pdf.js FindState: 0 found, 1 not found, 2 wrapped around, 3 pending. */
  state: number;
  current: number;
  total: number;
}

export interface PdfViewEvents {
  onPageChange(page: number): void;
  onScaleChange(scale: number, preset: string | undefined): void;
  onFind(result: FindResult): void;
  /** A page's text layer is in the document (it appears whole, after pdf.js built it). */
  onTextLayer(page: number): void;
}

/** Asks the reader for the password; null: they gave up. */
export type AskPassword = (wrongBefore: boolean) => Promise<string | null>;

/** Thrown by open() when the reader closed the password prompt. */
export class PasswordCancelled extends Error {
  override name = 'PasswordCancelled';
}

const url = (path: string) => browser.runtime.getURL(path as '/');

let workerSet = false;

export class PdfView {
  readonly eventBus = new EventBus();
  readonly #viewer: PDFViewer;
  readonly #links: PDFLinkService;
  #doc: PDFDocumentProxy | null = null;
  #task: pdfjs.PDFDocumentLoadingTask | null = null;

  constructor(container: HTMLDivElement, viewer: HTMLDivElement, events: PdfViewEvents) {
    if (!workerSet) {
      pdfjs.GlobalWorkerOptions.workerSrc = url(pdfjsPaths().worker);
      workerSet = true;
    }
    const { eventBus } = this;
    this.#links = new PDFLinkService({
      eventBus,
      // Links out of the PDF open in a new tab, without our page as referrer.
      externalLinkTarget: LinkTarget.BLANK,
      externalLinkRel: 'noopener noreferrer nofollow',
    });
    const findController = new PDFFindController({ eventBus, linkService: this.#links });
    this.#viewer = new PDFViewer({ container, viewer, eventBus, linkService: this.#links, findController });
    this.#links.setViewer(this.#viewer);
    eventBus.on('pagesinit', () => {
      this.#viewer.currentScaleValue = 'auto';
    });
    eventBus.on('pagechanging', (e: { pageNumber: number }) => events.onPageChange(e.pageNumber));
    eventBus.on('scalechanging', (e: { scale: number; presetValue?: string }) =>
      events.onScaleChange(e.scale, e.presetValue),
    );
    eventBus.on('textlayerrendered', (e: { pageNumber: number; error?: unknown }) => {
      if (!e.error) events.onTextLayer(e.pageNumber);
    });
    const onFind = (e: { state?: number; matchesCount?: { current: number; total: number } }) =>
      events.onFind({
        state: e.state ?? 0,
        current: e.matchesCount?.current ?? 0,
        total: e.matchesCount?.total ?? 0,
      });
    eventBus.on('updatefindcontrolstate', onFind);
    eventBus.on('updatefindmatchescount', (e: { matchesCount: { current: number; total: number } }) =>
      events.onFind({ state: 0, current: e.matchesCount.current, total: e.matchesCount.total }),
    );
  }

  /** Opens a PDF from its bytes; asks for a password when it has one. */
  async open(data: Uint8Array, askPassword: AskPassword): Promise<PDFDocumentProxy> {
    await this.close();
    const paths = pdfjsPaths();
    const task = pdfjs.getDocument({
      data,
      cMapUrl: url(paths.cMaps),
      cMapPacked: true,
      standardFontDataUrl: url(paths.standardFonts),
      wasmUrl: url(paths.wasm),
      iccUrl: url(paths.icc),
      // No code from a PDF runs: PostScript functions are interpreted, not compiled.
      isEvalSupported: false,
      enableXfa: false,
    });
    this.#task = task;
    let cancelled = false;
    task.onPassword = (update: (password: string) => void, reason: number) => {
      askPassword(reason === pdfjs.PasswordResponses.INCORRECT_PASSWORD).then((password) => {
        if (password === null) {
          cancelled = true;
          void task.destroy();
        } else update(password);
      });
    };
    try {
      const doc = await task.promise;
      this.#doc = doc;
      this.#viewer.setDocument(doc);
      this.#links.setDocument(doc, null);
      return doc;
    } catch (error) {
      if (cancelled) throw new PasswordCancelled();
      throw error;
    }
  }

  async close(): Promise<void> {
    const task = this.#task;
    this.#task = null;
    this.#doc = null;
    if (task) {
      this.#viewer.setDocument(null as unknown as PDFDocumentProxy);
      this.#links.setDocument(null, null);
      await task.destroy().catch(() => {});
    }
  }

  get document(): PDFDocumentProxy | null {
    return this.#doc;
  }

  get pageCount(): number {
    return this.#viewer.pagesCount;
  }

  get page(): number {
    return this.#viewer.currentPageNumber;
  }

  set page(n: number) {
    if (n >= 1 && n <= this.pageCount) this.#viewer.currentPageNumber = n;
  }

  /** The element of a page's text layer, once rendered (null before, or after pdf.js dropped it). */
  textLayerOf(page: number): HTMLElement | null {
    const view = this.#viewer.getPageView(page - 1) as { textLayer?: { div?: HTMLElement } } | undefined;
    const div = view?.textLayer?.div;
    return div?.isConnected ? div : null;
  }

  /** 'auto', 'page-fit', 'page-width' or a factor ("1.5"). */
  setScale(value: string): void {
    this.#viewer.currentScaleValue = value;
  }

  zoom(steps: 1 | -1): void {
    if (steps > 0) this.#viewer.increaseScale();
    else this.#viewer.decreaseScale();
  }

  find(query: string, options: { again?: boolean; previous?: boolean } = {}): void {
    this.eventBus.dispatch('find', {
      source: this,
      type: options.again ? 'again' : '',
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: options.previous === true,
      matchDiacritics: false,
    });
  }

  endFind(): void {
    this.eventBus.dispatch('findbarclose', { source: this });
  }
}
