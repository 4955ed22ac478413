import type { BookFormat } from '../formats/types';
import { merge, type Merged } from '../merge/merge';
import type { DataSource } from '../merge/trust';
import type { BookDoc, BookStatus } from '../schema/book-doc';
import type { CalibreDoc } from '../schema/calibre-doc';
import type { EditDoc } from '../schema/edit-doc';
import { appliedLookupCandidates, type LookupDoc } from '../schema/lookup-doc';
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
  /** Stars out of 5, halves allowed. */
  rating?: number;
  addedAt: string;
  scannedAt: string;
  /** The merged metadata and, per field, the decision behind it (every candidate kept). */
  resolved: Merged;
  /** The cover the user chose, when they chose one. */
  chosenCover?: string;
  /** Another format of that book (its id): lists show only that one. */
  formatOf?: string;
  /** The book's other formats, grouped by an admin. */
  formats?: { id: string; format: BookFormat }[];
}

/** Everything besides the file's own facts that decides what a book shows. */
export interface BookContext {
  lookups?: readonly LookupDoc[];
  /** What the Calibre library this file is in says of it, when it was imported. */
  calibre?: CalibreDoc;
  edit?: EditDoc;
  sources?: readonly DataSource[];
}

function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function stem(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/**
 * A book as shown: the merge of what its file says, what outside sources said
 * (sure matches only), what its Calibre library says and what the user
 * decided, weighed by source trust.
 * The same function runs in the browser's read model and in the agent.
 */
export function bookView(doc: BookDoc, context: BookContext = {}): BookView {
  const candidates = [
    ...(doc.extraction?.candidates ?? []),
    ...(context.lookups ?? []).flatMap(appliedLookupCandidates),
    ...(context.calibre?.candidates ?? []),
  ];
  const resolved = merge(candidates, context.sources ?? [], context.edit?.fields ?? {});
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
    // A series with no name is the user saying "no series" (a manual value must say something).
    series: m.series?.name || undefined,
    seriesNumber: m.series?.name ? m.series.number : undefined,
    languages: m.languages ?? [],
    ...(m.rating ? { rating: m.rating } : {}),
    addedAt: doc.addedAt,
    scannedAt: doc.scannedAt,
    resolved,
    ...(context.edit?.cover ? { chosenCover: context.edit.cover } : {}),
    ...(doc.formatOf ? { formatOf: doc.formatOf } : {}),
    ...(doc.formats?.length ? { formats: doc.formats } : {}),
  };
}
