import type { PDFDataRangeTransport } from 'pdfjs-dist';
import type { ByteSource } from '../../bytes/byte-source';
import { BookFormatError } from '../../errors';
import type { PdfJs } from './pdf-platform';

/** pdf.js asks for whole chunks; 64 KiB is its default and a good disk read. */
export const RANGE_CHUNK_SIZE = 64 * 1024;

/** The `getDocument` options that make pdf.js read only the ranges it needs. */
export const RANGE_OPTIONS = {
  rangeChunkSize: RANGE_CHUNK_SIZE,
  // Without these two pdf.js goes on to fetch the whole file in the background.
  disableAutoFetch: true,
  disableStream: true,
} as const;

export interface RangeFeed {
  transport: PDFDataRangeTransport;
  /** Rejects with a BookFormatError when the source cannot be read; never resolves. */
  failure: Promise<never>;
}

/**
 * Feeds pdf.js from a ByteSource, one range at a time: a metadata read costs
 * the first chunk, the trailer and cross-reference table at the end, and the
 * few objects in between it needs, not the whole file. `head` is the start
 * of the file, already read to check the header, handed over up front.
 */
export function rangeTransport(pdfjs: PdfJs, source: ByteSource, head: Uint8Array): RangeFeed {
  let fail: (error: BookFormatError) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => {
    fail = reject;
  });
  // The caller races this promise; a failure after the race is over is not an unhandled one.
  failure.catch(() => undefined);

  class SourceTransport extends pdfjs.PDFDataRangeTransport {
    #aborted = false;

    override requestDataRange(begin: number, end: number): void {
      const wanted = Math.min(end, source.size) - begin;
      void source.read(begin, wanted).then(
        (chunk) => {
          if (this.#aborted) return;
          if (chunk.byteLength < wanted) fail(shortRead(source));
          else this.onDataRange(begin, ownCopy(chunk));
        },
        (error: unknown) => fail(unreadable(source, error)),
      );
    }

    override abort(): void {
      this.#aborted = true;
      super.abort();
    }
  }

  return { transport: new SourceTransport(source.size, ownCopy(head)), failure };
}

/**
 * pdf.js transfers the chunks it is given (in Node, to its in-process worker),
 * which detaches their buffer; a source's view of a larger buffer must not go.
 */
function ownCopy(bytes: Uint8Array): Uint8Array {
  return bytes.slice();
}

function shortRead(source: ByteSource): BookFormatError {
  return new BookFormatError(
    'truncated',
    `${source.name} ended before its stated size of ${source.size} bytes; ` +
      'it may have changed while it was read. Scan it again.',
  );
}

function unreadable(source: ByteSource, error: unknown): BookFormatError {
  const reason = error instanceof Error ? error.message : String(error);
  return new BookFormatError('unreadable', `Could not read ${source.name}: ${reason}`);
}
