import type { PdfCanvas, PdfJs, PdfPlatform } from '#core/formats/pdf/pdf-platform';
import { PDFJS_ASSETS } from './asset-urls';
import { NoFilterFactory, OffscreenCanvasFactory } from './offscreen-canvas-factory';

/**
 * pdf.js for a reader worker. pdf.js would start a worker of its own per
 * document; we are in a worker already, so its worker code is imported here
 * and pdf.js runs it in this thread (it looks for `globalThis.pdfjsWorker`).
 * Fonts, CMaps and wasm decoders are fetched from the app (useWorkerFetch,
 * absolute URLs), glyphs are drawn as paths (no FontFace in a worker), and
 * page covers are drawn on an OffscreenCanvas.
 */

let loading: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const worker = await import('pdfjs-dist/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist');
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

function offscreenCanvas(width: number, height: number): PdfCanvas {
  const canvas = new OffscreenCanvas(width, height);
  return {
    canvas,
    async toImage() {
      // JPEG: a cover is a photo-like page, and it is thumbnailed right after.
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      return { bytes: new Uint8Array(await blob.arrayBuffer()), mediaType: 'image/jpeg' };
    },
  };
}

export function browserPdfPlatform(): PdfPlatform {
  return {
    load: loadPdfJs,
    documentOptions: {
      ...PDFJS_ASSETS(),
      cMapPacked: true,
      useWorkerFetch: true,
      disableFontFace: true,
      isOffscreenCanvasSupported: true,
      CanvasFactory: OffscreenCanvasFactory,
      FilterFactory: NoFilterFactory,
    },
    createCanvas: offscreenCanvas,
  };
}
