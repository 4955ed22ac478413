import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { ByteSource } from '#core/bytes/byte-source';
import { BookFormatError } from '#core/errors';
import { readHead } from '#core/formats/pdf/header';
import { RANGE_OPTIONS, rangeTransport } from '#core/formats/pdf/range-transport';
import { toReadError } from '#core/formats/pdf/read-errors';
import { PDFJS_ASSETS } from '$lib/local/platform/asset-urls';
import { blobSource } from '$lib/local/fs/blob-source';
import type { ReaderSource } from '../reader-types';
import { BookDownloadError, httpRangeSource } from './http-range-source';
import { loadPdfJs, startPdfThread, type PdfJsModule } from './load-pdfjs';

/** An open PDF: the document, pdf.js itself, and what ends it. */
export interface OpenPdf {
  doc: PDFDocumentProxy;
  pdfjs: PdfJsModule;
  /**
   * Rejects with a sentence-bearing error when a later read fails (the agent
   * went away, the file changed): pdf.js would otherwise wait for it forever.
   */
  failure: Promise<never>;
  close(): Promise<void>;
}

/**
 * Asks the user for the PDF's password; `wrong` when the last one did not
 * open it. Undefined means they gave up.
 */
export type AskPassword = (wrong: boolean) => Promise<string | undefined>;

/** The PDF needs a password and the user did not give one. */
export class PasswordRequired extends Error {
  override name = 'PasswordRequired';
}

/**
 * pdf.js reads in chunks of this size. Smaller than the scanner's 64 KiB: to
 * check the last page, pdf.js fetches every page's dictionary of a flat page
 * tree (scans, Ghostscript output; pdf.js issue 21859), a chunk each, and
 * that is 1.6 MB for 100 pages rather than 6.4 MB. Large streams (a page's
 * image) still come in one request, adjacent chunks being asked together.
 */
const READER_CHUNK_SIZE = 16 * 1024;

/** Fixed for safety and quiet, as the scanner has them (core/formats/pdf/open-document.ts). */
const VIEW_OPTIONS = {
  cMapPacked: true,
  // The agent's Content-Security-Policy allows no eval; pdf.js would try and log the refusal.
  isEvalSupported: false,
  enableXfa: false,
  verbosity: 0,
  maxImageSize: 64 * 1024 * 1024,
} as const;

/**
 * Opens a book's PDF for reading, a range at a time whichever the source:
 * from the agent by HTTP Range, from a kept copy or a picked file through
 * Blob slices. Only what the pages shown need is read, never the whole file
 * up front. Fails with BookDownloadError, BookFormatError (not a PDF,
 * damaged) or PasswordRequired, each with a message for the user.
 */
export async function openPdf(
  from: ReaderSource,
  title: string,
  askPassword: AskPassword,
): Promise<OpenPdf> {
  const name = `“${title}”`;
  // pdf.js and its worker load while the first range is on its way.
  const loading = loadPdfJs();
  loading.catch(() => undefined);
  const thread = startPdfThread();
  const requests = new AbortController();
  let source: ByteSource;
  let head: Uint8Array;
  let pdfjs: PdfJsModule;
  try {
    source =
      from.kind === 'blob'
        ? blobSource(from.blob, name)
        : await httpRangeSource(from.url, name, { signal: requests.signal });
    head = await readHead(source);
    pdfjs = await loading.catch(() => {
      throw new BookFormatError(
        'unsupported-format',
        'The PDF reader did not load. Reload the page; if you are offline, this version of the app was not fully kept for offline use.',
      );
    });
  } catch (error) {
    thread.stop();
    throw error;
  }
  const feed = rangeTransport(pdfjs, source, head);
  const task = pdfjs.getDocument({
    ...PDFJS_ASSETS(),
    ...VIEW_OPTIONS,
    ...RANGE_OPTIONS,
    rangeChunkSize: READER_CHUNK_SIZE,
    range: feed.transport,
    length: source.size,
    worker: thread.connect(pdfjs),
  });
  let refused = false;
  task.onPassword = (answer: (password: string | Error) => void, reason: number) => {
    const wrong = reason === pdfjs.PasswordResponses.INCORRECT_PASSWORD;
    void askPassword(wrong).then((password) => {
      if (password !== undefined) return answer(password);
      refused = true;
      answer(new PasswordRequired());
    });
  };
  const close = async () => {
    requests.abort();
    // Destroying the loading task destroys its document and aborts pending ranges.
    await task.destroy().catch(() => undefined);
    thread.stop();
  };
  try {
    const doc = await Promise.race([task.promise, feed.failure]);
    return { doc, pdfjs, failure: feed.failure, close };
  } catch (error) {
    await close();
    if (refused) throw new PasswordRequired(passwordSentence(name));
    if (error instanceof BookDownloadError) throw error;
    throw toReadError(error, source);
  }
}

function passwordSentence(name: string): string {
  return (
    `${name} is protected by a password, and its pages cannot be shown without it. ` +
    'Open it again to enter the password, or add an unprotected copy to the library.'
  );
}

/** What to tell the user when a PDF cannot be shown (or stops being readable). */
export function failureMessage(error: unknown): string {
  if (
    error instanceof BookDownloadError ||
    error instanceof BookFormatError ||
    error instanceof PasswordRequired
  )
    return error.message;
  const reason = error instanceof Error ? error.message : String(error);
  return `The PDF could not be shown (${reason}). Reload the page to try again.`;
}
