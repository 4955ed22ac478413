import {
  coverDoc,
  SMALL_COVER_ATTACHMENT,
  type CoverDoc,
  type CoverSource,
} from '#core/schema/cover-doc';
import type { NewAttachment } from '../catalog/catalog-store';
import type { MadeCover } from './make-cover';

export type CoverWithThumbnail = CoverDoc & { _attachments: Record<string, NewAttachment> };

/** The cover document with its small thumbnail attached, as the agent writes it. */
export function coverDocFor(
  library: string,
  bookId: string,
  source: CoverSource,
  made: MadeCover,
): CoverWithThumbnail {
  return {
    ...coverDoc({ library, bookId, source, ...made }),
    _attachments: {
      [SMALL_COVER_ATTACHMENT]: { content_type: 'image/webp', data: made.smallBase64 },
    },
  };
}
