import type { DocumentType } from './document-type';
import { progressDocType, type ProgressDoc } from './progress-doc';
import { readingStatusDocType, type ReadingStatusDoc } from './reading-status-doc';
import { OPENED_BOOKS_STORED, openedBookDocType, type OpenedBookDoc } from './opened-book-doc';
import {
  RECENT_SEARCHES_STORED,
  recentSearchDocType,
  type RecentSearchDoc,
} from './recent-search-doc';
import { MAX_SHELF_BYTES, MAX_SHELVES, shelfDocType, type ShelfDoc } from './shelf-doc';
import {
  FIELD_EDIT_PREFIX,
  fieldEditDocType,
  MAX_FIELD_EDIT_BYTES,
  type FieldEditDoc,
} from './field-edit-doc';
import { MAX_REQUEST_BYTES, REQUEST_PREFIX, requestDocType, type RequestDoc } from './request-doc';

/**
 * Every document type a user's own database holds (`user-<id>` on the agent):
 * what one person did with the books, replicated to their devices only. The
 * catalog's types are in documents.ts.
 */
export type UserDoc =
  | ProgressDoc
  | ReadingStatusDoc
  | RecentSearchDoc
  | OpenedBookDoc
  | ShelfDoc
  | FieldEditDoc
  | RequestDoc;

export interface UserDocKind {
  /** The id prefix that names the kind. */
  prefix: string;
  type: DocumentType<UserDoc>;
  /** What a person calls one, for messages. */
  what: string;
  /** What a person calls many, for messages. */
  whatMany: string;
  /** The most a user database holds of this kind (the agent refuses more); none when unbounded. */
  maxDocs?: number;
  /** The largest document of this kind, in bytes of JSON. */
  maxBytes: number;
}

export const USER_DOC_KINDS: readonly UserDocKind[] = [
  {
    prefix: 'progress:',
    type: progressDocType as DocumentType<UserDoc>,
    what: 'a reading position',
    whatMany: 'reading positions',
    maxBytes: 8 * 1024,
  },
  {
    prefix: 'reading-status:',
    type: readingStatusDocType as DocumentType<UserDoc>,
    what: 'a reading status',
    whatMany: 'reading statuses',
    maxBytes: 2 * 1024,
  },
  {
    prefix: 'search:',
    type: recentSearchDocType as DocumentType<UserDoc>,
    what: 'a recent search',
    whatMany: 'recent searches',
    maxDocs: RECENT_SEARCHES_STORED,
    maxBytes: 2 * 1024,
  },
  {
    prefix: 'opened:',
    type: openedBookDocType as DocumentType<UserDoc>,
    what: 'a recently opened book',
    whatMany: 'recently opened books',
    maxDocs: OPENED_BOOKS_STORED,
    maxBytes: 2 * 1024,
  },
  {
    prefix: 'shelf:',
    type: shelfDocType as DocumentType<UserDoc>,
    what: 'a shelf',
    whatMany: 'shelves',
    maxDocs: MAX_SHELVES,
    maxBytes: MAX_SHELF_BYTES,
  },
  {
    // An admin's metadata edits: every one kept (they are the book's edit history), so no most.
    prefix: FIELD_EDIT_PREFIX,
    type: fieldEditDocType as DocumentType<UserDoc>,
    what: 'a metadata edit',
    whatMany: 'metadata edits',
    maxBytes: MAX_FIELD_EDIT_BYTES,
  },
  {
    // An admin's requests of the agent: each kept as the record that it was asked (and done once).
    prefix: REQUEST_PREFIX,
    type: requestDocType as DocumentType<UserDoc>,
    what: 'a request of the agent',
    whatMany: 'requests of the agent',
    maxBytes: MAX_REQUEST_BYTES,
  },
];

/** The kind an id names, by its prefix; undefined for any other id. */
export function userDocKind(id: string): UserDocKind | undefined {
  return USER_DOC_KINDS.find((kind) => id.startsWith(kind.prefix));
}

/** How a user-database document reads with this code. */
export type UserDocReading =
  | { kind: 'read'; doc: UserDoc }
  /** Written by newer code: kept where it is, not read. */
  | { kind: 'newer'; what: string }
  /** Of a known kind but not valid: `reason` says what is wrong. */
  | { kind: 'invalid'; what: string; reason: string }
  /** No kind Colophon keeps in a user database. */
  | { kind: 'unknown' };

const MAX_ISSUES = 3;

/** Reads a document of a user database by the kind its id names. */
export function readUserDoc(raw: unknown): UserDocReading {
  const id = (raw as { _id?: unknown } | null)?._id;
  const kind = typeof id === 'string' ? userDocKind(id) : undefined;
  if (!kind) return { kind: 'unknown' };
  if (kind.type.isNewer(raw)) return { kind: 'newer', what: kind.what };
  const doc = kind.type.read(raw);
  if (doc) return { kind: 'read', doc };
  const parsed = kind.type.schema.safeParse(raw);
  const issues = parsed.success
    ? [`"type" must be "${kind.type.type}" and "v" a version this code knows`]
    : parsed.error.issues
        .slice(0, MAX_ISSUES)
        .map((issue) => `${issue.path.join('.') || 'the document'}: ${issue.message}`);
  return { kind: 'invalid', what: kind.what, reason: issues.join('; ') };
}
