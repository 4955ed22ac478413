import { readUserDoc, USER_DOC_KINDS, userDocKind } from '#core/schema/user-documents';

const KINDS = USER_DOC_KINDS.map((kind) => `${kind.what} (${kind.prefix}…)`);
const KEPT = `${KINDS.slice(0, -1).join(', ')} and ${KINDS.at(-1)}`;

/** A document's size as its kind's cap counts it: replication's revision history left out. */
function ownBytes(doc: Record<string, unknown>): number {
  const { _revisions: _, ...own } = doc;
  return Buffer.byteLength(JSON.stringify(own));
}

/**
 * Why Colophon will not store a document in a user database, or undefined
 * when it will. A user database holds only the kinds Colophon knows, each
 * valid by its core schema, so every device can read what any other wrote;
 * `_local/` documents (replication checkpoints) and deletions of a known
 * kind need no schema. The id is checked for reserved names before this.
 */
export function userDocRefusal(doc: Record<string, unknown>): string | undefined {
  const id = String(doc._id);
  if (id.startsWith('_local/')) return undefined;
  const kind = userDocKind(id);
  const shown = JSON.stringify(id.slice(0, 80));
  if (!kind)
    return `Colophon does not store documents of this kind (${shown}) in a user database; it keeps ${KEPT}.`;
  if (doc._deleted === true) return undefined;
  if (doc._attachments !== undefined) return `${shown} is ${kind.what}, which has no attachments.`;
  if (ownBytes(doc) > kind.maxBytes)
    return `${shown} is ${kind.what}, which may be at most ${kind.maxBytes} bytes.`;
  const reading = readUserDoc(doc);
  switch (reading.kind) {
    case 'read':
      return undefined;
    case 'newer':
      return `${shown} is ${reading.what} written by a newer Colophon: update the agent to keep it.`;
    case 'invalid':
      return `${shown} is not valid as ${reading.what}: ${reading.reason}.`;
    case 'unknown':
      return `Colophon does not store documents of this kind (${shown}) in a user database; it keeps ${KEPT}.`;
  }
}
