import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { ByteSource } from '../../bytes/byte-source';
import { BookFormatError } from '../../errors';
import { readHead } from './header';
import type { PdfPlatform } from './pdf-platform';
import { RANGE_OPTIONS, rangeTransport } from './range-transport';
import { reason, toReadError } from './read-errors';

/** A pathological file must not hang a scan. */
export const PDF_TIMEOUT_MS = 30_000;

export interface PdfReadOptions {
  /** How long one file may take before it is given up ('timeout'). */
  timeoutMs?: number;
}

/** Fixed for safety and quiet: no eval, no system fonts, recover what can be, log nothing. */
const SAFE_OPTIONS = {
  isEvalSupported: false,
  useSystemFonts: false,
  stopAtErrors: false,
  enableXfa: false,
  verbosity: 0,
  // 64 Mpx: a scanned page at 600 dpi fits; a hostile image cannot take gigabytes.
  maxImageSize: 64 * 1024 * 1024,
} as const;

/** Opens the document, runs `use`, and always destroys it, within the time limit. */
export async function withDocument<T>(
  source: ByteSource,
  pdf: PdfPlatform,
  options: PdfReadOptions,
  use: (doc: PDFDocumentProxy) => Promise<T>,
): Promise<T> {
  const head = await readHead(source);
  const pdfjs = await pdf.load().catch((error: unknown) => {
    throw new BookFormatError('unsupported-format', `PDF support failed to load: ${reason(error)}`);
  });
  const feed = rangeTransport(pdfjs, source, head);
  const task = pdfjs.getDocument({
    ...pdf.documentOptions,
    ...SAFE_OPTIONS,
    ...RANGE_OPTIONS,
    range: feed.transport,
    length: source.size,
  });
  const limit = deadline(options.timeoutMs ?? PDF_TIMEOUT_MS, source);
  try {
    return await Promise.race([task.promise.then(use), feed.failure, limit.expired]);
  } catch (error) {
    throw toReadError(error, source);
  } finally {
    limit.cancel();
    // Destroying the loading task destroys its document and aborts pending ranges.
    await task.destroy().catch(() => undefined);
  }
}

function deadline(ms: number, source: ByteSource): { expired: Promise<never>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const seconds = Math.round(ms / 100) / 10;
      reject(
        new BookFormatError(
          'timeout',
          `Reading ${source.name} took longer than ${seconds} s and was stopped. The file may ` +
            'be damaged or unusually complex; scan it again when the library is idle.',
        ),
      );
    }, ms);
  });
  return { expired, cancel: () => clearTimeout(timer) };
}
