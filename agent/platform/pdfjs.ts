import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfCanvas, PdfJs, PdfPlatform } from '#core/formats/pdf/pdf-platform';

/**
 * pdf.js for the agent. Node needs the legacy build; it runs pdf.js's worker
 * code in this thread (a "fake worker"), importing it from
 * GlobalWorkerOptions.workerSrc, which we pin to the legacy worker's file URL
 * rather than trust pdf.js's relative default. Fonts, CMaps and wasm decoders
 * are read from the package's folders, never fetched. Page covers are drawn
 * on @napi-rs/canvas (pdf.js's own optional dependency) and encoded as PNG.
 */

const require = createRequire(import.meta.url);
const PDFJS_ROOT = dirname(require.resolve('pdfjs-dist/package.json'));
const WORKER_URL = pathToFileURL(join(PDFJS_ROOT, 'legacy/build/pdf.worker.mjs')).href;

/** pdf.js reads these with fs in Node: plain paths, ending in a separator. */
const folder = (name: string) => join(PDFJS_ROOT, name) + sep;

let loading: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = WORKER_URL;
    // Imported here so a broken install fails now, with its reason, not as a "damaged PDF".
    await import(WORKER_URL);
    return pdfjs;
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

type NapiCanvas = typeof import('@napi-rs/canvas');

/** @napi-rs/canvas is optional: without it the agent still reads PDFs, without covers. */
function loadCanvas(): NapiCanvas | undefined {
  try {
    return require('@napi-rs/canvas') as NapiCanvas;
  } catch {
    return undefined;
  }
}

function pngCanvas(napi: NapiCanvas, width: number, height: number): PdfCanvas {
  const canvas = napi.createCanvas(width, height);
  return {
    canvas,
    async toImage() {
      const png = await canvas.encode('png');
      return {
        bytes: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
        mediaType: 'image/png',
      };
    },
  };
}

export function nodePdfPlatform(): PdfPlatform {
  const napi = loadCanvas();
  return {
    load: loadPdfJs,
    documentOptions: {
      standardFontDataUrl: folder('standard_fonts'),
      cMapUrl: folder('cmaps'),
      cMapPacked: true,
      iccUrl: folder('iccs'),
      wasmUrl: folder('wasm'),
    },
    ...(napi && { createCanvas: (width, height) => pngCanvas(napi, width, height) }),
  };
}
