import { editDistance } from './edit-distance';
import type { Postings } from './postings';
import { FIELD_COUNT } from './text-fields';
import type { Vocabulary } from './vocabulary';

/**
 * The catalog word nearest to a (folded) word that matched nothing: within
 * one edit for short words, two from five letters on; the more frequent on a
 * tie. Only words of short fields (titles, names, series, …) are offered, and
 * only ones some book still has. A suggestion keeps the first letter: people
 * rarely mistype it, and a word typed with an accent there ("émile") was
 * typed on purpose, so "file" or "mile" is never what they meant. A scan of
 * the vocabulary, made only when a query found nothing.
 */
export function nearestWord(
  word: string,
  vocabulary: Vocabulary,
  postings: Postings,
): string | undefined {
  const frequency = (id: number) => {
    let n = 0;
    for (let f = 0; f < FIELD_COUNT; f++) n += postings.count(f, id);
    return n;
  };
  const max = word.length >= 5 ? 2 : 1;
  let best: { id: number; distance: number; frequency: number } | undefined;
  for (let id = 0; id < vocabulary.size; id++) {
    if (!vocabulary.isShort(id)) continue;
    const candidate = vocabulary.words[id] as string;
    if (candidate[0] !== word[0]) continue;
    if (Math.abs(candidate.length - word.length) > max) continue;
    const distance = editDistance(word, candidate, best ? best.distance : max);
    if (distance > max || (best && distance > best.distance)) continue;
    const f = frequency(id);
    if (f === 0) continue;
    if (!best || distance < best.distance || f > best.frequency)
      best = { id, distance, frequency: f };
  }
  return best ? vocabulary.words[best.id] : undefined;
}
