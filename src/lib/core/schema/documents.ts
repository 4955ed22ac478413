import { bookDocType, type BookDoc } from './book-doc';
import { calibreDocType, type CalibreDoc } from './calibre-doc';
import { coverDocType, type CoverDoc } from './cover-doc';
import type { DocumentType } from './document-type';
import { editDocType, type EditDoc } from './edit-doc';
import { folderDocType, type FolderDoc } from './folder-doc';
import { lookupDocType, type LookupDoc } from './lookup-doc';
import { sourceDocType, type SourceDoc } from './source-doc';
import { canRead, schemaDocSchema, SCHEMA_DOC_ID } from './version';

/** Every document type the catalog replicates (the schema document aside). */
export type SyncedDoc =
  BookDoc | CalibreDoc | CoverDoc | EditDoc | FolderDoc | LookupDoc | SourceDoc;

const TYPES: Record<SyncedDoc['type'], DocumentType<SyncedDoc>> = {
  book: bookDocType as DocumentType<SyncedDoc>,
  calibre: calibreDocType as DocumentType<SyncedDoc>,
  cover: coverDocType as DocumentType<SyncedDoc>,
  edit: editDocType as DocumentType<SyncedDoc>,
  folder: folderDocType as DocumentType<SyncedDoc>,
  lookup: lookupDocType as DocumentType<SyncedDoc>,
  source: sourceDocType as DocumentType<SyncedDoc>,
};

/** How a replicated document reads with this code. */
export type DocumentReading =
  | { kind: 'read'; doc: SyncedDoc }
  /** Written by newer code (a newer document version, or a newer schema): kept, not read. */
  | { kind: 'newer' }
  /** The schema document, of a version this code reads. */
  | { kind: 'schema'; version: number }
  /** Not a document of a known type, or not valid: ignored, never shown half-read. */
  | { kind: 'skipped' };

/** Reads any replicated document, dispatching on its `type`. */
export function readSyncedDoc(raw: unknown): DocumentReading {
  if (!raw || typeof raw !== 'object') return { kind: 'skipped' };
  if ((raw as { _id?: unknown })._id === SCHEMA_DOC_ID) {
    const schema = schemaDocSchema.safeParse(raw);
    if (!schema.success) return { kind: 'skipped' };
    return canRead(schema.data.version)
      ? { kind: 'schema', version: schema.data.version }
      : { kind: 'newer' };
  }
  const type = (raw as { type?: unknown }).type;
  const docType = typeof type === 'string' ? TYPES[type as SyncedDoc['type']] : undefined;
  if (!docType) return { kind: 'skipped' };
  if (docType.isNewer(raw)) return { kind: 'newer' };
  const doc = docType.read(raw);
  return doc ? { kind: 'read', doc } : { kind: 'skipped' };
}
