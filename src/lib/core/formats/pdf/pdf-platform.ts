import type { getDocument, PDFDataRangeTransport } from 'pdfjs-dist';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';
import type { RasterImage } from '../platform';

/**
 * What a host lends the PDF reader. The core never imports pdf.js at run time:
 * Node needs the legacy build (`pdfjs-dist/legacy/build/pdf.mjs`), a browser
 * the regular build with its worker, and only the host knows which it has.
 */
export interface PdfPlatform {
  /** Loads pdf.js, once; later calls give the same module. */
  load(): Promise<PdfJs>;
  /** Where this host keeps pdf.js's resources, and the factories its environment needs. */
  documentOptions?: PdfDocumentOptions;
  /** A canvas to render page 1 on, for covers; without it there are no PDF covers. */
  createCanvas?(width: number, height: number): PdfCanvas | Promise<PdfCanvas>;
}

/**
 * The two pdf.js exports the reader uses. The range transport must be the
 * module's own class: `getDocument` checks `range instanceof` it.
 */
export interface PdfJs {
  getDocument: typeof getDocument;
  PDFDataRangeTransport: typeof PDFDataRangeTransport;
}

/**
 * The `getDocument` options that depend on the host. Node passes file-system
 * paths for fonts, CMaps and wasm; a browser passes URLs and, inside a worker
 * (no `document`), `useWorkerFetch: true`, `disableFontFace: true` and a
 * `CanvasFactory` that makes OffscreenCanvas. Everything else (no eval, no
 * system fonts, range loading) the reader fixes itself.
 */
export type PdfDocumentOptions = Pick<
  DocumentInitParameters,
  | 'standardFontDataUrl'
  | 'cMapUrl'
  | 'cMapPacked'
  | 'iccUrl'
  | 'wasmUrl'
  | 'useWorkerFetch'
  | 'worker'
  | 'CanvasFactory'
  | 'FilterFactory'
  | 'CMapReaderFactory'
  | 'StandardFontDataFactory'
  | 'WasmFactory'
  | 'isOffscreenCanvasSupported'
  | 'isImageDecoderSupported'
  | 'disableFontFace'
>;

/** A canvas pdf.js draws page 1 on, and the way to get its pixels out as an image. */
export interface PdfCanvas {
  /**
   * What `page.render({ canvas })` draws on: an HTMLCanvasElement, an
   * OffscreenCanvas or an @napi-rs/canvas Canvas. pdf.js only calls
   * `getContext('2d')` and reads `width`/`height`.
   */
  readonly canvas: object;
  /** The rendered page as PNG or JPEG bytes. */
  toImage(): Promise<RasterImage>;
}
