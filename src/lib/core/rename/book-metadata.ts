import { merge } from '../merge/merge';
import type { BookMetadata } from '../metadata/types';
import type { BookDoc } from '../schema/book-doc';

/**
 * The book's final metadata for rename templates: the merge of what its file
 * said. External sources and the user's own edits join the same call as they
 * are stored (#5); this is the one place to add them. The agent plans with
 * it, and so does a device previewing offline, so both name files alike.
 */
export function bookMetadata(doc: BookDoc | undefined): BookMetadata {
  return merge(doc?.extraction?.candidates ?? [], [], {}).metadata;
}
