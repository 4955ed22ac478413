import {
  compareIssues,
  issueKindHeading,
  parseIssue,
  type ComicIssue,
  type IssueKind,
} from '../formats/comic/issue-number';
import { seriesYear } from '../formats/comic/values';
import type { SeriesPosition } from '../metadata/types';
import { gapsIn } from './series-index';

/**
 * A comic series as its page shows it: volumes (by the Volume number
 * ComicInfo gives, else the run's start year, else the folder), each with its
 * regular issues in reading order, its gaps, and its annuals, specials,
 * one-shots and variants under their own headings.
 */

/** What a comic series page needs of each issue it holds. */
export interface ComicSource {
  id: string;
  title: string;
  /** The resolved series position (its `issue` text when a comic tag gave one). */
  series?: SeriesPosition;
  collections?: readonly SeriesPosition[];
  /** The folder the file is in, relative to its library. */
  folder: string;
}

export interface ComicIssueEntry {
  id: string;
  title: string;
  issue?: ComicIssue;
  /** "#4", "Annual 1", or "—" when the comic says no number. */
  label: string;
}

export interface IssueGroup {
  kind: IssueKind;
  heading: string;
  issues: ComicIssueEntry[];
}

export interface ComicVolume {
  key: string;
  /** "Volume 2", "2016 volume", or the folder's name. */
  label: string;
  /** Regular issues in reading order; issues with no number last. */
  issues: ComicIssueEntry[];
  /** Annuals, specials, one-shots and variants, each kind under its own heading. */
  extras: IssueGroup[];
  /** Whole issue numbers missing between the lowest and the highest regular issue. */
  gaps: number[];
}

const EXTRA_KINDS: readonly IssueKind[] = ['annual', 'special', 'one-shot', 'variant'];

/** The issue a book is: its tagged text, else its position as a plain number. */
export function issueOf(series: SeriesPosition | undefined): ComicIssue | undefined {
  return parseIssue(series?.issue ?? series?.number);
}

/** Groups a comic series' books into volumes, each in reading order with its gaps. */
export function comicVolumes(seriesName: string, books: readonly ComicSource[]): ComicVolume[] {
  const placed = books.map((book) => ({ book, volume: volumeOf(seriesName, book) }));
  // Folders tell volumes apart only when nothing better does, and only when they differ.
  const folders = new Set(placed.map((p) => p.volume.folder));
  const byKey = new Map<string, { label: string; order: number; books: ComicSource[] }>();
  for (const { book, volume } of placed) {
    const label =
      volume.label ?? (folders.size > 1 && volume.folder ? lastSegment(volume.folder) : seriesName);
    const key = volume.label ? `v${volume.order}` : `f${label}`;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { label, order: volume.order, books: [] }));
    entry.books.push(book);
  }
  return [...byKey]
    .sort(([ak, a], [bk, b]) => a.order - b.order || (ak < bk ? -1 : ak > bk ? 1 : 0))
    .map(([key, { label, books: held }]) => volume(key, label, held));
}

function volume(key: string, label: string, books: readonly ComicSource[]): ComicVolume {
  const entries = books.map(entry).sort(byIssue);
  const regular = entries.filter((e) => !e.issue || !EXTRA_KINDS.includes(e.issue.kind));
  const extras = EXTRA_KINDS.flatMap((kind) => {
    const issues = entries.filter((e) => e.issue?.kind === kind);
    return issues.length ? [{ kind, heading: issueKindHeading(kind), issues }] : [];
  });
  const numbers = regular.flatMap((e) =>
    e.issue?.kind === 'regular' && e.issue.number !== undefined ? [e.issue.number] : [],
  );
  return { key, label, issues: regular, extras, gaps: gapsIn(numbers) };
}

function entry(book: ComicSource): ComicIssueEntry {
  const issue = issueOf(book.series);
  return { id: book.id, title: book.title, ...(issue && { issue }), label: issue?.display ?? '—' };
}

function byIssue(a: ComicIssueEntry, b: ComicIssueEntry): number {
  return compareIssues(a.issue, b.issue) || a.title.localeCompare(b.title);
}

/**
 * A book's volume: ComicInfo's Volume number (kept as the set "Name vol. 2"),
 * else the start year in the series name; `label` is undefined when neither
 * says, and the folder then decides.
 */
function volumeOf(
  seriesName: string,
  book: ComicSource,
): { label?: string; order: number; folder: string } {
  const base = seriesName.replace(/\s*\(\d{4}\)\s*$/, '').toLowerCase();
  for (const set of book.collections ?? []) {
    const match = /^(.*) vol\. (\d+)$/i.exec(set.name);
    if (match?.[1]?.toLowerCase() === base && match[2]) {
      return { label: `Volume ${match[2]}`, order: Number(match[2]), folder: book.folder };
    }
  }
  const year = seriesYear(book.series?.name ?? seriesName);
  if (year !== undefined) return { label: `${year} volume`, order: year, folder: book.folder };
  return { order: Number.POSITIVE_INFINITY, folder: book.folder };
}

function lastSegment(folder: string): string {
  return folder.split('/').filter(Boolean).at(-1) ?? folder;
}

/**
 * The series each volume becomes when a series is split by volume: "Saga
 * vol. 2" for a Volume number (the name ComicInfo's Volume gives as a set),
 * "Batman (2016)" for a start year, and for a folder its own name when it
 * names the series ("Batman (1940)/"), else "Batman, Extras".
 */
export function splitNames(seriesName: string, volumes: readonly ComicVolume[]): string[] {
  const base = seriesName.replace(/\s*\(\d{4}\)\s*$/, '');
  return volumes.map(({ label }) => {
    const numbered = /^Volume (\d+)$/.exec(label);
    if (numbered) return `${base} vol. ${numbered[1]}`;
    const year = /^(\d{4}) volume$/.exec(label);
    if (year) return `${base} (${year[1]})`;
    return label.toLowerCase().startsWith(base.toLowerCase()) ? label : `${base}, ${label}`;
  });
}
