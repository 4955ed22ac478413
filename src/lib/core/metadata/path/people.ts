import type { Person } from '../types';
import { ARABIC_NAME_PARTICLES, NAME_PARTICLES } from '../name-particles';
import { trimChars } from './clean-name';

// A capitalised name word: "Tolkien", "J.R.R.", "O'Brien", "Jean-Paul", "Ōe".
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;
// Lower-case words that belong inside names: "Ursula K. Le Guin", "Honoré de Balzac",
// and Spanish "y" between two surnames ("José Ortega y Gasset").
const PARTICLES: ReadonlySet<string> = new Set([...NAME_PARTICLES, ...ARABIC_NAME_PARTICLES, 'y']);
const ARTICLES = new Set(['the', 'a', 'an']);
// Small words titles have and names do not, whatever their case ("Colour Of Magic").
const STOP_WORDS = new Set([
  'i',
  'me',
  'we',
  'you',
  'it',
  'us',
  'they',
  'of',
  'the',
  'in',
  'on',
  'at',
  'to',
  'for',
  'with',
  'without',
  'from',
  'into',
  'is',
  'my',
  'your',
  'our',
  'how',
  'why',
  'what',
  'when',
  'where',
  'who',
  'or',
  'not',
  'all',
  'about',
  'under',
  'over',
  'after',
  'before',
  'between',
]);
// Nouns that mark a title or an edition, never a name.
const TITLE_WORDS = new Set([
  'book',
  'books',
  'volume',
  'vol',
  'vol.',
  'part',
  'edition',
  'collection',
  'stories',
  'series',
  'novel',
  'novels',
  'omnibus',
  'guide',
  'handbook',
  'manual',
  'chronicles',
  'trilogy',
  'tales',
  'poems',
  'works',
  'unabridged',
  'illustrated',
  'annotated',
  'complete',
  'selected',
  'collected',
  'history',
  'introduction',
  'cookbook',
]);
const MAX_NAME_WORDS = 5;

/** One name read from an author string, and whether it reads like a person's name. */
interface ReadName {
  person: Person;
  personLike: boolean;
}

/**
 * Reads the people in an author string: joined by " & ", "; " or " and "
 * (the last only when every piece reads as a name, so "Pride and Prejudice"
 * stays whole), "Last, First" (kept as sortName), or a comma list of full names.
 */
function readNames(text: string): ReadName[] {
  const words = text.split(' ').filter((w) => w !== '');
  const byHardJoiners = splitWords(words, (w) => w === '&', true);
  const names: ReadName[] = [];
  for (const chunk of byHardJoiners) {
    const byAnd = splitWords(chunk, (w) => w.toLowerCase() === 'and', false);
    const andNames = byAnd.map(readCommaChunk);
    if (byAnd.length > 1 && andNames.every((n) => n.every((m) => m.personLike))) {
      names.push(...andNames.flat());
    } else {
      names.push(...readCommaChunk(chunk));
    }
  }
  return names.filter((n) => n.person.name !== '');
}

/** Splits words at joiner words; with `semicolons`, also after a word ending in ";". */
function splitWords(
  words: readonly string[],
  isJoiner: (word: string) => boolean,
  semicolons: boolean,
): string[][] {
  const chunks: string[][] = [[]];
  for (const word of words) {
    if (isJoiner(word)) {
      chunks.push([]);
      continue;
    }
    const current = chunks[chunks.length - 1];
    if (semicolons && word.endsWith(';')) {
      const kept = trimChars(word, ';');
      if (kept) current?.push(kept);
      chunks.push([]);
    } else {
      current?.push(word);
    }
  }
  return chunks.filter((c) => c.length > 0);
}

function readCommaChunk(words: readonly string[]): ReadName[] {
  const text = trimChars(words.join(' '), ',');
  const pieces = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const [last, first] = pieces;
  if (pieces.length === 2 && last !== undefined && first !== undefined) {
    if (isLastFirst(last, first)) {
      return [{ person: person(`${first} ${last}`, `${last}, ${first}`), personLike: true }];
    }
  }
  if (pieces.length > 1 && pieces.every(isPersonName)) {
    return pieces.map((p) => ({ person: person(p), personLike: true }));
  }
  return [{ person: person(text), personLike: pieces.length === 1 && isPersonName(text) }];
}

