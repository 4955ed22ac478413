import { tokenSortRatio } from '../sources/similarity';
import type { SeriesEntry } from './series-index';

/** Words that name the kind of run, not the run: "Discworld" is "The Discworld Series". */
const FILLER = new Set(['the', 'series', 'saga', 'cycle', 'sequence', 'chronicles', 'trilogy']);

const core = (key: string): string =>
  key
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .split(' ')
    .filter((w) => w && !FILLER.has(w))
    .join(' ');

export interface SeriesSuggestion {
  entry: SeriesEntry;
  /** 0–1: how alike the two names are once filler words are set aside. */
  similarity: number;
}

/**
 * Series that are probably the same run spelt another way ("Wheel of Time"
 * and "The Wheel of Time Series", "Discworld" and "Disc World"), best first:
 * candidates for a merge the user confirms. Authors in common are required
 * when both series name any, so two runs that share a word are not offered.
 */
export function similarSeries(
  entry: SeriesEntry,
  all: readonly SeriesEntry[],
  threshold = 0.85,
): SeriesSuggestion[] {
  const mine = core(entry.key);
  const authors = new Set(entry.authors.map((a) => a.toLowerCase()));
  const out: SeriesSuggestion[] = [];
  for (const other of all) {
    if (other.key === entry.key) continue;
    const theirs = core(other.key);
    const similarity =
      mine && mine === theirs
        ? 1
        : Math.max(
            tokenSortRatio(mine, theirs),
            tokenSortRatio(mine.replace(/ /g, ''), theirs.replace(/ /g, '')),
          );
    if (similarity < threshold) continue;
    const shareAuthor =
      authors.size === 0 ||
      other.authors.length === 0 ||
      other.authors.some((a) => authors.has(a.toLowerCase()));
    if (shareAuthor) out.push({ entry: other, similarity });
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.entry.key.localeCompare(b.entry.key));
}
