import type { PDFDocumentProxy, PDFPageProxy, RenderTask, TextLayer } from 'pdfjs-dist';
import type { PdfJsModule } from './load-pdfjs';
import { canvasSize, scaleFor, type Size, type Zoom } from './page-scale';

/** What pages are drawn for; when it changes, every page is drawn again. */
export interface Layout {
  zoom: Zoom;
  /** The stage's inner size in CSS pixels. */
  stage: Size;
  pixelRatio: number;
}

/** One page in an element of its own, drawn (or being drawn) for the current layout. */
export interface PageView {
  /** 0-based. */
  readonly index: number;
  /** `.pdf-page`: the canvas with the text layer over it, sized as the page shows. */
  readonly element: HTMLElement;
  /** Resolves when the canvas is painted, or the page said it could not be: true; false if dropped. */
  readonly drawn: Promise<boolean>;
  /** The scale and size it is drawn at, once pdf.js has the page. */
  scale?: number;
  size?: Size;
}

interface Drawing {
  view: PageView;
  /** Stops drawing and gives the canvas's memory back. */
  drop(): void;
}

/**
 * The pages the reader keeps drawn: the one shown and its neighbours, so a
 * turn only swaps an element in. Each page is a canvas at the screen's pixel
 * density under a pdf.js TextLayer (transparent text placed over the glyphs),
 * which is what selection, copy and find work on.
 */
export class PageViews {
  readonly #drawings = new Map<number, Drawing>();
  #layout: Layout | undefined;
  #layoutKey = '';

  constructor(
    private readonly doc: PDFDocumentProxy,
    private readonly pdfjs: PdfJsModule,
  ) {}

  /** The layout pages are drawn for; pages drawn for another one are dropped. */
  setLayout(layout: Layout): void {
    const key = JSON.stringify(layout);
    if (key === this.#layoutKey) return;
    this.#layoutKey = key;
    this.#layout = layout;
    this.clear();
  }

  /** The view of page `index`, started now if it is not drawn or drawing. */
  view(index: number, estimate?: Size): PageView {
    const kept = this.#drawings.get(index);
    if (kept) return kept.view;
    if (!this.#layout) throw new Error('PageViews.setLayout must come before view.');
    const drawing = this.#draw(index, this.#layout, estimate);
    this.#drawings.set(index, drawing);
    return drawing.view;
  }

  /** Whether page `index` is drawn or being drawn. */
  has(index: number): boolean {
    return this.#drawings.has(index);
  }

  /** Drops every page but these. */
  keepOnly(indexes: readonly number[]): void {
    for (const [index, drawing] of this.#drawings) {
      if (indexes.includes(index)) continue;
      drawing.drop();
      this.#drawings.delete(index);
    }
  }

  clear(): void {
    this.keepOnly([]);
  }

  #draw(index: number, layout: Layout, estimate?: Size): Drawing {
    const element = document.createElement('div');
    element.className = 'pdf-page';
    element.dataset.testid = 'pdf-page';
    element.dataset.page = String(index);
    if (estimate) setSize(element, estimate);
    const canvas = document.createElement('canvas');
    const text = document.createElement('div');
    text.className = 'textLayer';
    element.append(canvas, text);

    let dropped = false;
    let page: PDFPageProxy | undefined;
    let render: RenderTask | undefined;
    let textLayer: TextLayer | undefined;
    const view: { -readonly [K in keyof PageView]: PageView[K] } = {
      index,
      element,
      drawn: Promise.resolve(false),
    };
    view.drawn = (async () => {
      try {
        page = await this.doc.getPage(index + 1);
        if (dropped) return false;
        const scale = scaleFor(layout.zoom, page.getViewport({ scale: 1 }), layout.stage);
        const viewport = page.getViewport({ scale });
        view.scale = scale;
        view.size = { width: viewport.width, height: viewport.height };
        setSize(element, view.size);
        // The text layer sizes its runs from these (pdf.js's viewer sets them on its pages).
        element.style.setProperty('--scale-factor', String(scale));
        element.style.setProperty('--user-unit', String(page.userUnit));
        const pixels = canvasSize(view.size, layout.pixelRatio);
        canvas.width = pixels.width;
        canvas.height = pixels.height;
        const [sx, sy] = [pixels.width / viewport.width, pixels.height / viewport.height];
        render = page.render({ canvas, viewport, transform: [sx, 0, 0, sy, 0, 0] });
        await render.promise;
      } catch (error) {
        if (dropped) return false;
        showProblem(element, index, error);
        return true;
      }
      element.dataset.drawn = '';
      // The text comes after the picture: the page is readable sooner, selectable a moment later.
      textLayer = new this.pdfjs.TextLayer({
        textContentSource: page.streamTextContent({ includeMarkedContent: true }),
        container: text,
        viewport: page.getViewport({ scale: view.scale }),
      });
      textLayer.render().then(
        () => (element.dataset.text = 'ready'),
        () => undefined, // No text to select on this page; the picture stays.
      );
      return true;
    })();
    return {
      view,
      drop() {
        dropped = true;
        render?.cancel();
        textLayer?.cancel();
        // A canvas keeps its pixels until it is resized; 0×0 gives them back at once. One on
        // screen stays until the reader replaces it (a zoom shows the old drawing meanwhile).
        if (!element.isConnected) {
          canvas.width = 0;
          canvas.height = 0;
        }
        page?.cleanup();
      },
    };
  }
}

function setSize(element: HTMLElement, size: Size): void {
  element.style.width = `${size.width}px`;
  element.style.height = `${size.height}px`;
}

function showProblem(element: HTMLElement, index: number, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  const problem = document.createElement('p');
  problem.className = 'pdf-page-problem';
  problem.setAttribute('role', 'alert');
  problem.textContent = `Page ${index + 1} could not be drawn (${reason}). The other pages may still show; this one is likely damaged in the file.`;
  element.replaceChildren(problem);
  element.dataset.drawn = '';
  element.dataset.problem = '';
}
