import type { FormatPlatform } from '#core/formats/platform';
import type { BookFormat, CoverRef } from '#core/formats/types';
import { makeCover, type CoverResult } from '../covers/make-cover';
import { readLocalFile, type FileReading } from './read-local-file';

/**
 * What a reader worker does, as a class comlink exposes: read one file's
 * metadata, or make one cover. The platform (pdf.js, libarchive) is lent by
 * the worker shell, so tests can pass another.
 */
export class ReaderService {
  constructor(private readonly platform: FormatPlatform) {}

  read(file: Blob, relPath: string, format: BookFormat): Promise<FileReading> {
    return readLocalFile(file, relPath, format, this.platform);
  }

  cover(file: Blob, relPath: string, format: BookFormat, ref: CoverRef): Promise<CoverResult> {
    return makeCover(file, relPath, format, ref, this.platform);
  }
}
