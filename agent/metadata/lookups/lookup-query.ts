import type { BookFormat } from '#core/formats/types';
import type { ExternalSourceId } from '#core/merge/sources';
import type { BookMetadata } from '#core/metadata/types';
import type { LookupQuery } from '#core/sources/lookup';
import { yearOf } from '#core/sources/published';

const COMIC_FORMATS: ReadonlySet<BookFormat> = new Set(['cbz', 'cbr', 'cb7', 'cbt']);

/**
 * What to ask the sources about a book, from its merged metadata (so a value
 * the user corrected is what gets asked): the ISBN when known, with title and
 * first author for a source that does not know the ISBN; comics by series,
 * issue number and year. Undefined when there is nothing to ask by.
 */
export function lookupQuery(format: BookFormat, metadata: BookMetadata): LookupQuery | undefined {
  const isbn = metadata.identifiers?.find((id) => id.scheme === 'isbn')?.value;
  const title = metadata.title?.trim() || undefined;
  const author = metadata.authors?.[0]?.name.trim() || undefined;
  const language = metadata.languages?.[0];
  const year = yearOf(metadata.published);
  const common = {
    ...(isbn && { isbn }),
    ...(title && { title }),
    ...(author && { author }),
    ...(language && { language }),
    ...(year !== undefined && { year }),
  };
  if (COMIC_FORMATS.has(format)) {
    // A series position named "" is the user saying "no series".
    // Comic Vine names a run without its start year: "Batman (2016)" is asked as "Batman".
    const series = metadata.series?.name.trim().replace(/\s*\(\d{4}\)$/, '') || undefined;
    const number = series ? metadata.series?.number : undefined;
    if (!series && !title && !isbn) return undefined;
    return {
      kind: 'comic',
      ...common,
      ...(series && { series }),
      ...(number !== undefined && { number }),
    };
  }
  if (!isbn && !title) return undefined;
  return { kind: 'book', format: 'ebook', ...common };
}

/**
 * The sources `lookup()` asks for a query, among those given: books go to
 * Open Library and Google Books, comics to Comic Vine (and to the book
 * sources when they carry an ISBN). Kept beside lookup() in what it decides,
 * so a book is only due for the sources that would be asked about it.
 */
export function sourcesFor(
  query: LookupQuery,
  enabled: readonly ExternalSourceId[],
): ExternalSourceId[] {
  const asksBooks = query.kind === 'book' || query.isbn !== undefined;
  const asksComics = query.kind === 'comic' && (query.series ?? query.title) !== undefined;
  return enabled.filter((source) => (source === 'comicvine' ? asksComics : asksBooks));
}
