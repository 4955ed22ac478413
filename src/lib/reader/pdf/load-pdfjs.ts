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

/** A pdf.js worker started ahead of pdf.js itself, handed to it once pdf.js has loaded. */
export interface PdfThread {
  connect(pdfjs: PdfJsModule): PDFWorker;
  stop(): void;
}

/**
 * A pdf.js worker for one open PDF: parsing and decoding run there, off the
 * page's thread, and stopping it frees what the document held. It starts at
 * once, so its script loads while the first bytes of the book are fetched.
 * (The scanner runs pdf.js inside its own worker; see local/platform/pdf-browser.ts.)
 */
export function startPdfThread(): PdfThread {
  const port = new Worker(new URL('./pdf.worker.ts', import.meta.url), {
    type: 'module',
    name: 'pdf.js',
  });
  let worker: PDFWorker | undefined;
  return {
    connect(pdfjs) {
      worker ??= pdfjs.PDFWorker.create({ port });
      return worker;
    },
    stop() {
      worker?.destroy();
      port.terminate();
    },
  };
}
