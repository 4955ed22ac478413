import type { BookFormat } from '../formats/types';
import type { BookStatus } from '../schema/book-doc';
import { subjectsToGenres } from '../merge/normalise/genres';
import type { ColumnsSnapshot } from './columns';
import type { FieldPostingsSnapshot } from './postings';
import type { OrderName } from './sort-orders';
import type { SearchDoc } from './search-doc';
import type { VocabularySnapshot } from './vocabulary';

/** Bump when the snapshot's shape or meaning changes; older snapshots are then rebuilt, not read. */
export const SNAPSHOT_VERSION = 3;

/**
 * The documents, one array per field: structured-cloned (into IndexedDB)
 * much faster than one object per book, and smaller.
 */
export interface DocColumns {
  id: string[];
  title: string[];
  subtitle: (string | null)[];
  titleKey: string[];
  authors: string[][];
  authorKey: string[];
  series: (string | null)[];
  seriesNumber: Float64Array;
  publisher: (string | null)[];
  description: (string | null)[];
  subjects: string[][];
  languages: string[][];
  format: string[];
  otherFormats: (string[] | null)[];
  isbns: string[][];
  year: Float64Array;
  size: Float64Array;
  addedAt: Float64Array;
  hasCover: Uint8Array;
  status: string[];
  completeness: Float64Array;
}

/** What SearchIndex.export() gives: plain data, arrays and typed arrays (structured-cloneable). */
export interface IndexSnapshot {
  version: number;
  /** The books' ids in slot order. */
  ids: string[];
  /** The books themselves; left out when the caller keeps them and hands them back to restore(). */
  docs?: DocColumns;
  columns: ColumnsSnapshot;
  vocabulary: VocabularySnapshot;
  postings: FieldPostingsSnapshot[];
  /** The sort orders computed when it was taken. */
  orders: Partial<Record<OrderName, Int32Array>>;
}

/** A snapshot that cannot be restored (another version, or books missing): rebuild the index instead. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
  constructor(
    readonly reason: 'version' | 'missing-docs',
    detail: string,
  ) {
    super(`Cannot restore the search index (${detail}); rebuild it`);
  }
}

export function isIndexSnapshot(data: unknown): data is IndexSnapshot {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { version?: unknown }).version === SNAPSHOT_VERSION
  );
}

export function toColumns(docs: readonly SearchDoc[]): DocColumns {
  const n = docs.length;
  const col: DocColumns = {
    id: [],
    title: [],
    subtitle: [],
    titleKey: [],
    authors: [],
    authorKey: [],
    series: [],
    seriesNumber: new Float64Array(n),
    publisher: [],
    description: [],
    subjects: [],
    languages: [],
    format: [],
    otherFormats: [],
    isbns: [],
    year: new Float64Array(n),
    size: new Float64Array(n),
    addedAt: new Float64Array(n),
    hasCover: new Uint8Array(n),
    status: [],
    completeness: new Float64Array(n),
  };
  docs.forEach((d, i) => {
    col.id.push(d.id);
    col.title.push(d.title);
    col.subtitle.push(d.subtitle ?? null);
    col.titleKey.push(d.titleKey);
    col.authors.push(d.authors);
    col.authorKey.push(d.authorKey);
    col.series.push(d.series ?? null);
    col.seriesNumber[i] = d.seriesNumber ?? NaN;
    col.publisher.push(d.publisher ?? null);
    col.description.push(d.description ?? null);
    col.subjects.push(d.subjects);
    col.languages.push(d.languages);
    col.format.push(d.format);
    col.otherFormats.push(d.otherFormats ?? null);
    col.isbns.push(d.isbns);
    col.year[i] = d.year ?? NaN;
    col.size[i] = d.size;
    col.addedAt[i] = d.addedAt;
    col.hasCover[i] = d.hasCover ? 1 : 0;
    col.status.push(d.status);
    col.completeness[i] = d.completeness;
  });
  return col;
}

export function fromColumns(col: DocColumns): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (let i = 0; i < col.id.length; i++) {
    const doc: SearchDoc = {
      id: col.id[i] as string,
      title: col.title[i] as string,
      titleKey: col.titleKey[i] as string,
      authors: col.authors[i] as string[],
      authorKey: col.authorKey[i] as string,
      subjects: col.subjects[i] as string[],
      // Derived from the subjects, so not stored twice.
      genres: subjectsToGenres(col.subjects[i] as string[]),
      languages: col.languages[i] as string[],
      format: col.format[i] as BookFormat,
      isbns: col.isbns[i] as string[],
      size: col.size[i] as number,
      addedAt: col.addedAt[i] as number,
      hasCover: col.hasCover[i] === 1,
      status: col.status[i] as BookStatus,
      completeness: col.completeness[i] as number,
    };
    const subtitle = col.subtitle[i];
    if (subtitle != null) doc.subtitle = subtitle;
    const series = col.series[i];
    if (series != null) doc.series = series;
    const seriesNumber = col.seriesNumber[i] as number;
    if (!Number.isNaN(seriesNumber)) doc.seriesNumber = seriesNumber;
    const publisher = col.publisher[i];
    if (publisher != null) doc.publisher = publisher;
    const description = col.description[i];
    if (description != null) doc.description = description;
    const year = col.year[i] as number;
    if (!Number.isNaN(year)) doc.year = year;
    const others = col.otherFormats[i];
    if (others) doc.otherFormats = others as BookFormat[];
    docs.push(doc);
  }
  return docs;
}
