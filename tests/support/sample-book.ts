import { bookDoc, type BookDoc } from '#core/schema/book-doc';

/** A valid book document of library `lib`, folder `f1`, for tests that need one or a few. */
export function sampleBookDoc(id: string, path = `${id}.epub`): BookDoc {
  return bookDoc({
    library: 'lib',
    bookId: id,
    folderId: 'f1',
    path,
    format: 'epub',
    size: 10,
    mtimeMs: 1,
    addedAt: 0,
    scannedAt: 0,
    status: 'ok',
  });
}
