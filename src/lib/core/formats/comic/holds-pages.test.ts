import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../bytes/byte-source';
import type { FormatPlatform } from '../platform';
import { archiveComicFormat, catalogedArchiveFormat } from '../archive-alias';
import { whyNotComic } from './holds-pages';

const NO_PLATFORM: FormatPlatform = {};
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

async function zipOf(entries: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = new ZipWriter(new Uint8ArrayWriter());
  for (const [name, body] of Object.entries(entries))
    await zip.add(
      name,
      typeof body === 'string' ? new TextReader(body) : new Uint8ArrayReader(body),
    );
  return zip.close();
}

describe('plain archives as comics', () => {
  it('reads .zip, .rar, .7z and .tar as CBZ, CBR, CB7 and CBT, and nothing else', () => {
    expect(
      ['a.zip', 'b.RAR', 'c.7z', 'd.tar', 'e.cbz', 'f.tar.gz', 'zip'].map(archiveComicFormat),
    ).toEqual(['cbz', 'cbr', 'cb7', 'cbt', undefined, undefined, undefined]);
  });

  it('takes an archive for a comic only when its comic format is cataloged', () => {
    expect(catalogedArchiveFormat('a.zip', new Set(['cbz']))).toBe('cbz');
    expect(catalogedArchiveFormat('a.zip', new Set(['cbr', 'epub']))).toBeUndefined();
  });

  it('finds a zip of images a comic, and says why a zip of text is not one', async () => {
    const comic = await zipOf({ 'p1.png': PNG, 'notes.txt': 'hello' });
    expect(await whyNotComic(bytesSource(comic, 'a.zip'), 'cbz', NO_PLATFORM)).toBeUndefined();
    const code = await zipOf({ 'main.c': 'int main(void) { return 0; }', 'README.md': '# x' });
    expect(await whyNotComic(bytesSource(code, 'b.zip'), 'cbz', NO_PLATFORM)).toMatch(
      /holds no images/,
    );
  });

  it('does not take a file that is no archive for a comic, whatever its name', async () => {
    const text = new TextEncoder().encode('not an archive at all');
    expect(await whyNotComic(bytesSource(text, 'c.zip'), 'cbz', NO_PLATFORM)).toMatch(
      /could not be opened as an archive/,
    );
  });
});
