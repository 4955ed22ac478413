// pdf.js's worker code, imported to run it in the importing thread; it ships no types.
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
