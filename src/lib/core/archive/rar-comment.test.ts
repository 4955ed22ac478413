import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  corpusDir,
  corpusFiles,
  corpusPath,
  expected,
  NO_CORPUS_MESSAGE,
} from '#test-support/corpus';
import { bytesSource } from '../bytes/byte-source';
import { crc32, readRarComment, readRarHeaders } from './rar-comment';

// ── A tiny RAR 5 writer: headers only, data stored ──────────────────────────

const SIGNATURE = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00];
const text = (s: string) => [...new TextEncoder().encode(s)];

function vint(value: number): number[] {
  const out: number[] = [];
  let n = value;
  do {
    const low = n % 128;
    n = Math.floor(n / 128);
    out.push(n > 0 ? low | 0x80 : low);
  } while (n > 0);
  return out;
}

function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

function block(body: number[], data: number[] = []): number[] {
  const size = vint(body.length);
  return [...u32(crc32(new Uint8Array([...size, ...body]))), ...size, ...body, ...data];
}

/** A file (type 2) or service (type 3) header with stored data; method 0 is "store". */
function fileBlock(type: 2 | 3, name: string, data: number[], method = 0, fileFlags = 0): number[] {
  const body = [
    ...vint(type),
    ...vint(0x2),
    ...vint(data.length),
    ...vint(fileFlags),
    ...vint(data.length),
    0,
    ...vint(method << 7),
    0,
    ...vint(text(name).length),
    ...text(name),
  ];
  return block(body, data);
}

const MAIN = block([1, 0, 0]);
const END = block([5, 0, 0]);

function rar(...blocks: number[][]): Uint8Array {
  return new Uint8Array([...SIGNATURE, ...blocks.flat()]);
}

describe('readRarHeaders on built RAR 5 archives', () => {
  it('lists files and reads a stored comment', async () => {
    const bytes = rar(
      MAIN,
      fileBlock(3, 'CMT', text('{"hello": "comment"}')),
      fileBlock(2, 'pages/001.jpg', [1, 2, 3]),
      fileBlock(2, 'pages', [], 0, 0x1),
      END,
    );
    const headers = await readRarHeaders(bytesSource(bytes));
    expect(headers).toEqual({
      version: 5,
      encryptedHeaders: false,
      solid: false,
      comment: '{"hello": "comment"}',
      files: [
        {
          name: 'pages/001.jpg',
          size: 3,
          packedSize: 3,
          directory: false,
          encrypted: false,
          link: false,
        },
        { name: 'pages', size: 0, packedSize: 0, directory: true, encrypted: false, link: false },
      ],
    });
    expect(await readRarComment(bytesSource(bytes))).toBe('{"hello": "comment"}');
  });

  it('reports a compressed comment instead of reading it', async () => {
    const headers = await readRarHeaders(bytesSource(rar(MAIN, fileBlock(3, 'CMT', [9, 9], 3))));
    expect(headers?.comment).toBeUndefined();
    expect(headers?.commentUnreadable).toBe('it is compressed');
  });

  it('caps the comment it reads', async () => {
    const bytes = rar(MAIN, fileBlock(3, 'CMT', text('x'.repeat(100))));
    const headers = await readRarHeaders(bytesSource(bytes), { maxCommentBytes: 10 });
    expect(headers?.comment).toBeUndefined();
    expect(headers?.commentUnreadable).toMatch(/larger than 10 bytes/);
  });

  it('stops at encrypted headers', async () => {
    const headers = await readRarHeaders(bytesSource(rar(MAIN, block([4, 0, 0, 0]))));
    expect(headers?.encryptedHeaders).toBe(true);
  });

  it('says when a file is cut short', async () => {
    const whole = rar(MAIN, fileBlock(2, 'a.jpg', new Array<number>(100).fill(7)), END);
    const headers = await readRarHeaders(bytesSource(whole.subarray(0, whole.length - 60)));
    expect(headers?.damage?.kind).toBe('truncated');
    expect(headers?.files.map((f) => f.name)).toEqual(['a.jpg']);
  });

  it('says when a header fails its checksum', async () => {
    const bytes = rar(MAIN, fileBlock(2, 'a.jpg', [1]), END);
    const at = SIGNATURE.length + MAIN.length + 10;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    expect((await readRarHeaders(bytesSource(bytes)))?.damage?.kind).toBe('corrupt');
  });

  it('walks a bounded number of headers', async () => {
    const many = rar(MAIN, ...Array.from({ length: 20 }, (_, i) => fileBlock(2, `${i}.jpg`, [])));
    const headers = await readRarHeaders(bytesSource(many), { maxHeaders: 5 });
    expect(headers?.damage).toEqual({ kind: 'corrupt', detail: 'too many headers' });
  });

  it('is undefined for anything that is not RAR', async () => {
    expect(
      await readRarHeaders(bytesSource(new TextEncoder().encode('PK\x03\x04'))),
    ).toBeUndefined();
    expect(await readRarHeaders(bytesSource(new Uint8Array(0)))).toBeUndefined();
  });
});

describe.skipIf(!corpusDir)('readRarHeaders on the corpus', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const read = (rel: string) =>
    readRarHeaders(bytesSource(new Uint8Array(readFileSync(corpusPath(rel))), rel));

  it.each(corpusFiles('rar', '.rar'))('%s lists what 7-Zip lists', async (rel) => {
    const headers = await read(rel);
    const want = (expected()[rel]?.entries as string[] | undefined) ?? [];
    expect(headers).toBeDefined();
    if (headers?.encryptedHeaders || headers?.damage?.kind === 'corrupt') {
      expect(want).toEqual([]);
    } else {
      expect(headers?.files.map((f) => f.name).sort()).toEqual([...want].sort());
    }
  });

  it('finds encrypted headers in both RAR versions', async () => {
    expect((await read('rar/komga_rar4-encrypted.rar'))?.encryptedHeaders).toBe(true);
    expect((await read('rar/komga_rar5-encrypted.rar'))?.encryptedHeaders).toBe(true);
  });

  it('marks solid archives and links', async () => {
    expect((await read('rar/komga_rar4-solid.rar'))?.solid).toBe(true);
    expect((await read('rar/komga_rar5-solid.rar'))?.solid).toBe(true);
    const links = (await read('rar/libarchive_test_read_format_rar.rar'))?.files.filter(
      (f) => f.link,
    );
    expect(links?.map((f) => f.name)).toEqual(['testlink']);
  });

  it('reads the ComicBookInfo comment of a RAR 5 comic', async () => {
    const comment = await readRarComment(
      bytesSource(
        new Uint8Array(readFileSync(corpusPath('comics/comicbox_Captain Science #001-cbi.cbr'))),
      ),
    );
    const parsed = JSON.parse(comment ?? '{}') as Record<string, unknown>;
    expect(parsed['ComicBookInfo/1.0']).toEqual(
      expected()['comics/comicbox_Captain Science #001-cbi.cbr']?.archive_comment_ComicBookInfo,
    );
  });
});
