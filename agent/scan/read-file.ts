import { toProblem } from '#core/errors';
import { readBook } from '#core/formats/read-book';
import type { FormatPlatform } from '#core/formats/platform';
import type { BookFormat, Extraction } from '#core/formats/types';
import { contentKey } from '#core/identity/content-key';
import { openFileSource } from '../files/file-source';

/** What reading one library file gave: its identity, and its metadata or why there is none. */
export interface FileReading {
  contentKey: string | null;
  extraction?: Extraction;
  problem?: { code: string; message: string };
}

/** No parser should take this long; one that does is given up on, and the scan goes on. */
const READ_TIMEOUT_MS = 60_000;

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

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`Reading took longer than ${ms / 1000} s and was abandoned.`), {
            code: 'timeout',
          }),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens a library file read-only, takes its content key and reads its metadata. Never throws. */
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
    const key = await contentKey(source);
    try {
      const extraction = await withTimeout(
        readBook(source, format, { platform, path: relPath }),
        READ_TIMEOUT_MS,
      );
      return { contentKey: key, extraction };
    } catch (error) {
      const timedOut = (error as { code?: string }).code === 'timeout';
      return {
        contentKey: key,
        problem: timedOut
          ? { code: 'timeout', message: (error as Error).message }
          : toProblem(error),
      };
    }
  } catch (error) {
    return { contentKey: null, problem: describeOpenError(error) };
  } finally {
    await source.close();
  }
}
