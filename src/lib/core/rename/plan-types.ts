import type { BookFormat } from '../formats/types';
import type { BookMetadata } from '../metadata/types';
import type { ProfileName, SanitiseProfile } from './sanitise';
import type { PatternError, Template } from './template-parser';
import type { TokenName } from './tokens';

export interface PlanBook {
  id: string;
  /** The library folder, absolute as the host knows it; an opaque prefix joined with '/'. */
  folderRoot: string;
  /** The book file, relative to folderRoot, '/'-separated. */
  path: string;
  /** The book's final (merged) metadata. */
  metadata: BookMetadata;
  format: BookFormat;
  /** The other file names in the book's folder, so companions can be found. */
  siblings?: string[];
}

export const CONFLICT_POLICIES = ['skip', 'suffix', 'overwrite'] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

/** A file or folder as found, with its name spelled as on disk. */
export interface ExistingEntry {
  kind: 'file' | 'dir';
  path: string;
}

/**
 * What is on disk at an absolute path now: a truthy value when anything is
 * there. It must answer as the target does: on a case-insensitive profile,
 * "Dune.epub" exists when "dune.epub" does, even when the host's own file
 * system is case-sensitive (a NAS sharing over SMB). Returning an
 * ExistingEntry with the on-disk spelling lets a file replaced by 'overwrite'
 * come back from the trash under its exact name on undo.
 */
export type ExistingLookup = (absolutePath: string) => boolean | 'file' | 'dir' | ExistingEntry;

export interface PlanOptions {
  /** A pattern, or one parsed already (parseTemplate). */
  pattern: string | Template;
  profile: ProfileName | SanitiseProfile;
  onConflict: ConflictPolicy;
  existing: ExistingLookup;
  /** Overrides the profile, e.g. a case-sensitive APFS volume. */
  caseInsensitive?: boolean;
  /**
   * Names this batch's trash folder (`.colophon-trash/<batchId>/`) and temporary
   * files; the host passes its journal's batch id. Default "batch".
   */
  batchId?: string;
}

/**
 * One primitive file move, absolute paths. The executor creates missing parent
 * folders of `to` first; it never needs to replace a file: the plan orders the
 * moves so `to` is free when its turn comes.
 */
export interface Move {
  from: string;
  to: string;
  /** The book this move is done for (its file, a companion, a temporary step, or the file it replaces). */
  bookId: string;
  /** Set (to bookId) when the file moved is a companion of the book, not the book itself. */
  companionOf?: string;
  /** The file moved is one the book replaces ('overwrite'): it goes to the trash folder, never deleted. */
  trash?: boolean;
  /** One half of a move through a temporary name in the source folder (swaps, cycles, case-only renames). */
  temporary?: boolean;
}

export const ENTRY_STATUSES = ['move', 'unchanged', 'skipped', 'error'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export interface PlanEntry {
  bookId: string;
  folderRoot: string;
  /** Relative paths; `to` equals `from` unless the status is 'move'. */
  from: string;
  to: string;
  status: EntryStatus;
  /** Why the book is skipped, in error, or placed differently than the pattern says. */
  reasons: string[];
  /** Tokens with no value for this book. */
  emptyTokens: TokenName[];
  /** Companion files that move with the book (relative paths). */
  companions: { from: string; to: string }[];
}

export const CONFLICT_KINDS = [
  'exists',
  'same-destination',
  'case-collision',
  'cycle',
  'too-long',
  'missing-value',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * What was done about a conflict: 'skip' (the book stays), 'suffix' (" (1)"),
 * 'overwrite' (the file in the way goes to the trash folder), 'temporary'
 * (a cycle broken through a temporary name), 'truncate' (a name cut to fit),
 * 'omit' (an empty token left out with its separators).
 */
export const RESOLUTIONS = [
  'skip',
  'suffix',
  'overwrite',
  'temporary',
  'truncate',
  'omit',
] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface Conflict {
  kind: ConflictKind;
  /** The books involved; the one the conflict was resolved for comes first. */
  bookIds: string[];
  /** The absolute path in question (the contested destination, usually). */
  path: string;
  message: string;
  resolution: Resolution;
}

export interface PlanSummary {
  books: number;
  move: number;
  unchanged: number;
  skipped: number;
  error: number;
  /** Primitive moves, including trash and temporary steps. */
  moves: number;
  conflicts: Partial<Record<ConflictKind, number>>;
}

export interface RenamePlan {
  entries: PlanEntry[];
  /** Apply in order; undo with invertMoves. */
  moves: Move[];
  conflicts: Conflict[];
  summary: PlanSummary;
  /** Set when the pattern does not parse; nothing is planned then. */
  patternError?: PatternError;
}
