import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BookFile } from './book-file';
import type { ConversionOutcome } from './mobi/convert-mobi';
import { ReadingError } from './reading-error';

/** Runs one conversion (in a reader process, see ReaderPool.convertMobi). */
export type ConvertMobi = (
  path: string,
  format: 'mobi' | 'azw3',
  outPath: string,
  workRoot: string,
) => Promise<ConversionOutcome>;

/** Refusals remembered per file version, so a DRM book is not handed to a reader at every request. */
const MAX_REMEMBERED_FAILURES = 200;

/**
 * MOBI and AZW3 books as EPUB, converted once and kept in
 * `<dataDir>/converted/<book>-<size>-<mtime>.epub` while the file is
 * unchanged (a changed file is converted again, and its older EPUB
 * removed). Requests for a book whose conversion is under way wait for that
 * one. A refusal (DRM, a file the converter cannot read) is remembered for
 * the same version of the file.
 */
export class ConvertedEpubs {
  private readonly running = new Map<string, Promise<string>>();
  private readonly failures = new Map<string, ReadingError>();
  private readonly workRoot: string;
  private ready?: Promise<void>;
  /** How many conversions were started (for tests and measurements). */
  conversions = 0;

  constructor(
    readonly dir: string,
    private readonly convert: ConvertMobi,
  ) {
    this.workRoot = join(dir, 'work');
  }

  /** The converted EPUB's path, converting the book first when there is none for this version. */
  async epubOf(file: BookFile): Promise<string> {
    const name = fileNameOf(file);
    const path = join(this.dir, name);
    if (existsSync(path)) return path;
    const failure = this.failures.get(name);
    if (failure) throw failure;
    let conversion = this.running.get(name);
    if (!conversion) {
      conversion = this.run(file, name, path).finally(() => this.running.delete(name));
      this.running.set(name, conversion);
    }
    return conversion;
  }

  private async run(file: BookFile, name: string, path: string): Promise<string> {
    this.ready ??= this.clearLeftovers();
    await this.ready;
    this.conversions++;
    const outcome = await this.convert(file.path, mobiFormat(file), path, this.workRoot);
    if (outcome.ok) {
      await this.removeOlderVersions(file, name);
      return path;
    }
    const error = new ReadingError(outcome.problem, outcome.message);
    // A reader that crashed or ran out of time may do better next time; the file will not.
    if (!outcome.transient) {
      if (this.failures.size >= MAX_REMEMBERED_FAILURES) this.failures.clear();
      this.failures.set(name, error);
    }
    throw error;
  }

  /** Work folders and half-written EPUBs a crash left behind go before the first conversion. */
  private async clearLeftovers(): Promise<void> {
    await rm(this.workRoot, { recursive: true, force: true });
    await mkdir(this.workRoot, { recursive: true });
    const names = await readdir(this.dir);
    await Promise.all(
      names
        .filter((n) => n.endsWith('.partial'))
        .map((n) => rm(join(this.dir, n), { force: true })),
    );
  }

  /** EPUBs of this book's earlier versions. */
  private async removeOlderVersions(file: BookFile, keep: string): Promise<void> {
    const prefix = `${safe(file.bookId)}-`;
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((n) => n.startsWith(prefix) && n.endsWith('.epub') && n !== keep)
        .filter((n) => !this.running.has(n))
        .map((n) => rm(join(this.dir, n), { force: true })),
    );
  }
}

/** Ids are the agent's own ([0-9a-z]), but a file name is no place to trust that. */
const safe = (text: string): string => text.replace(/[^A-Za-z0-9_-]/g, '_');

function fileNameOf(file: BookFile): string {
  return `${safe(file.bookId)}-${file.size}-${Math.trunc(file.mtimeMs)}.epub`;
}

function mobiFormat(file: BookFile): 'mobi' | 'azw3' {
  return file.format === 'azw3' ? 'azw3' : 'mobi';
}
