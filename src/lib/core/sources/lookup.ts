import type { ExternalSourceId } from '../merge/sources';
import type { ComicVineClient } from './comicvine/client';
import { lookupComicVine } from './comicvine/lookup';
import type { EditionFormat } from './edition';
import { isSourceError, SourceError } from './errors';
import type { GoogleBooksClient } from './googlebooks/client';
import { lookupGoogleBooks } from './googlebooks/lookup';
import type { OpenLibraryClient } from './openlibrary/client';
import { lookupOpenLibrary, type BookQuery } from './openlibrary/lookup';
import { failedLookup, type LookupResult, type SourceLookup } from './result';

export interface LookupQuery {
  kind: 'book' | 'comic';
  isbn?: string;
  title?: string;
  author?: string;
  /** Comics: the series name (the title stands in when there is none), issue number, year. */
  series?: string;
  number?: number;
  year?: number;
  /** The file's language, to prefer an edition in it. */
  language?: string;
  /** The file's format: Colophon's files are ebooks, so ebook editions are preferred. */
  format?: EditionFormat;
}

/** The clients a host can offer; a source without a client is not asked. */
export interface SourceClients {
  openlibrary?: OpenLibraryClient;
  googlebooks?: GoogleBooksClient;
  comicvine?: ComicVineClient;
}

/**
 * Asks every source that fits the query, all at once. Books go to Open
 * Library and Google Books; comics to Comic Vine, and to the book sources
 * too when they have an ISBN (collected editions do). Each source's outcome
 * is its own: one that fails, even by a bug that throws, gives its error and
 * the others their answers.
 */
export async function lookup(query: LookupQuery, clients: SourceClients): Promise<LookupResult> {
  const tasks: [ExternalSourceId, () => Promise<SourceLookup>][] = [];
  const book: BookQuery = {
    ...(query.isbn && { isbn: query.isbn }),
    ...(query.kind === 'book' && query.title && { title: query.title }),
    ...(query.author && { author: query.author }),
    wish: {
      format: query.format ?? 'ebook',
      ...(query.language && { language: query.language }),
      ...(query.year !== undefined && { year: query.year }),
    },
  };
  const asksBooks = query.kind === 'book' || query.isbn !== undefined;
  const { openlibrary, googlebooks, comicvine } = clients;
  if (asksBooks && openlibrary)
    tasks.push(['openlibrary', () => lookupOpenLibrary(openlibrary, book)]);
  if (asksBooks && googlebooks)
    tasks.push(['googlebooks', () => lookupGoogleBooks(googlebooks, book)]);
  const series = query.series ?? query.title;
  if (query.kind === 'comic' && comicvine && series) {
    const comic = {
      series,
      ...(query.number !== undefined && { number: query.number }),
      ...(query.year !== undefined && { year: query.year }),
    };
    tasks.push(['comicvine', () => lookupComicVine(comicvine, comic)]);
  }
  const sources = await Promise.all(tasks.map(([source, task]) => settle(source, task)));
  return { sources };
}

async function settle(
  source: ExternalSourceId,
  task: () => Promise<SourceLookup>,
): Promise<SourceLookup> {
  try {
    return await task();
  } catch (error) {
    if (isSourceError(error)) return failedLookup(source, error);
    const reason = error instanceof Error ? error.message : String(error);
    return failedLookup(
      source,
      new SourceError(source, { kind: 'invalid-response', reason: `unexpected: ${reason}` }),
    );
  }
}
