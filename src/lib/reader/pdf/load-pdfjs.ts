import type { PDFWorker } from 'pdfjs-dist';

export type PdfJsModule = typeof import('pdfjs-dist');

let loading: Promise<PdfJsModule> | undefined;

/** pdf.js for the reader, loaded when a PDF is first opened (the rest of the app does without it). */
export function loadPdfJs(): Promise<PdfJsModule> {
  loading ??= import('pdfjs-dist').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * A pdf.js worker for one open PDF: parsing and decoding run there, off the
 * page's thread, and stopping it frees what the document held. (The scanner
 * runs pdf.js inside its own worker instead; see local/platform/pdf-browser.ts.)
 */
export function startPdfWorker(pdfjs: PdfJsModule): { worker: PDFWorker; stop(): void } {
  const port = new Worker(new URL('./pdf.worker.ts', import.meta.url), {
    type: 'module',
    name: 'pdf.js',
  });
  const worker = pdfjs.PDFWorker.create({ port });
  return {
    worker,
    stop() {
      worker.destroy();
      port.terminate();
    },
  };
}
