import type { ReaderSource } from '../reader-types';
import type { PageSource } from './page-source';

/**
 * The page source for where the book is: the agent's pages API, or the file
 * in this browser. The in-browser archive code (zip.js, libarchive's
 * glue) loads only for a book that needs it.
 */
export async function openPages(source: ReaderSource, first?: number): Promise<PageSource> {
  if (source.kind === 'remote') {
    const { openRemotePages } = await import('./remote-pages');
    return openRemotePages(source.bookId, first);
  }
  const [{ openBlobPages }, { libarchivePlatform }, { blobBehind }] = await Promise.all([
    import('./blob-pages'),
    import('$lib/local/platform/libarchive/index'),
    import('$lib/local/fs/blob-source'),
  ]);
  return openBlobPages(source.blob, libarchivePlatform(blobBehind));
}
