import type { PDFDocumentProxy } from 'pdfjs-dist';
import { ORIGIN_CONFIDENCE } from '../../metadata/confidence';
import { candidate, type BookMetadata } from '../../metadata/types';
import type { Extraction } from '../types';
import { metadataCandidates } from '../../metadata/candidates';
import { readInfo, type PdfInfo } from './info';
import { reason } from './read-errors';
import { readXmp } from './xmp';

/** An open document's Info dictionary, XMP metadata, page count and cover reference. */
export async function catalog(doc: PDFDocumentProxy): Promise<Extraction> {
  const warnings: string[] = [];
  const { info, xmp } = await documentMetadata(doc, warnings);
  const candidates = [
    ...metadataCandidates(readInfo(info, warnings), 'embedded:pdf-info'),
    ...metadataCandidates(xmp, 'embedded:xmp'),
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
