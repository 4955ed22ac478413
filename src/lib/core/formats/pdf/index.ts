import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { RenderParameters } from 'pdfjs-dist/types/src/display/api';
import type { ByteSource } from '../../bytes/byte-source';
import { BookFormatError } from '../../errors';
import { ORIGIN_CONFIDENCE } from '../../metadata/confidence';
import {
  candidate,
  type BookMetadata,
  type FieldCandidate,
  type MetadataField,
  type Origin,
} from '../../metadata/types';
import type { FormatPlatform, RasterImage } from '../platform';
import type { Extraction } from '../types';
import { readInfo, type PdfInfo } from './info';
import type { PdfCanvas, PdfPlatform } from './pdf-platform';
import { RANGE_CHUNK_SIZE, RANGE_OPTIONS, rangeTransport } from './range-transport';
import { readXmp } from './xmp';

/** A pathological file must not hang a scan. */
export const PDF_TIMEOUT_MS = 30_000;

export interface PdfReadOptions {
  /** How long one file may take before it is given up ('timeout'). */
  timeoutMs?: number;
}

/**
 * Reads a PDF's Info dictionary, XMP metadata and page count through pdf.js,
 * which the host lends (platform.pdf). Only the ranges pdf.js asks for are
 * read. A PDF that needs a password is still cataloged: flagged encrypted,
 * without metadata, with a warning. Damaged files throw BookFormatError.
 */
export async function readPdf(
  source: ByteSource,
  platform: FormatPlatform,
  options: PdfReadOptions = {},
): Promise<Extraction> {
  const pdf = requirePdf(platform);
  try {
    return await withDocument(source, pdf, options, catalog);
  } catch (error) {
    if (isPasswordError(error)) return passwordProtected(source);
    throw error;
  }
}

/**
 * Page 1 rendered at most `maxWidth` pixels wide, as the host's canvas encodes
 * it (PNG in the agent). Undefined when the host has no canvas, the PDF needs
 * a password, or the page cannot be rendered; throws like readPdf when the
 * file cannot be opened at all.
 */
export async function readPdfCover(
  source: ByteSource,
  platform: FormatPlatform,
  maxWidth = 800,
  options: PdfReadOptions = {},
): Promise<RasterImage | undefined> {
  const pdf = platform.pdf;
  const createCanvas = pdf?.createCanvas?.bind(pdf);
  if (!pdf || !createCanvas) return undefined;
  try {
    return await withDocument(source, pdf, options, (doc) =>
      renderFirstPage(doc, createCanvas, Math.max(1, Math.floor(maxWidth))),
    );
  } catch (error) {
    if (isPasswordError(error)) return undefined;
    throw error;
  }
}

function requirePdf(platform: FormatPlatform): PdfPlatform {
  if (platform.pdf) return platform.pdf;
  throw new BookFormatError(
    'unsupported-format',
    'PDF files cannot be read here: this version of Colophon was started without pdf.js.',
  );
}

