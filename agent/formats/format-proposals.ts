import type { BookFormat } from '#core/formats/types';
import type { Identifier } from '#core/metadata/types';
import { fold } from '#core/text/fold';

/** A book as the catalog lists it (a group's main stands for all its formats). */
export interface Work {
  bookId: string;
  title: string;
  authors: readonly string[];
  identifiers: readonly Identifier[];
  /** Its own format, then its other formats' when it is a group's main. */
  formats: readonly BookFormat[];
  /** Its own id and its other formats' ids. */
  members: readonly string[];
  /** A comic issue: its series, issue number and, where known, the year of its volume. */
  issue?: { series: string; number: number; year?: number };
}

export interface Proposal {
  works: Work[];
  reason: string;
}

/** Identifier schemes that name one edition or one work (not "other": a library's own number). */
const SCHEMES = new Set(['isbn', 'asin', 'uuid', 'uri', 'doi', 'gtin']);

const words = (text: string) =>
  fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** "Doyle, Arthur Conan" and "Arthur Conan Doyle" are one author. */
function authorWords(name: string): string {
  const comma = name.indexOf(',');
  const natural = comma > 0 ? `${name.slice(comma + 1)} ${name.slice(0, comma)}` : name;
  return words(natural);
}

/**
 * The keys a work is known by: each identifier, and its title (up to a
 * colon: Calibre joins a subtitle into the title) with its authors, folded.
 * A work without authors is matched by identifier only: a bare title says
 * too little. A comic issue is known by its series and number instead (and
 * its volume's year, where known): an issue's story title is often missing
 * or shared, and its credits differ from one tagger to the next.
 */
export function workKeys(
  work: Pick<Work, 'title' | 'authors' | 'identifiers' | 'issue'>,
): string[] {
  const keys = work.identifiers
    .filter((id) => SCHEMES.has(id.scheme) && id.value.trim().length >= 6)
    .map((id) => `id:${id.scheme}:${fold(id.value.trim())}`);
  const issue = work.issue;
  const series = issue && words(issue.series);
  if (issue && series) {
    keys.push(`issue:${series}|${issue.number}|${issue.year ?? ''}`);
    return keys;
  }
  const title = words(work.title.split(':')[0] ?? '');
  const authors = work.authors.map(authorWords).filter(Boolean).sort();
  if (title && authors.length > 0) keys.push(`title:${title}|${authors.join('|')}`);
  return keys;
}

function reasonOf(key: string): string {
  if (key.startsWith('id:isbn:')) return `the same ISBN ${key.slice('id:isbn:'.length)}`;
  if (key.startsWith('id:')) return 'the same identifier';
  if (key.startsWith('issue:')) return 'the same series and issue';
  return 'the same title and authors';
}

/**
 * Works that share an identifier or their title and authors, joined when
 * any key links them, proposed as formats of one book when their formats
 * differ. A set with one format twice is left out (two editions, or exact
 * copies: the Duplicates page's business); so is one an admin kept apart
 * with no new book since.
 */
export function proposeGroups(works: readonly Work[], apart: readonly Set<string>[]): Proposal[] {
  const parent = works.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const firstWith = new Map<string, number>();
  const shared = new Map<number, string>();
  works.forEach((work, i) => {
    for (const key of workKeys(work)) {
      const first = firstWith.get(key);
      if (first === undefined) {
        firstWith.set(key, i);
        continue;
      }
      const [a, b] = [root(first), root(i)];
      if (a !== b) parent[b] = a;
      // An identifier is the better reason to show than a title.
      const reasons = [shared.get(a), shared.get(b), key].filter((k) => k !== undefined);
      shared.set(a, reasons.find((k) => k.startsWith('id:')) ?? key);
    }
  });
  const sets = new Map<number, Work[]>();
  works.forEach((work, i) => {
    const r = root(i);
    sets.set(r, [...(sets.get(r) ?? []), work]);
  });
  const proposals: Proposal[] = [];
  for (const [r, set] of sets) {
    if (set.length < 2) continue;
    const formats = set.flatMap((w) => w.formats);
    if (new Set(formats).size !== formats.length) continue;
    const members = set.flatMap((w) => w.members);
    if (apart.some((kept) => members.every((id) => kept.has(id)))) continue;
    proposals.push({ works: set, reason: reasonOf(shared.get(r) ?? '') });
  }
  return proposals;
}
