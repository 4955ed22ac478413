import type { BookFormat } from '../formats/types';
import { toIsbn13 } from '../metadata/isbn';
import { isNameParticle } from '../metadata/name-particles';
import type { BookMetadata, Identifier, Person } from '../metadata/types';

/** Every token a rename pattern may use, in the order the help lists them. */
export const TOKEN_NAMES = [
  'title',
  'title.sort',
  'author.name',
  'author.sortname',
  'authors',
  'bookseries.title',
  'bookseries.number',
  'publicationyear',
  'language',
  'publisher',
  'isbn',
  'format',
  'ext',
] as const;
export type TokenName = (typeof TOKEN_NAMES)[number];

/** A value per token; "" when the book has none. Raw: sanitising is per target profile. */
export type TokenValues = Record<TokenName, string>;

export interface TokenInput {
  metadata: BookMetadata;
  format: BookFormat;
  /** The file's extension as found, with or without its leading dot ("epub", ".EPUB"). */
  ext: string;
}

export function isTokenName(name: string): name is TokenName {
  return (TOKEN_NAMES as readonly string[]).includes(name);
}

export function tokenValues({ metadata, format, ext }: TokenInput): TokenValues {
  const title = metadata.title?.trim() ?? '';
  const authors = (metadata.authors ?? []).filter((a) => a.name.trim() !== '');
  const first = authors[0];
  const series = metadata.series?.name.trim() ? metadata.series : undefined;
  return {
    title,
    'title.sort': metadata.sortTitle?.trim() || sortTitle(title, metadata.languages?.[0]),
    'author.name': first?.name.trim() ?? '',
    'author.sortname': first ? personSortName(first) : '',
    authors: authors.map((a) => a.name.trim()).join(' & '),
    'bookseries.title': series?.name.trim() ?? '',
    'bookseries.number': series ? seriesNumber(series.number) : '',
    publicationyear: publicationYear(metadata.published),
    language: metadata.languages?.map((l) => l.trim()).find(Boolean) ?? '',
    publisher: metadata.publisher?.trim() ?? '',
    isbn: isbn13(metadata.identifiers ?? []),
    format,
    ext: ext.trim().replace(/^\.+/, ''),
  };
}

/** Canonical decimal text of a series position; padding is the template's business. */
function seriesNumber(number: number | undefined): string {
  if (number === undefined || !Number.isFinite(number)) return '';
  // Round away float noise (0.1 + 0.2) so 2.3 never shows as 2.3000000000000003.
  return String(Number(number.toFixed(6)));
}

function publicationYear(published: string | undefined): string {
  return published?.match(/\d{4}/)?.[0] ?? '';
}

/**
 * Articles that move to the end of a sort title. English always applies (most
 * libraries mix English titles in); the others only for books in that language,
 * so the English "Die Hard" is not filed under H.
 */
const ARTICLES: Record<string, string[]> = {
  en: ['the', 'a', 'an'],
  fr: ['le', 'la', 'les', "l'", 'un', 'une'],
  de: ['der', 'die', 'das', 'ein', 'eine'],
  es: ['el', 'la', 'los', 'las', 'un', 'una'],
  it: ['il', 'lo', 'la', 'i', 'gli', 'le', "l'", 'un', 'una', 'uno'],
  nl: ['de', 'het', 'een'],
  pt: ['o', 'a', 'os', 'as', 'um', 'uma'],
};

/** "The Hobbit" → "Hobbit, The"; "L'Étranger" (French) → "Étranger, L'". */
export function sortTitle(title: string, language?: string): string {
  const trimmed = title.trim();
  const primary = language?.toLowerCase().split(/[-_]/)[0] ?? '';
  const articles = new Set([...(ARTICLES.en ?? []), ...(ARTICLES[primary] ?? [])]);
  const match = trimmed.match(/^(\p{L}+(?:['’]|\s+))(.+)$/u);
  if (!match?.[1] || !match[2]) return trimmed;
  const article = match[1].trim();
  if (!articles.has(article.toLowerCase().replace('’', "'"))) return trimmed;
  return `${match[2].trim()}, ${article}`;
}

const NAME_SUFFIX = /^(jr|sr|jnr|snr|[ivx]+|phd|md)\.?$/i;

/** The first author's sort name: the source's own, else "Last, First" derived. */
export function personSortName(person: Pick<Person, 'name' | 'sortName'>): string {
  return person.sortName?.trim() || deriveSortName(person.name);
}

/**
 * "J. R. R. Tolkien" → "Tolkien, J. R. R.", "Ursula K. Le Guin" → "Le Guin,
 * Ursula K." (a capitalised particle belongs to the surname), "Martin Luther
 * King Jr." → "King, Martin Luther, Jr.". A name with a comma is taken as sorted.
 */
export function deriveSortName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.includes(',')) return trimmed;
  const parts = trimmed.split(' ');
  let end = parts.length;
  while (end > 1 && NAME_SUFFIX.test(parts[end - 1] ?? '')) end--;
  if (end < 2) return trimmed;
  let start = end - 1;
  while (
    start > 1 &&
    isNameParticle(parts[start - 1] ?? '', { arabic: true }) &&
    /^\p{Lu}/u.test(parts[start - 1] ?? '')
  )
    start--;
  const surname = parts.slice(start, end).join(' ');
  const given = parts.slice(0, start).join(' ');
  const suffix = parts.slice(end).join(' ');
  return suffix ? `${surname}, ${given}, ${suffix}` : `${surname}, ${given}`;
}

/** The first valid ISBN as ISBN-13 digits; an ISBN-10 is converted. Invalid ones are ignored. */
export function isbn13(identifiers: Identifier[]): string {
  for (const id of identifiers) {
    if (id.scheme !== 'isbn') continue;
    const isbn = toIsbn13(id.value);
    if (isbn) return isbn;
  }
  return '';
}
