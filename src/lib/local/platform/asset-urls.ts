/**
 * Where the app serves the heavy readers' resources, copied out of
 * node_modules by `npm run build` (service-worker/copy-assets.js) and
 * precached by the service worker, so PDFs, CBRs and CB7s read offline too.
 * Absolute URLs: pdf.js and libarchive fetch them from inside workers.
 */
const origin = () => globalThis.location.origin;

export const PDFJS_ASSETS = () => ({
  standardFontDataUrl: `${origin()}/vendor/pdfjs/standard_fonts/`,
  cMapUrl: `${origin()}/vendor/pdfjs/cmaps/`,
  iccUrl: `${origin()}/vendor/pdfjs/iccs/`,
  wasmUrl: `${origin()}/vendor/pdfjs/wasm/`,
});

/** libarchive.js's worker finds libarchive.wasm beside itself (import.meta.url). */
export const LIBARCHIVE_WORKER_URL = () => `${origin()}/vendor/libarchive/worker-bundle.js`;
