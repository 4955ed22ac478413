import { toProblem } from '#core/errors';
import { archiveComicFormat } from '#core/formats/archive-alias';
import { whyNotComic } from '#core/formats/comic/holds-pages';
import { formatFromName } from '#core/formats/detect';
import { readBook } from '#core/formats/read-book';
import type { FormatPlatform } from '#core/formats/platform';
import type { BookFormat, Extraction } from '#core/formats/types';
import type { ComicFormat } from '#core/formats/comic/index';
import { contentKey } from '#core/identity/content-key';
import { openFileSource } from '../files/file-source';
import { partialMd5 } from '../kosync/document-digest';

/** What reading one library file gave: its identity, and its metadata or why there is none. */
export interface FileReading {
  contentKey: string | null;
  /** KOReader's id of the file (12 KiB read at most), null when it could not be read. */
  partialMd5?: string | null;
  extraction?: Extraction;
  problem?: { code: string; message: string };
  /** A plain archive (a `.zip` read as a CBZ) that holds no comic pages: why it is not a book. */
  notComic?: string;
}

/** A `.zip`, `.rar`, `.7z` or `.tar` read as this comic format: a comic only if it holds pages. */
function isPlainArchive(relPath: string, format: BookFormat): boolean {
  return formatFromName(relPath) === undefined && archiveComicFormat(relPath) === format;
}

function describeOpenError(error: unknown): { code: string; message: string } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return {
      code: 'unreadable',
      message: 'Permission denied: the agent cannot read this file. Check its permissions.',
    };
  }
  if (code === 'ENOENT')
    return { code: 'unreadable', message: 'The file vanished while it was being scanned.' };
  return toProblem(error);
}

/**
 * Opens a library file read-only, takes its content key and KOReader's
 * partial MD5, and reads its metadata; a plain archive read as a comic is
 * first checked to hold a page (see FileReading.notComic). Never throws. Runs in a reader process (see readers/), whose
 * deadline covers parsers that hang.
 */
export async function readLibraryFile(
  path: string,
  relPath: string,
  format: BookFormat,
  platform: FormatPlatform,
): Promise<FileReading> {
  let source;
  try {
    source = await openFileSource(path);
  } catch (error) {
    return { contentKey: null, problem: describeOpenError(error) };
  }
  try {
    if (isPlainArchive(relPath, format)) {
      const notComic = await whyNotComic(source, format as ComicFormat, platform);
      if (notComic) return { contentKey: null, notComic };
    }
    const key = await contentKey(source);
    const digest = await partialMd5(source);
    try {
      return {
        contentKey: key,
        partialMd5: digest,
        extraction: await readBook(source, format, { platform, path: relPath }),
      };
    } catch (error) {
      return { contentKey: key, partialMd5: digest, problem: toProblem(error) };
    }
  } catch (error) {
    return { contentKey: null, problem: describeOpenError(error) };
  } finally {
    await source.close();
  }
}
