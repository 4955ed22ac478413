import { titleSortKey } from '../books/sort-key';
import { subjectsToGenres } from '../merge/normalise/genres';
import { completenessOf, personSortKey, type SearchDoc } from './search-doc';

/**
 * A SearchDoc for tests and fixtures: give what matters, the rest is filled in
 * (sort keys and completeness derived the way searchDoc derives them).
 */
export function makeDoc(fields: Partial<SearchDoc> & { id: string }): SearchDoc {
  const title = fields.title ?? 'Untitled';
  const authors = fields.authors ?? [];
  const base: SearchDoc = {
    title,
    titleKey: titleSortKey(title),
    authors,
    authorKey: authors[0] ? personSortKey({ name: authors[0] }) : '',
    subjects: [],
    languages: ['en'],
    format: 'epub',
    isbns: [],
    size: 1_000_000,
    addedAt: 0,
    hasCover: true,
    status: 'ok',
    completeness: 0,
    ...fields,
    genres: fields.genres ?? subjectsToGenres(fields.subjects ?? []),
  };
  base.completeness =
    fields.completeness ??
    completenessOf({
      cover: base.hasCover,
      author: base.authors.length > 0,
      series: !!base.series,
      isbn: base.isbns.length > 0,
      description: !!base.description,
    });
  return base;
}
