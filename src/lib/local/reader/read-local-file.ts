import { toProblem, type Problem } from '#core/errors';
import { archiveComicFormat } from '#core/formats/archive-alias';
import type { ComicFormat } from '#core/formats/comic/index';
import { whyNotComic } from '#core/formats/comic/holds-pages';
import { formatFromName } from '#core/formats/detect';
import type { FormatPlatform } from '#core/formats/platform';
import { readBook } from '#core/formats/read-book';
import type { BookFormat, Extraction } from '#core/formats/types';
import { contentKey } from '#core/identity/content-key';
import { blobSource } from '../fs/blob-source';

/** What reading one file gave: its identity, and its metadata or why there is none. */
export interface FileReading {
  contentKey: string | null;
  extraction?: Extraction;
  problem?: Problem;
  /** The browser refused to read it: access to the folder was withdrawn (not the file's fault). */
  accessLost?: boolean;
  /** A plain archive (a `.zip` read as a CBZ) that holds no comic pages: why it is not a book. */
  notComic?: string;
}

/** A `.zip`, `.rar`, `.7z` or `.tar` read as this comic format: a comic only if it holds pages. */
function isPlainArchive(relPath: string, format: BookFormat): boolean {
  return formatFromName(relPath) === undefined && archiveComicFormat(relPath) === format;
}

function isAccessError(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'NotAllowedError' || error.name === 'SecurityError')
  );
}

/** A File whose bytes the browser refuses: changed, moved away or locked since the walk. */
function describeReadError(error: unknown): Problem {
  if (error instanceof DOMException) {
    if (error.name === 'NotReadableError' || error.name === 'NotFoundError') {
      return {
        code: 'unreadable',
        message:
          'The file changed, moved or became unreadable while it was being scanned; scan the folder again.',
      };
    }
  }
  return toProblem(error);
}

/**
 * Takes a file's content key and reads its metadata with the core parsers,
 * as the agent's reader does. Never throws: a file that cannot be read is a
 * problem recorded with the book, and the scan goes on.
 */
export async function readLocalFile(
  file: Blob,
  relPath: string,
  format: BookFormat,
  platform: FormatPlatform,
): Promise<FileReading> {
  const source = blobSource(file, relPath.slice(relPath.lastIndexOf('/') + 1));
  let key: string;
  try {
    key = await contentKey(source);
  } catch (error) {
    // The first read of the file: where a withdrawn access shows.
    return {
      contentKey: null,
      problem: describeReadError(error),
      accessLost: isAccessError(error),
    };
  }
  try {
    // As the agent's scan: a plain archive is a comic only when it holds a page.
    if (isPlainArchive(relPath, format)) {
      const notComic = await whyNotComic(source, format as ComicFormat, platform);
      if (notComic) return { contentKey: null, notComic };
    }
    return {
      contentKey: key,
      extraction: await readBook(source, format, { platform, path: relPath }),
    };
  } catch (error) {
    return { contentKey: key, problem: describeReadError(error), accessLost: isAccessError(error) };
  }
}
