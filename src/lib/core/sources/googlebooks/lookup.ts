import { languageKey } from '../../metadata/languages';
import { toIsbn13 } from '../../metadata/isbn';
import { IDENTIFIER_CONFIDENCE, searchConfidence, type MapContext } from '../candidates';
import { chooseEdition } from '../edition';
import { bookMatchScore, matchOutcome } from '../match';
import type { BookQuery } from '../openlibrary/lookup';
import { failedLookup, nothingFound, type SourceLookup } from '../result';
import type { GoogleBooksClient } from './client';
import { mapVolume, volumeCovers, volumeFacts, volumeIsbns } from './map';
import type { GbVolume } from './schema';

const SOURCE = 'googlebooks';
/** Search hits this close to the best score are equally good matches; edition choice decides. */
const TIE = 0.02;

/**
 * Google Books for one book: by ISBN (only a volume that lists that ISBN
 * counts: Google's isbn: search sometimes returns others), else by title and
 * author. The chosen volume is then read in full for the larger cover and
 * the longer description; if that fails, the list entry's values stand.
 */
export async function lookupGoogleBooks(
  client: GoogleBooksClient,
  query: BookQuery,
): Promise<SourceLookup> {
  const isbn = query.isbn ? toIsbn13(query.isbn) : undefined;
  if (isbn) {
    const found = await client.byIsbn(isbn);
    if (!found.ok) return failedLookup(SOURCE, found.error);
    const hit = found.value.find((v) => volumeIsbns(v).includes(isbn));
    if (hit) {
      const volume = await detailed(client, hit);
      const context: MapContext = { origin: 'googlebooks:isbn', confidence: IDENTIFIER_CONFIDENCE };
      return {
        source: SOURCE,
        candidates: mapVolume(volume, context, isbn),
        covers: volumeCovers(volume),
        match: undefined,
      };
    }
  }
  if (!query.title) return nothingFound(SOURCE);
  const language = query.wish?.language ? languageKey(query.wish.language) : undefined;
  const found = await client.search({
    title: query.title,
    ...(query.author && { author: query.author }),
    ...(language && language.length === 2 && { language }),
  });
  if (!found.ok) return failedLookup(SOURCE, found.error);
  const scored = found.value.map((volume) => ({ volume, score: score(query, volume) }));
  const top = Math.max(0, ...scored.map((s) => s.score));
  if (top === 0) return nothingFound(SOURCE);
  const best = chooseEdition(
    scored.filter((s) => s.score >= top - TIE),
    (s) => volumeFacts(s.volume),
    query.wish ?? {},
  );
  if (!best) return nothingFound(SOURCE);
  const match = matchOutcome(best.score);
  const volume = match.applied ? await detailed(client, best.volume) : best.volume;
  const context: MapContext = {
    origin: 'googlebooks:search',
    confidence: searchConfidence(best.score),
  };
  return {
    source: SOURCE,
    candidates: mapVolume(volume, context),
    covers: volumeCovers(volume),
    match,
  };
}

function score(query: BookQuery, volume: GbVolume): number {
  const info = volume.volumeInfo;
  if (!info.title || !query.title) return 0;
  return bookMatchScore(
    { title: query.title, ...(query.author && { authors: [query.author] }) },
    {
      title: info.title,
      ...(info.subtitle && { subtitle: info.subtitle }),
      ...(info.authors && { authors: info.authors }),
    },
  );
}

/** The volume's full record, or the list entry when that cannot be had. */
async function detailed(client: GoogleBooksClient, volume: GbVolume): Promise<GbVolume> {
  const full = await client.volume(volume.id);
  return full.ok ? full.value : volume;
}
