import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { RenderParameters } from 'pdfjs-dist/types/src/display/api';
import type { ByteSource } from '../../bytes/byte-source';
import type { FormatPlatform, RasterImage } from '../platform';
import { withDocument, type PdfReadOptions } from './open-document';
import type { PdfCanvas } from './pdf-platform';
import { isPasswordError } from './read-errors';

/**
 * Page 1 rendered at most `maxWidth` pixels wide, as the host's canvas encodes
 * it (PNG in the agent). Undefined when the host has no canvas, the PDF needs
 * a password, or the page cannot be rendered; throws like readPdf when the
 * file cannot be opened at all.
 */
export async function readPdfCover(
  source: ByteSource,
  platform: FormatPlatform,
  maxWidth = 800,
  options: PdfReadOptions = {},
): Promise<RasterImage | undefined> {
  const pdf = platform.pdf;
  const createCanvas = pdf?.createCanvas?.bind(pdf);
  if (!pdf || !createCanvas) return undefined;
  try {
    return await withDocument(source, pdf, options, (doc) =>
      renderFirstPage(doc, createCanvas, Math.max(1, Math.floor(maxWidth))),
    );
  } catch (error) {
    if (isPasswordError(error)) return undefined;
    throw error;
  }
}

/** Covers are taller than wide; a page far taller than this is clipped in size, not in content. */
const MAX_HEIGHT_PER_WIDTH = 3;

async function renderFirstPage(
  doc: PDFDocumentProxy,
  createCanvas: (width: number, height: number) => PdfCanvas | Promise<PdfCanvas>,
  maxWidth: number,
): Promise<RasterImage | undefined> {
  if (doc.numPages < 1) return undefined;
  try {
    const page = await doc.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    if (!(natural.width > 0 && natural.height > 0)) return undefined;
    const scale = Math.min(
      maxWidth / natural.width,
      (maxWidth * MAX_HEIGHT_PER_WIDTH) / natural.height,
    );
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.min(maxWidth, Math.floor(viewport.width)));
    const height = Math.max(1, Math.floor(viewport.height));
    const target = await createCanvas(width, height);
    // pdf.js's types say HTMLCanvasElement; it only needs getContext('2d'), which every
    // host canvas (OffscreenCanvas, @napi-rs/canvas) has.
    const canvas = target.canvas as RenderParameters['canvas'];
    await page.render({ canvas, viewport }).promise;
    return await target.toImage();
  } catch {
    // A page pdf.js cannot draw gives no cover; the book is still cataloged.
    return undefined;
  }
}
