import { readSyncedDoc } from '#core/schema/documents';

/** The catalog's document kinds, each id `<kind>:<library>:…` (the schema document aside). */
const CATALOG_KINDS = new Set(['book', 'calibre', 'cover', 'edit', 'folder', 'lookup', 'source']);

/** The library an id's namespace names, or undefined for an id outside every namespace. */
export function catalogNamespace(id: string): string | undefined {
  const [kind, library] = id.split(':', 3);
  return kind && library && CATALOG_KINDS.has(kind) ? library : undefined;
}

/** Whether this agent wrote the document: only those go to the hub. */
export function isOwnCatalogDoc(id: string, library: string): boolean {
  return catalogNamespace(id) === library;
}

/** The largest catalog document taken from the hub (a cover's thumbnails included). */
const MAX_DOC_BYTES = 4 * 1024 * 1024;

/**
 * Why this agent will not keep a catalog document that came from the hub, or
 * undefined when it will. Another agent may write only in its own namespace,
 * never in this one, and only documents of a kind this code knows, valid by
 * its core schema (one written by a newer Colophon is kept unread, as a
 * browser keeps it); the catalog's own schema mark and design documents never come in.
 */
export function hubCatalogRefusal(
  doc: Record<string, unknown>,
  library: string,
): string | undefined {
  const id = String(doc._id);
  const shown = JSON.stringify(id.slice(0, 80));
  const namespace = catalogNamespace(id);
  if (namespace === undefined)
    return `${shown} is not a catalog document of any library: only library documents (book:<library>:…) are taken from the hub.`;
  if (namespace === library)
    return `${shown} is in this agent's own namespace, which only this agent writes.`;
  if (doc._deleted === true) return undefined;
  if (doc.type !== id.split(':', 1)[0])
    return `${shown} says it is a ${JSON.stringify(doc.type)} document; its id says otherwise.`;
  if (Buffer.byteLength(JSON.stringify(doc)) > MAX_DOC_BYTES)
    return `${shown} is larger than the ${MAX_DOC_BYTES / 1024 / 1024} MiB a catalog document may be.`;
  const reading = readSyncedDoc(doc);
  if (reading.kind === 'read' || reading.kind === 'newer') return undefined;
  return `${shown} is not a valid ${String(doc.type)} document.`;
}
