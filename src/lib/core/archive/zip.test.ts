import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { corpusDir, NO_CORPUS_MESSAGE, readCorpusSource } from '#test-support/corpus';
import { bytesSource, type ByteSource } from '../bytes/byte-source';
import { BookFormatError, type ProblemCode } from '../errors';
import { isUnsafeEntryName } from './archive';
import { CappedWriter, openZip } from './zip';

const MiB = 1024 * 1024;

interface ZipOptions {
  password?: string;
  level?: number;
}

async function makeZip(
  files: Record<string, string | Uint8Array>,
  options: ZipOptions = {},
): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, ...options });
  for (const [name, content] of Object.entries(files)) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    if (name.endsWith('/')) await writer.add(name, undefined, { directory: true });
    else await writer.add(name, new Uint8ArrayReader(bytes));
  }
  return writer.close();
}

/** A source that counts what is read, to prove the reader never reads it all. */
function countingSource(bytes: Uint8Array): ByteSource & { bytesRead: () => number } {
  const inner = bytesSource(bytes, 'counted.zip');
  let total = 0;
  return {
    size: inner.size,
    name: inner.name,
    async read(offset, length) {
      const chunk = await inner.read(offset, length);
      total += chunk.byteLength;
      return chunk;
    },
    bytesRead: () => total,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<ProblemCode | 'no error'> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(BookFormatError);
    return (error as BookFormatError).code;
  }
}

describe('openZip', () => {
  it('lists entries with sizes and flags', async () => {
    const zip = await openZip(
      bytesSource(await makeZip({ 'a.txt': 'hello', 'dir/': '', 'dir/b.txt': 'x'.repeat(1000) })),
    );
    expect(zip.entries).toEqual([
      {
        name: 'a.txt',
        size: 5,
        compressedSize: expect.any(Number),
        directory: false,
        encrypted: false,
        unsafe: false,
      },
      {
        name: 'dir/',
        size: 0,
        compressedSize: 0,
        directory: true,
        encrypted: false,
        unsafe: false,
      },
      {
        name: 'dir/b.txt',
        size: 1000,
        compressedSize: expect.any(Number),
        directory: false,
        encrypted: false,
        unsafe: false,
      },
    ]);
    await zip.close();
  });

  it('reads entries as bytes and as text, BOM removed', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0xe9, 0x00]);
    const zip = await openZip(
      bytesSource(
        await makeZip({
          'a.txt': '\uFEFFcafé',
          'b.bin': new Uint8Array([1, 2, 3]),
          'c.txt': utf16,
        }),
      ),
    );
    expect(await zip.readText('a.txt', 100)).toBe('café');
    expect(await zip.read('b.bin', 100)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await zip.readText('c.txt', 100)).toBe('hé');
  });

  it('finds names exactly first, then ignoring case', async () => {
    const zip = await openZip(
      bytesSource(await makeZip({ 'OEBPS/Cover.JPG': 'a', 'oebps/cover.jpg': 'b' })),
    );
    expect(zip.find('oebps/cover.jpg')?.name).toBe('oebps/cover.jpg');
    expect(zip.find('OEBPS/COVER.jpg')?.name).toBe('OEBPS/Cover.JPG');
    expect(zip.find('missing')).toBeUndefined();
    expect(await zip.readText('oebps/COVER.JPG', 10)).toBe('a');
    expect(await codeOf(zip.read('missing', 10))).toBe('missing-entry');
  });

  it('refuses an entry whose declared size is over the cap, without inflating it', async () => {
    const bytes = await makeZip({ 'big.bin': new Uint8Array(4 * MiB), 'small.txt': 'ok' });
    const source = countingSource(bytes);
    const zip = await openZip(source);
    const before = source.bytesRead();
    expect(await codeOf(zip.read('big.bin', MiB))).toBe('entry-too-large');
    expect(source.bytesRead()).toBe(before);
    expect(await zip.readText('small.txt', MiB)).toBe('ok');
  });

  it('reads the central directory and the entry asked for, not the whole file', async () => {
    const noise = new Uint8Array(2 * MiB).map((_, i) => (i * 7919) % 251);
    const bytes = await makeZip({ 'noise.bin': noise, 'meta.xml': '<a/>' }, { level: 0 });
    const source = countingSource(bytes);
    const zip = await openZip(source);
    expect(await zip.readText('meta.xml', 100)).toBe('<a/>');
    expect(source.bytesRead()).toBeLessThan(bytes.byteLength / 10);
  });

  it('flags encrypted entries and refuses to read them', async () => {
    const zip = await openZip(
      bytesSource(await makeZip({ 'secret.txt': 'psst' }, { password: 'pw' })),
    );
    expect(zip.entries[0]?.encrypted).toBe(true);
    expect(await codeOf(zip.read('secret.txt', 100))).toBe('encrypted-archive');
  });

  const broken: [string, () => Promise<Uint8Array>, ProblemCode][] = [
    ['an empty file', async () => new Uint8Array(0), 'empty-file'],
    [
      'bytes that are not a zip',
      async () => new TextEncoder().encode('just some text'.repeat(20)),
      'not-an-archive',
    ],
    [
      'a zip cut short (no central directory)',
      async () =>
        (await makeZip({ 'a.txt': 'a'.repeat(5000), 'b.txt': 'b' }, { level: 0 })).slice(0, 3000),
      'truncated',
    ],
  ];
  it.each(broken)('rejects %s', async (_, bytes, code) => {
    expect(await codeOf(openZip(bytesSource(await bytes())))).toBe(code);
  });
});

