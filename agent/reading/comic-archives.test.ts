import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '#test-support/temp';
import type { FormatPlatform } from '#core/formats/platform';
import type { BookFile } from './book-file';
import { ComicArchives } from './comic-archives';

/** CBZs (read by zip.js in the core: no archive platform needed). */
describe('ComicArchives', () => {
  const dir = tempDir('comic-archives');
  const files: BookFile[] = [];

  const fileAt = (name: string): BookFile => {
    const path = join(dir.path, name);
    const { size, mtimeMs } = statSync(path);
    return { bookId: name, format: 'cbz', path, name, size, mtimeMs };
  };
  const pageCount = (archives: ComicArchives, file: BookFile) =>
    archives.use(file, async (comic) => comic.pages.length);

  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      const zip = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
      await zip.add(`${i}.png`, new Uint8ArrayReader(new Uint8Array([0x89, 0x50, 0x4e, 0x47])));
      writeFileSync(join(dir.path, `${i}.cbz`), await zip.close());
      files.push(fileAt(`${i}.cbz`));
    }
    writeFileSync(join(dir.path, 'garbage.cbz'), 'not an archive at all');
  });
  afterAll(() => dir.remove());

  it('keeps the most recently read archives open, and closes the oldest past its limit', async () => {
    const archives = new ComicArchives({}, { maxOpen: 4 });
    for (const file of files) expect(await pageCount(archives, file)).toBe(1);
    expect(archives.size).toBe(4);
    expect(archives.opened).toBe(5);
    await pageCount(archives, files[4] as BookFile);
    expect(archives.opened).toBe(5);
    await pageCount(archives, files[0] as BookFile);
    expect(archives.opened).toBe(6);
    await archives.close();
    expect(archives.size).toBe(0);
  });

  it('keeps within what the archives may hold in memory, but always the one read last', async () => {
    // "tar" archives (gzip's magic) of 100 bytes, opened by a stand-in for libarchive.
    const tars = [0, 1, 2].map((i) => {
      writeFileSync(
        join(dir.path, `${i}.cbt`),
        new Uint8Array(100).fill(0x1f, 0, 1).fill(0x8b, 1, 2),
      );
      return { ...fileAt(`${i}.cbt`), format: 'cbt' as const };
    });
    const closed: string[] = [];
    const platform: FormatPlatform = {
      openArchive: async (source) => ({
        entries: [
          {
            name: '1.png',
            size: 4,
            compressedSize: 4,
            directory: false,
            encrypted: false,
            unsafe: false,
          },
        ],
        find: () => undefined,
        read: async () => new Uint8Array(4),
        readText: async () => '',
        close: async () => void closed.push(source.name),
      }),
    };
    const twoFit = new ComicArchives(platform, { maxHeldBytes: 250 });
    for (const tar of tars) await pageCount(twoFit, tar);
    await vi.waitFor(() => expect(closed).toEqual(['0.cbt']));
    expect(twoFit.size).toBe(2);
    await twoFit.close();

    const noneFits = new ComicArchives(platform, { maxHeldBytes: 50 });
    for (const tar of tars) await pageCount(noneFits, tar);
    expect(noneFits.size).toBe(1);
    expect(await pageCount(noneFits, tars[2] as BookFile)).toBe(1);
    expect(noneFits.opened).toBe(3);
    await noneFits.close();
  });

  it('never closes an archive while a page is being read from it', async () => {
    const archives = new ComicArchives({}, { maxOpen: 1 });
    let finish!: () => void;
    const reading = archives.use(files[0] as BookFile, async (comic) => {
      await new Promise<void>((resolve) => (finish = resolve));
      // Still readable though newer archives pushed it out of the cache meanwhile.
      return comic.archive.read('0.png', 100);
    });
    await vi.waitFor(() => expect(finish).toBeDefined());
    await pageCount(archives, files[1] as BookFile);
    await pageCount(archives, files[2] as BookFile);
    finish();
    expect((await reading).byteLength).toBe(4);
    expect(archives.size).toBe(1);
    await archives.close();
  });

  it('closes an archive nobody reads', async () => {
    const archives = new ComicArchives({}, { idleMs: 1 });
    await pageCount(archives, files[0] as BookFile);
    await vi.waitFor(() => expect(archives.size).toBe(0));
  });

  it('does not keep an archive that failed to open', async () => {
    const archives = new ComicArchives({});
    await expect(pageCount(archives, fileAt('garbage.cbz'))).rejects.toThrow(/not a comic archive/);
    expect(archives.size).toBe(0);
  });
});
