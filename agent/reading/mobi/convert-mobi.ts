import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BookFormatError } from '#core/errors';
import { readMobi } from '#core/formats/mobi/index';
import { contentKey } from '#core/identity/content-key';
import { withFileSource } from '../../files/file-source';
import { DRM_MESSAGE } from '../reading-error';
import type { BookContent } from './book-content';
import { ConversionError } from './conversion-error';
import { epubMetadata } from './epub-metadata';
import { writeEpub } from './epub-writer';
import { readKf8Book } from './kf8-book';
import { mobiLayout, withoutKf8Part, type MobiLayout } from './mobi-layout';
import { readMobi6Book } from './mobi6-book';
import { readPalmDocBook } from './palmdoc-book';

/** What a conversion came to: expected outcomes, not throws (they cross a process boundary). */
export type ConversionOutcome =
  | { ok: true; chapters: number; via: Reader }
  | {
      ok: false;
      problem: 'drm' | 'unreadable' | 'conversion-failed';
      message: string;
      /** The reader process failed (crashed, ran out of time), not the file: worth trying again. */
      transient?: boolean;
    };

type Reader = 'kf8' | 'mobi6' | 'palmdoc';

/** The whole file is held in memory (twice, for a joint file); a real MOBI is far smaller. */
export const MAX_MOBI_BYTES = 256 * 1024 * 1024;

/** Which readers to try, best first: a joint file's KF8 part, and its MOBI 6 part if that fails. */
const READERS: Record<MobiLayout, Reader[]> = {
  palmdoc: ['palmdoc'],
  mobi6: ['mobi6'],
  kf8: ['kf8'],
  joint: ['kf8', 'mobi6'],
};

/**
 * Converts a MOBI or AZW3 file to EPUB 3 at `outPath` (written beside it,
 * then renamed into place, so a reader never sees half a file). The parser's
 * resource files go to a folder under `workRoot`, removed afterwards. Runs in
 * a reader process: whatever a hostile file does to the parser stays there.
 */
export async function convertMobi(
  path: string,
  format: 'mobi' | 'azw3',
  outPath: string,
  workRoot: string,
): Promise<ConversionOutcome> {
  try {
    const { extraction, layout, identifier, size, name } = await withFileSource(
      path,
      async (source) => ({
        extraction: await readMobi(source, format),
        layout: await mobiLayout(source),
        identifier: `urn:colophon:${await contentKey(source)}`,
        size: source.size,
        name: source.name,
      }),
    );
    if (extraction.flags.drm) return { ok: false, problem: 'drm', message: DRM_MESSAGE };
    if (size > MAX_MOBI_BYTES)
      return failed(
        `it is ${Math.round(size / 1024 / 1024)} MB, more than the ${MAX_MOBI_BYTES / 1024 / 1024} MB Colophon converts`,
      );
    const bytes = new Uint8Array(await readFile(path));
    const { content, via } = await readContent(bytes, layout, workRoot);
    const { mtimeMs } = await stat(path);
    const epub = await writeEpub({
      metadata: epubMetadata(extraction, { fileName: name, identifier, mtimeMs }),
      ...content,
    });
    const partial = `${outPath}.${process.pid}.partial`;
    await writeFile(partial, epub);
    await rename(partial, outPath);
    return { ok: true, chapters: content.chapters.length, via };
  } catch (error) {
    if (error instanceof BookFormatError)
      return { ok: false, problem: 'unreadable', message: error.message };
    if (error instanceof ConversionError) return failed(error.message);
    throw error;
  }
}

function failed(reason: string): ConversionOutcome {
  return {
    ok: false,
    problem: 'conversion-failed',
    message: `Colophon could not convert this book for reading: ${reason}. Download it to read it in another app.`,
  };
}

/** The first reader that can make something of the file. */
async function readContent(
  bytes: Uint8Array,
  layout: MobiLayout,
  workRoot: string,
): Promise<{ content: BookContent; via: Reader }> {
  await mkdir(workRoot, { recursive: true });
  let lastError: unknown;
  for (const via of READERS[layout]) {
    const workDir = await mkdtemp(join(workRoot, 'mobi-'));
    try {
      if (via === 'palmdoc') return { content: readPalmDocBook(bytes), via };
      if (via === 'kf8') return { content: await readKf8Book(bytes, workDir), via };
      const text = layout === 'joint' ? withoutKf8Part(bytes) : bytes;
      return { content: await readMobi6Book(text, workDir), via };
    } catch (error) {
      lastError = error;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
  if (lastError instanceof ConversionError) throw lastError;
  // The parser's own errors (a TypeError deep in it) say nothing a reader can act on.
  const detail = lastError instanceof Error ? ` (${lastError.message.slice(0, 120)})` : '';
  throw new ConversionError(`its text could not be parsed${detail}`);
}
