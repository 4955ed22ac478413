import { join } from 'node:path';
import type { AgentContext } from '../context';
import { shortBookId } from '../metadata/book-state';
import { libarchivePlatform } from '../platform/libarchive/index';
import type { ReaderPool } from '../readers/reader-pool';
import { FileIndex } from '../scan/file-index';
import { locateBookFile, type BookFile } from './book-file';
import { ComicArchives } from './comic-archives';
import { COMIC_FORMATS, COMIC_FORMATS_IN_WORDS } from './comic-pages';
import { ConvertedEpubs } from './converted-epubs';

const MOBI_FORMATS = ['mobi', 'azw3'] as const;

/**
 * What the in-app reader needs from the agent beyond the book files: comics
 * opened once and read a page at a time, MOBI books converted to EPUB once.
 */
export class Reading {
  readonly comics = new ComicArchives(libarchivePlatform());
  readonly epubs: ConvertedEpubs;
  private readonly files: FileIndex;

  constructor(ctx: AgentContext, readers: ReaderPool) {
    this.files = new FileIndex(ctx.db);
    this.epubs = new ConvertedEpubs(join(ctx.dataDir, 'converted'), (...args) =>
      readers.convertMobi(...args),
    );
  }

  /**
   * The comic's file on disk; ReadingError when there is none, or the book is
   * no comic. The id is either form, as in the other book routes: the app
   * sends the catalog's `book:<lib>:<id>`, the file index keeps `<id>`.
   */
  comicFile(bookId: string): Promise<BookFile> {
    return locateBookFile(this.files, shortBookId(bookId), COMIC_FORMATS, COMIC_FORMATS_IN_WORDS);
  }

  /** The MOBI or AZW3 book's file on disk (either form of id); ReadingError when there is none. */
  mobiFile(bookId: string): Promise<BookFile> {
    return locateBookFile(this.files, shortBookId(bookId), MOBI_FORMATS, 'MOBI or AZW3');
  }

  async close(): Promise<void> {
    await this.comics.close();
  }
}
