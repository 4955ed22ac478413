import { candidate, type FieldCandidate } from '#core/metadata/types';
import { BOOK_DOC_VERSION, bookDocId, type BookDoc } from '#core/schema/book-doc';
import type { SearchDoc } from '#core/search/search-doc';

/** A synthetic catalog entry as the agent would have written it for a real file. */
export function syntheticBookDoc(
  doc: SearchDoc,
  library: string,
  folder: string,
  i: number,
): BookDoc {
  const origin = 'embedded:opf' as const;
  const candidates: FieldCandidate[] = [candidate('title', doc.title, origin, 0.8)];
  if (doc.subtitle) candidates.push(candidate('subtitle', doc.subtitle, origin, 0.8));
  if (doc.authors.length) {
    candidates.push(
      candidate(
        'authors',
        doc.authors.map((name) => ({ name, roles: ['aut'] })),
        origin,
        0.8,
      ),
    );
  }
  if (doc.series) {
    const series = {
      name: doc.series,
      kind: 'series' as const,
      ...(doc.seriesNumber !== undefined ? { number: doc.seriesNumber } : {}),
    };
    candidates.push(candidate('series', series, origin, 0.8));
  }
  if (doc.publisher) candidates.push(candidate('publisher', doc.publisher, origin, 0.8));
  if (doc.description) candidates.push(candidate('description', doc.description, origin, 0.8));
  if (doc.subjects.length) candidates.push(candidate('subjects', doc.subjects, origin, 0.8));
  if (doc.languages.length) candidates.push(candidate('languages', doc.languages, origin, 0.8));
  if (doc.year !== undefined)
    candidates.push(candidate('published', String(doc.year), origin, 0.8));
  if (doc.isbns.length)
    candidates.push(
      candidate(
        'identifiers',
        doc.isbns.map((value) => ({ scheme: 'isbn' as const, value })),
        origin,
        0.8,
      ),
    );
  const at = new Date(doc.addedAt).toISOString();
  return {
    _id: bookDocId(library, `bench${i}`),
    type: 'book',
    v: BOOK_DOC_VERSION,
    library,
    folder,
    path: `${doc.authors[0] ?? 'Unknown'}/${doc.title}.${doc.format}`,
    format: doc.format,
    size: doc.size,
    mtimeMs: doc.addedAt,
    addedAt: at,
    scannedAt: at,
    status: doc.status,
    extraction: { format: doc.format, candidates, flags: {}, warnings: [] },
  };
}
