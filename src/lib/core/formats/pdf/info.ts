import type { BookMetadata, Person } from '../../metadata/types';
import { keywordSubjects } from '../../metadata/subject-values';
import { decodePdfText } from './pdf-text';

/**
 * The PDF Info dictionary → BookMetadata. Info values are typed by whoever
 * made the PDF, or filled in by their software, so they are cleaned and the
 * obvious junk is dropped. Each rule has a case in info.test.ts. The value
 * helpers are shared with xmp.ts, which carries the same properties.
 */

/** The Info dictionary as pdf.js gives it (`getMetadata().info`), plus the catalog's /Lang. */
export type PdfInfo = Readonly<Record<string, unknown>>;

/** Values that are not metadata (markup in Keywords) are dropped with a sentence in `warnings`. */
export function readInfo(info: PdfInfo, warnings: string[] = []): BookMetadata {
  const title = cleanTitle(info['Title']);
  const authors = toPeople(cleanText(info['Author']));
  const description = cleanText(info['Subject']);
  const subjects = splitKeywords(cleanText(info['Keywords']), warnings, 'The PDF’s Keywords');
  const published = toIsoDate(cleanText(info['CreationDate']), { fileDate: true });
  const language = cleanLanguage(info['Language']);
  // Producer and Creator name the software that made the file, not the book.
  const metadata: BookMetadata = {};
  if (title) metadata.title = title;
  if (authors.length > 0) metadata.authors = authors;
  if (description) metadata.description = description;
  if (subjects.length > 0) metadata.subjects = subjects;
  if (published) metadata.published = published;
  if (language) metadata.languages = [language];
  return metadata;
}

// ── Text ────────────────────────────────────────────────────────────────────

// Control characters (the corpus has "komga\0"), byte-order marks, and lone surrogates
// left by broken UTF-16. Tabs and line breaks become spaces first.
const JUNK_CHARACTERS = /[\p{Cc}\p{Cs}]/gu;

/**
 * A string decoded (a leftover PDF escape layer, raw UTF-16BE), with control
 * characters removed and whitespace collapsed; undefined when empty.
 */
export function cleanText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = decodePdfText(value)
    .replace(/\ufeff/g, '')
    .replace(/\s+/g, ' ')
    .replace(JUNK_CHARACTERS, '')
    .replace(/ {2,}/g, ' ');
  return text.trim() || undefined;
}

// ── Titles ──────────────────────────────────────────────────────────────────

/** What software writes when nobody gave the document a title. */
const PLACEHOLDER_TITLE =
  /^(?:untitled(?:[\s-]*\d+)?|untitled document|no title|unknown|null|none|\(?anonymous\)?)$/i;
/** Office's print-to-PDF title: "Microsoft Word - Chapter 1.docx". */
const OFFICE_PREFIX = /^Microsoft (?:Office )?(?:Word|PowerPoint|Excel|Publisher) - /i;
/** Document file extensions that end a title taken from a file name. */
const DOCUMENT_EXTENSION = /\.(?:pdf|docx?|rtf|odt|pptx?|xlsx?|pub|indd|qxd|tex|dvi|ps)$/i;

export function cleanTitle(value: unknown): string | undefined {
  let title = cleanText(value);
  if (!title) return undefined;
  title = title.replace(OFFICE_PREFIX, '').replace(DOCUMENT_EXTENSION, '').trim();
  if (title === '' || PLACEHOLDER_TITLE.test(title)) return undefined;
  return title;
}

// ── People ──────────────────────────────────────────────────────────────────

const EMAIL = /[^\s<>()@]+@[^\s<>()@]+\.[^\s<>()@]+/;
const BRACKETED_EMAIL = /\s*[<([]\s*(?:mailto:)?[^\s<>()@]+@[^\s<>()[\]]+\s*[>)\]]/g;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*$/i;
/** Account names operating systems and office suites fill in for "Author". */
const PLACEHOLDER_AUTHOR =
  /^(?:unknown|admin|administrator|user|owner|default|author|windows user|microsoft office user|\(unknown\))$/i;
const PERSON_LIST = /\s*,\s*|\s+(?:and|&)\s+/i;
const HAS_CONJUNCTION = /\s(?:and|&)\s/i;

/**
 * An author line → people, in order. Split on ";" always. Split on "and",
 * "&" (and the commas of "A, B and C") only when every part has at least two
 * words, so "Simon & Schuster" and "Smith, John" stay one name. An e-mail
 * address in brackets is removed and the name kept ("Daan Sprenkels
 * <d@x.com>" → "Daan Sprenkels"); a bare address, a URL or an account name
 * like "Administrator" is not a person and is dropped.
 */