describe('CappedWriter', () => {
  it('stops inflating as soon as the output passes the cap', async () => {
    const bytes = await makeZip({ 'zeros.bin': new Uint8Array(8 * MiB) });
    const [entry] = await new ZipReader(new Uint8ArrayReader(bytes)).getEntries();
    if (!entry || entry.directory) throw new Error('expected a file entry');
    const writer = new CappedWriter(MiB);
    await expect(entry.getData(writer, { useWebWorkers: false })).rejects.toThrow();
    expect(writer.overflowed).toBe(true);
  });

  it('passes output within the cap through unchanged', async () => {
    const writer = new CappedWriter(10);
    await writer.writeUint8Array(new Uint8Array([1, 2]));
    await writer.writeUint8Array(new Uint8Array([3]));
    expect(await writer.getData()).toEqual(new Uint8Array([1, 2, 3]));
    await expect(writer.writeUint8Array(new Uint8Array(8))).rejects.toMatchObject({
      code: 'entry-too-large',
    });
  });
});

describe('isUnsafeEntryName', () => {
  const cases: [string, boolean][] = [
    ['OEBPS/content.opf', false],
    ['a..b/c..txt', false],
    ['../evil.txt', true],
    ['sub/../../evil_mid.txt', true],
    ['/abs_evil.txt', true],
    ['..\\..\\evil_backslash.txt', true],
    ['C:/windows.txt', true],
  ];
  it.each(cases)('%s → %s', (name, unsafe) => {
    expect(isUnsafeEntryName(name)).toBe(unsafe);
  });
});

describe.skipIf(!corpusDir)('openZip on the corpus', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);

  it('refuses the 1 GiB bomb entry without inflating a byte of it', async () => {
    const file = await readCorpusSource('bad/zip_bomb_1GiB_zeros.cbz');
    const source = countingSource(await file.read(0, file.size));
    const zip = await openZip(source);
    const bomb = zip.find('page001.jpg');
    expect(bomb?.size).toBe(1024 * MiB);
    // Refused by its declared size: not slow under load, and no work a timer would have to catch.
    const before = source.bytesRead();
    expect(await codeOf(zip.read('page001.jpg', 64 * MiB))).toBe('entry-too-large');
    expect(source.bytesRead()).toBe(before);
    expect(await zip.readText('ComicInfo.xml', MiB)).toContain('Bomb');
  });

  it(
    'stops inflating the bomb at the cap even when the size check is bypassed',
    { timeout: 10_000 },
    async () => {
      const source = await readCorpusSource('bad/zip_bomb_1GiB_zeros.cbz');
      const bytes = await source.read(0, source.size);
      const entries = await new ZipReader(new Uint8ArrayReader(bytes)).getEntries();
      const bomb = entries.find((e) => e.filename === 'page001.jpg');
      if (!bomb || bomb.directory) throw new Error('expected the bomb entry');
      const writer = new CappedWriter(8 * MiB);
      await expect(bomb.getData(writer, { useWebWorkers: false })).rejects.toThrow();
      expect(writer.overflowed).toBe(true);
    },
  );

  it('lists traversal names but flags them unsafe', { timeout: 5000 }, async () => {
    const zip = await openZip(await readCorpusSource('bad/zip_path_traversal.cbz'));
    const unsafe = zip.entries.filter((e) => e.unsafe).map((e) => e.name);
    expect(unsafe).toEqual([
      '../evil.txt',
      '../../../../../../outside/evil2.txt',
      '/abs_evil.txt',
      '..\\..\\evil_backslash.txt',
      'sub/../../evil_mid.txt',
    ]);
    expect(zip.find('ComicInfo.xml')?.unsafe).toBe(false);
  });

  const rejected: [string, ProblemCode][] = [
    ['bad/empty_zero_bytes.epub', 'empty-file'],
    ['bad/random_garbage.cbz', 'not-an-archive'],
    ['bad/truncated_captain-science-001.cbz', 'truncated'],
    ['bad/truncated_the-time-machine.epub', 'truncated'],
  ];
  it.each(rejected)('%s → %s', { timeout: 5000 }, async (rel, code) => {
    expect(await codeOf(openZip(await readCorpusSource(rel)))).toBe(code);
  });

  it('flags the encrypted zip and refuses its entry', { timeout: 5000 }, async () => {
    const zip = await openZip(await readCorpusSource('archives/komga_zip-encrypted.zip'));
    const [entry] = zip.entries;
    expect(entry?.encrypted).toBe(true);
    expect(await codeOf(zip.read(entry?.name ?? '', MiB))).toBe('encrypted-archive');
  });
});
