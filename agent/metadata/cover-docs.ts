import { bookDocId } from '#core/schema/book-doc';
import {
  coverDocId,
  SMALL_COVER_ATTACHMENT,
  type CoverDoc,
  type CoverSource,
} from '#core/schema/cover-doc';
import type { NewAttachment } from '../catalog/catalog-store';
import type { MadeCover } from '../covers/make-cover';

export type CoverWithThumbnail = CoverDoc & { _attachments: Record<string, NewAttachment> };

/**
 * The cover document of one book from one source, carrying its small
 * thumbnail. One per source: a new download or upload replaces the document,
 * while the thumbnails it pointed at stay in the content-addressed store.
 */
export function coverDocFor(
  library: string,
  bookId: string,
  source: CoverSource,
  made: MadeCover,
): CoverWithThumbnail {
  return {
    _id: coverDocId(library, bookId, source),
    type: 'cover',
    v: 1,
    library,
    book: bookDocId(library, bookId),
    source,
    hash: made.hash,
    original: made.original,
    small: made.small,
    medium: made.medium,
    _attachments: {
      [SMALL_COVER_ATTACHMENT]: { content_type: 'image/webp', data: made.smallBase64 },
    },
  };
}