function person(name: string, sortName?: string): Person {
  return sortName ? { name, sortName, roles: ['aut'] } : { name, roles: ['aut'] };
}

/**
 * "Tolkien" or "Le Guin" before any given names; "García Márquez" only before
 * a single given name, since "Terry Pratchett, Neil Gaiman" is a list.
 */
function isLastFirst(last: string, first: string): boolean {
  const lastWords = last.split(' ');
  const core = lastWords.filter((w) => !PARTICLES.has(w.toLowerCase())).length;
  const firstCount = first.split(' ').length;
  const surname = core === 1 || (core <= 3 && firstCount === 1);
  return surname && lastWords.every(isNameWord) && !isTitleish(lastWords) && isGivenNames(first);
}

function isGivenNames(text: string): boolean {
  const words = text.split(' ');
  return words.length <= 4 && words.every(isNameWord) && !isTitleish(words);
}

/** "Frank Herbert", "J.R.R. Tolkien", "Ursula K. Le Guin": two to five name words. */
function isPersonName(text: string): boolean {
  const words = text.split(' ');
  if (words.length < 2 || words.length > MAX_NAME_WORDS || isTitleish(words)) return false;
  const core = words.filter((w) => !PARTICLES.has(w));
  return core.length >= 2 && core.every((w) => NAME_WORD.test(w));
}

function isNameWord(word: string): boolean {
  return NAME_WORD.test(word) || PARTICLES.has(word);
}

function isTitleish(words: readonly string[]): boolean {
  const first = words[0]?.toLowerCase();
  if (first !== undefined && ARTICLES.has(first)) return true;
  return words.some((w) => {
    const lower = w.toLowerCase();
    return STOP_WORDS.has(lower) || TITLE_WORDS.has(lower) || /\d/.test(w);
  });
}

/** The authors in an author string, in order; undefined when it names nobody. */
export function readAuthors(text: string): Person[] | undefined {
  const seen = new Set<string>();
  const people = readNames(text)
    .map((n) => n.person)
    .filter((p) => {
      const key = p.name.toLowerCase();
      if (seen.has(key) || !/\p{L}/u.test(p.name)) return false;
      seen.add(key);
      return true;
    });
  return people.length > 0 ? people : undefined;
}

/**
 * How strongly a string reads as people: 0 not at all, 1 like one plain name
 * ("Neil Gaiman", which a title like "American Gods" also matches), 2 when
 * it carries what titles rarely do: several names, an initial ("J.R.R.
 * Tolkien") or the "Last, First" order.
 */
export function personScore(text: string): 0 | 1 | 2 {
  const names = readNames(text);
  if (names.length === 0 || !names.every((n) => n.personLike)) return 0;
  const strong =
    names.length > 1 ||
    names.some((n) => n.person.sortName !== undefined || n.person.name.split(' ').some(isInitial));
  return strong ? 2 : 1;
}

/** True when every name in the string reads like a person's ("Terry Pratchett & Neil Gaiman"). */
export function looksLikePeople(text: string): boolean {
  return personScore(text) > 0;
}

function isInitial(word: string): boolean {
  return /^(?:\p{Lu}\.)+$/u.test(word);
}

/**
 * True when a name part reads like a title: it opens with an article, holds a
 * small word or a title noun ("Colour of Magic", "Complete Works"), figures, or
 * is longer than any name. People lists are never titles.
 */
export function looksLikeTitle(text: string): boolean {
  if (looksLikePeople(text)) return false;
  const words = text.split(' ').filter((w) => w !== '');
  return (
    words.length > MAX_NAME_WORDS + 1 ||
    isTitleish(words) ||
    words.some((w) => w.toLowerCase() === 'and')
  );
}
