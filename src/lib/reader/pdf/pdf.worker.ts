// pdf.js's own worker, started by the reader (load-pdfjs.ts): importing it is
// all it takes, as it listens on the worker's port once loaded.
import 'pdfjs-dist/build/pdf.worker.mjs';
