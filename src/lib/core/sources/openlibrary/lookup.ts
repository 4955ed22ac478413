import { toIsbn13 } from '../../metadata/isbn';
import {
  fillMissing,
  IDENTIFIER_CONFIDENCE,
  searchConfidence,
  WORK_CONFIDENCE,
  type MapContext,
} from '../candidates';
import { chooseEdition, formatOf, type EditionWish } from '../edition';
import { bookMatchScore, matchOutcome } from '../match';
import { yearOf } from '../published';
import { failedLookup, nothingFound, type SourceCover, type SourceLookup } from '../result';
import type { OpenLibraryClient } from './client';
import { coverIds, mapBooksRecord, mapEdition, mapSearchDoc, mapWork } from './map';
import type { OlBooksRecord, OlEdition } from './schema';

export interface BookQuery {
  isbn?: string;
  title?: string;
  author?: string;
  /** What edition to prefer when a search leads to a work: the file's language, format, year. */
  wish?: EditionWish;
}

const SOURCE = 'openlibrary';

/**
 * Open Library for one book: by ISBN when there is one (the Books API, then
 * the edition and its work for language, description and subjects), else, or
 * when the ISBN is unknown there, by title and author (search, then the
 * work's editions to pick the one most like the file). Follow-up requests
 * that fail leave what the first answer gave.
 */
export async function lookupOpenLibrary(
  client: OpenLibraryClient,
  query: BookQuery,
): Promise<SourceLookup> {
  const isbn = query.isbn ? toIsbn13(query.isbn) : undefined;
  if (isbn) {
    const hit = await client.byIsbn(isbn);
    if (!hit.ok) return failedLookup(SOURCE, hit.error);
    if (hit.value) return fromIsbn(client, hit.value, isbn);
  }
  if (query.title) return fromSearch(client, query.title, query.author, query.wish ?? {});
  return nothingFound(SOURCE);
}

async function fromIsbn(
  client: OpenLibraryClient,
  record: OlBooksRecord,
  isbn: string,
): Promise<SourceLookup> {
  const context: MapContext = { origin: 'openlibrary:isbn', confidence: IDENTIFIER_CONFIDENCE };
  let candidates = mapBooksRecord(record, isbn, context);
  const covers: SourceCover[] = [];
  const large = record.cover?.large ?? record.cover?.medium;
  if (large) covers.push({ url: large });
  const edition = await client.edition(record.key);
  if (edition.ok) {
    const authors = record.authors?.map((a) => a.name);
    candidates = fillMissing(
      candidates,
      mapEdition(edition.value, context, { isbn, ...(authors && { authors }) }),
    );
    covers.push(...idCovers(client, edition.value.covers));
    const workKey = edition.value.works?.[0]?.key;
    const work = workKey ? await client.work(workKey) : undefined;
    if (work?.ok) {
      candidates = fillMissing(
        candidates,
        mapWork(work.value, { ...context, confidence: WORK_CONFIDENCE }),
      );
      covers.push(...idCovers(client, work.value.covers));
    }
  }
  return { source: SOURCE, candidates, covers: unique(covers), match: undefined };
}

async function fromSearch(
  client: OpenLibraryClient,
  title: string,
  author: string | undefined,
  wish: EditionWish,
): Promise<SourceLookup> {
  const found = await client.search({ title, ...(author && { author }) });
  if (!found.ok) return failedLookup(SOURCE, found.error);
  const scored = found.value.map((doc) => ({
    doc,
    score: bookMatchScore(
      { title, ...(author && { authors: [author] }) },
      {
        title: doc.title,
        ...(doc.subtitle && { subtitle: doc.subtitle }),
        ...(doc.author_name && { authors: doc.author_name }),
      },
    ),
  }));
  const best = scored.reduce<(typeof scored)[number] | undefined>(
    (a, b) => (a && a.score >= b.score ? a : b),
    undefined,
  );
  if (!best || best.score === 0) return nothingFound(SOURCE);
  const match = matchOutcome(best.score);
  const context: MapContext = {
    origin: 'openlibrary:search',
    confidence: searchConfidence(best.score),
  };
  let candidates = mapSearchDoc(best.doc, context);
  const covers = best.doc.cover_i ? idCovers(client, [best.doc.cover_i]) : [];
  // Only an applied match is worth another request: a suggestion stays a sketch.
  if (match.applied) {
    const editions = await client.editions(best.doc.key);
    const chosen = editions.ok ? chooseEdition(editions.value, editionFacts, wish) : undefined;
    if (chosen) {
      const authors = best.doc.author_name;
      candidates = fillMissing(mapEdition(chosen, context, authors ? { authors } : {}), candidates);
      covers.unshift(...idCovers(client, chosen.covers));
    }
  }
  return { source: SOURCE, candidates, covers: unique(covers), match };
}

function editionFacts(edition: OlEdition) {
  const format = formatOf(edition.physical_format);
  const year = yearOf(edition.publish_date);
  return {
    ...(format && { format }),
    languages: (edition.languages ?? []).map((l) => l.key.split('/').pop() ?? ''),
    ...(year !== undefined && { year }),
  };
}

const idCovers = (client: OpenLibraryClient, ids: readonly number[] | undefined): SourceCover[] =>
  coverIds(ids).map((id) => ({ url: client.coverUrl('id', id, 'L') }));

const unique = (covers: SourceCover[]): SourceCover[] =>
  covers.filter((c, i) => covers.findIndex((d) => d.url === c.url) === i);
