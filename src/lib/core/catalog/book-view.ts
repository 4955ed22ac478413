import type { BookFormat } from '../formats/types';
import { resolveCandidates, type Resolved } from '../metadata/resolve';
import type { BookDoc, BookStatus } from '../schema/book-doc';
import { titleSortKey } from './sort-key';

/** What the UI shows of a book: derived from its document, never stored as truth. */
export interface BookView {
  id: string;
  library: string;
  folder: string;
  path: string;
  fileName: string;
  format: BookFormat;
  size: number;
  status: BookStatus;
  problem?: { code: string; message: string };
  title: string;
  subtitle?: string;
  titleKey: string;
  authors: string[];
  series?: string;
  seriesNumber?: number;
  languages: string[];
  addedAt: string;
  scannedAt: string;
  resolved: Resolved;
}

function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function stem(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

export function bookView(doc: BookDoc): BookView {
  const resolved = resolveCandidates(doc.extraction?.candidates ?? []);
  const m = resolved.metadata;
  const fileName = fileNameOf(doc.path);
  const title = m.title ?? stem(fileName);
  return {
    id: doc._id,
    library: doc.library,
    folder: doc.folder,
    path: doc.path,
    fileName,
    format: doc.format,
    size: doc.size,
    status: doc.status,
    problem: doc.problem,
    title,
    subtitle: m.subtitle,
    titleKey: titleSortKey(m.sortTitle ? m.sortTitle : title),
    authors: (m.authors ?? []).map((a) => a.name),
    series: m.series?.name,
    seriesNumber: m.series?.number,
    languages: m.languages ?? [],
    addedAt: doc.addedAt,
    scannedAt: doc.scannedAt,
    resolved,
  };
}