// ── Opening ─────────────────────────────────────────────────────────────────

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
async function withDocument<T>(
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

const HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** Readers accept the header anywhere in the first 1024 bytes (junk before it is common). */
const HEADER_WINDOW = 1024;

/** The first chunk, checked for a PDF header; pdf.js gets it up front. */
async function readHead(source: ByteSource): Promise<Uint8Array> {
  if (source.size === 0) {
    throw new BookFormatError('empty-file', `${source.name} is empty (0 bytes).`);
  }
  const wanted = Math.min(RANGE_CHUNK_SIZE, source.size);
  let head: Uint8Array;
  try {
    head = await source.read(0, wanted);
  } catch (error) {
    throw new BookFormatError('unreadable', `Could not read ${source.name}: ${reason(error)}`);
  }
  if (head.byteLength < wanted) {
    throw new BookFormatError(
      'truncated',
      `${source.name} is shorter than its stated size; it may have changed while it was read.`,
    );
  }
  if (!hasHeader(head.subarray(0, HEADER_WINDOW))) {
    throw new BookFormatError(
      'not-a-pdf',
      `${source.name} is not a PDF: it has no "%PDF-" header. It may be another kind of file ` +
        'named .pdf, or an incomplete download; check that it opens in a PDF reader.',
    );
  }
  return head;
}

function hasHeader(bytes: Uint8Array): boolean {
  for (let start = 0; start + HEADER.length <= bytes.length; start += 1) {
    if (HEADER.every((byte, i) => bytes[start + i] === byte)) return true;
  }
  return false;
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

// ── Errors ──────────────────────────────────────────────────────────────────

/** pdf.js's PasswordException: the PDF needs a password to be opened. */
function isPasswordError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException';
}

/** pdf.js exceptions → BookFormatError; password errors pass through for the caller. */
function toReadError(error: unknown, source: ByteSource): unknown {
  if (error instanceof BookFormatError || isPasswordError(error)) return error;
  // InvalidPDFException: no usable cross-reference table, trailer or page tree.
  const what =
    error instanceof Error && error.name === 'InvalidPDFException'
      ? 'its structure could not be read'
      : 'it could not be read';
  return new BookFormatError(
    'corrupt',
    `${source.name} is a damaged PDF: ${what} (${reason(error)}). If a PDF reader still ` +
      'opens it, saving a new copy from there usually repairs it.',
  );
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function passwordProtected(source: ByteSource): Extraction {
  return {
    format: 'pdf',
    candidates: [],
    flags: { encrypted: true },
    warnings: [
      `${source.name} is protected by a password, so its title, authors and pages could not ` +
        'be read. It is listed without them; an unprotected copy would be read in full.',
    ],
  };
}

// ── Cataloging ──────────────────────────────────────────────────────────────

async function catalog(doc: PDFDocumentProxy): Promise<Extraction> {
  const warnings: string[] = [];
  const { info, xmp } = await documentMetadata(doc, warnings);
  const candidates = [
    ...toCandidates(readInfo(info), 'embedded:pdf-info'),
    ...toCandidates(xmp, 'embedded:xmp'),
  ];
  if (doc.numPages > 0) {
    const origin = 'embedded:pdf-info';
    candidates.push(candidate('pageCount', doc.numPages, origin, ORIGIN_CONFIDENCE[origin]));
  }
  const cover = await firstPage(doc, warnings);
  // pdf.js names the security handler ("Standard") of encrypted files, opened here
  // with the empty user password.
  const encrypted = typeof info['EncryptFilterName'] === 'string';
  return {
    format: 'pdf',
    candidates,
    ...(cover && { cover }),
    flags: encrypted ? { encrypted } : {},
    warnings,
  };
}

async function documentMetadata(
  doc: PDFDocumentProxy,
  warnings: string[],
): Promise<{ info: PdfInfo; xmp: BookMetadata }> {
  let info: PdfInfo = {};
  let raw: unknown;
  try {
    const metadata = await doc.getMetadata();
    info = metadata.info as PdfInfo;
    raw = metadata.metadata?.getRaw();
  } catch (error) {
    warnings.push(`The document properties could not be read: ${reason(error)}`);
  }
  if (typeof raw !== 'string') return { info, xmp: {} };
  try {
    const xmp = readXmp(raw);
    warnings.push(...xmp.warnings);
    return { info, xmp: xmp.metadata };
  } catch (error) {
    warnings.push(`The XMP metadata was ignored: ${reason(error)}`);
    return { info, xmp: {} };
  }
}

/** The cover reference, when page 1 exists and can be loaded. */
async function firstPage(doc: PDFDocumentProxy, warnings: string[]): Promise<Extraction['cover']> {
  if (doc.numPages < 1) {
    warnings.push('The PDF has no pages.');
    return undefined;
  }
  try {
    await doc.getPage(1);
    return { kind: 'page', page: 1 };
  } catch (error) {
    warnings.push(`Page 1 could not be read, so there is no cover: ${reason(error)}`);
    return undefined;
  }
}

function toCandidates(metadata: BookMetadata, origin: Origin): FieldCandidate[] {
  const fields = Object.keys(metadata) as MetadataField[];
  return fields.flatMap((field) => fieldCandidate(metadata, field, origin));
}

function fieldCandidate<K extends MetadataField>(
  metadata: BookMetadata,
  field: K,
  origin: Origin,
): FieldCandidate[] {
  const value = metadata[field];
  return value == null ? [] : [candidate(field, value, origin, ORIGIN_CONFIDENCE[origin])];
}

// ── Cover ───────────────────────────────────────────────────────────────────

/** Covers are taller than wide; a page far taller than this is clipped in size, not in content. */
const MAX_HEIGHT_PER_WIDTH = 3;

async function renderFirstPage(
  doc: PDFDocumentProxy,
  createCanvas: (width: number, height: number) => PdfCanvas | Promise<PdfCanvas>,
  maxWidth: number,
): Promise<RasterImage | undefined> {
  if (doc.numPages < 1) return undefined;
  try {
    const page = await doc.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    if (!(natural.width > 0 && natural.height > 0)) return undefined;
    const scale = Math.min(
      maxWidth / natural.width,
      (maxWidth * MAX_HEIGHT_PER_WIDTH) / natural.height,
    );
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.min(maxWidth, Math.floor(viewport.width)));
    const height = Math.max(1, Math.floor(viewport.height));
    const target = await createCanvas(width, height);
    // pdf.js's types say HTMLCanvasElement; it only needs getContext('2d'), which every
    // host canvas (OffscreenCanvas, @napi-rs/canvas) has.
    const canvas = target.canvas as RenderParameters['canvas'];
    await page.render({ canvas, viewport }).promise;
    return await target.toImage();
  } catch {
    // A page pdf.js cannot draw gives no cover; the book is still cataloged.
    return undefined;
  }
}