export function toPeople(line: string | undefined, roles: string[] = ['aut']): Person[] {
  if (!line) return [];
  const names = line.split(';').flatMap((part) => splitPeople(stripEmail(part)));
  const seen = new Set<string>();
  const people: Person[] = [];
  for (const name of names) {
    const key = name.toLowerCase();
    if (!isPersonName(name) || seen.has(key)) continue;
    seen.add(key);
    people.push({ name, roles: [...roles] });
  }
  return people;
}

function stripEmail(part: string): string {
  return part.replace(BRACKETED_EMAIL, '').trim();
}

function splitPeople(part: string): string[] {
  if (!HAS_CONJUNCTION.test(part)) return [part];
  const pieces = part.split(PERSON_LIST).map((piece) => piece.trim());
  const allFullNames = pieces.every((piece) => piece.split(/\s+/).length >= 2);
  return allFullNames ? pieces : [part];
}

function isPersonName(name: string): boolean {
  if (name === '' || !/\p{L}/u.test(name)) return false;
  return !EMAIL.test(name) && !URL_LIKE.test(name) && !PLACEHOLDER_AUTHOR.test(name);
}

// ── Keywords ────────────────────────────────────────────────────────────────

/**
 * "a, b; c" → ["a", "b", "c"], without blanks or repeats (case-insensitive).
 * A line of markup, or a value too long to be a keyword, is dropped and said
 * in `warnings`, naming the field as `where`.
 */
export function splitKeywords(
  line: string | undefined,
  warnings: string[] = [],
  where = 'The keywords',
): string[] {
  return unique(keywordSubjects(line, where, warnings));
}

export function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (value === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ── Languages ───────────────────────────────────────────────────────────────

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** A BCP 47-looking tag ("en", "de-CH"); anything else is dropped. */
export function cleanLanguage(value: unknown): string | undefined {
  const tag = cleanText(value)?.replace(/_/g, '-');
  return tag && LANGUAGE_TAG.test(tag) ? tag : undefined;
}

// ── Dates ───────────────────────────────────────────────────────────────────

/** PDF 1.0 came out in 1993: a file claiming an earlier creation has a default date (1970-01-01). */
const FIRST_PDF_YEAR = 1993;

const PDF_DATE =
  /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?/;
const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

export interface DateOptions {
  /** The date says when the file was made: years before PDF existed are defaults, dropped. */
  fileDate?: boolean;
}

/**
 * A PDF date ("D:20120309220738Z", "D:20230116114507+01'00'") or an ISO 8601
 * date (XMP) → ISO 8601 as precise as the source: "2012", "2012-03",
 * "2012-03-09", "2012-03-09T22:07:38Z". Impossible dates are dropped.
 */
export function toIsoDate(
  value: string | undefined,
  options: DateOptions = {},
): string | undefined {
  if (!value) return undefined;
  const parts = parseDate(value);
  if (!parts || !valid(parts)) return undefined;
  if (options.fileDate && Number(parts.year) < FIRST_PDF_YEAR) return undefined;
  const { year, month, day, hour, minute, second, zone } = parts;
  if (!month) return year;
  if (!day) return `${year}-${month}`;
  if (!hour) return `${year}-${month}-${day}`;
  return `${year}-${month}-${day}T${hour}:${minute ?? '00'}:${second ?? '00'}${zone}`;
}

interface DateParts {
  year: string;
  month?: string;
  day?: string;
  hour?: string;
  minute?: string;
  second?: string;
  zone: string;
}

function parseDate(value: string): DateParts | undefined {
  const iso = ISO_DATE.exec(value);
  if (iso) {
    const [, year = '', month, day, hour, minute, second, zone] = iso;
    return { year, month, day, hour, minute, second, zone: isoZone(zone) };
  }
  const pdf = PDF_DATE.exec(value);
  if (!pdf) return undefined;
  const [, year = '', month, day, hour, minute, second, sign, zoneHour, zoneMinute] = pdf;
  return { year, month, day, hour, minute, second, zone: pdfZone(sign, zoneHour, zoneMinute) };
}

function isoZone(zone: string | undefined): string {
  if (!zone) return '';
  if (zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

// "Z00'00'" is a common mix of both forms; Z wins.
function pdfZone(sign: string | undefined, hour: string | undefined, minute = '00'): string {
  if (!sign) return '';
  if (sign === 'Z' || sign === 'z') return 'Z';
  return hour ? `${sign}${hour}:${minute}` : '';
}

function valid({ month, day, hour, minute, second }: DateParts): boolean {
  return (
    inRange(month, 1, 12) &&
    inRange(day, 1, 31) &&
    inRange(hour, 0, 23) &&
    inRange(minute, 0, 59) &&
    inRange(second, 0, 60)
  );
}

function inRange(value: string | undefined, min: number, max: number): boolean {
  return value === undefined || (Number(value) >= min && Number(value) <= max);
}
