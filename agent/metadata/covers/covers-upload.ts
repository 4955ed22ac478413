import { CoverImageError } from '#core/images/cover-image-error';
import { isCoverImageType } from '#core/images/cover-image-types';
import { sniffImageType } from '#core/images/image-type';
import { bookDocId, readBookDoc } from '#core/schema/book-doc';
import { coverDocId, readCoverDoc } from '#core/schema/cover-doc';
import type { CatalogStore } from '../../catalog/catalog-store';
import type { OperationLog } from '../../oplog/operation-log';
import type { ReaderPool } from '../../readers/reader-pool';
import { coverDocFor } from '../../covers/cover-docs';
import { bookNotFound, MetadataRequestError } from '../errors';
import { shortBookId } from '../book-state';

/** The largest cover upload taken: far beyond any real cover, small enough to hold in memory. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface UploadDeps {
  catalog: CatalogStore;
  readers: ReaderPool;
  coversDir: string;
  oplog: OperationLog;
}

const notAnImage = (why: string) =>
  new MetadataRequestError(
    415,
    'not-an-image',
    `${why} Upload a JPEG, PNG, WebP, GIF or AVIF image.`,
  );

/**
 * A cover the user uploaded for a book: checked by its content (magic bytes
 * here, then decoded by libvips in a reader process), never by the name or
 * type the browser claims; SVG is refused. Becomes the book's `upload` cover
 * document, replacing an earlier upload's document; the earlier thumbnails
 * stay in the content-addressed store and the log keeps their hash, so the
 * earlier cover can be brought back. Returns the cover document's id; the
 * primary cover is chosen separately.
 */
export async function uploadCover(
  deps: UploadDeps,
  bookId: string,
  bytes: Uint8Array,
  userId?: string,
): Promise<string> {
  const id = shortBookId(bookId);
  const library = deps.catalog.library;
  const book = readBookDoc(await deps.catalog.get(bookDocId(library, id)));
  if (!book) throw bookNotFound(id);
  if (bytes.byteLength > MAX_UPLOAD_BYTES)
    throw new MetadataRequestError(
      413,
      'too-large',
      `A cover can be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
    );
  const type = sniffImageType(bytes);
  if (type === 'image/svg+xml')
    throw notAnImage(
      'SVG files are not taken as covers: they are documents that can carry scripts.',
    );
  if (!isCoverImageType(type)) throw notAnImage('The file is not an image Colophon takes.');
  let made;
  try {
    made = await deps.readers.coverFromBytes(bytes, deps.coversDir);
  } catch (error) {
    if (error instanceof CoverImageError)
      throw notAnImage(`The image cannot be read (${error.message}).`);
    throw error;
  }
  const docId = coverDocId(library, id, 'upload');
  const earlier = readCoverDoc(await deps.catalog.get(docId));
  await deps.catalog.upsert([coverDocFor(library, id, 'upload', made)]);
  deps.oplog.record({
    kind: 'cover.uploaded',
    subject: book._id,
    message: earlier
      ? `A new cover was uploaded for “${book.path}”, replacing the earlier upload (kept as ${earlier.hash.slice(0, 12)}…).`
      : `A cover was uploaded for “${book.path}”.`,
    details: {
      cover: docId,
      hash: made.hash,
      original: made.original,
      ...(earlier && {
        replaced: {
          hash: earlier.hash,
          original: earlier.original,
          small: earlier.small,
          medium: earlier.medium,
        },
      }),
      ...(userId && { user: userId }),
    },
  });
  return docId;
}
