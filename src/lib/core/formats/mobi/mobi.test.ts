import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes as concat } from '#test-support/bytes';
import { seededRandom } from '#test-support/seeded-random';
import { bytesSource, type ByteSource } from '../../bytes/byte-source';
import { BookFormatError, type ProblemCode } from '../../errors';
import { ORIGIN_CONFIDENCE } from '../../metadata/confidence';
import type { BookMetadata, FieldCandidate } from '../../metadata/types';
import type { Extraction } from '../types';
import { sniffImageType } from '../../images/image-type';
import { readMobi, readMobiCover } from './index';
import { languageTag } from './mobi-header';

// ── A tiny MOBI builder ─────────────────────────────────────────────────────

type Encoding = 1252 | 65001;
type ExthEntry = [type: number, value: string | number | Uint8Array];

// Enough of Windows-1252 for the tests: Latin-1 plus the punctuation in 0x80–0x9F.
const CP1252_EXTRA: Record<string, number> = {
  '€': 0x80,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '—': 0x97,
};

function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding === 65001) return new TextEncoder().encode(text);
  return Uint8Array.from([...text], (c) => CP1252_EXTRA[c] ?? c.charCodeAt(0));
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

function exthBlock(entries: ExthEntry[], encoding: Encoding): Uint8Array {
  const records = entries.map(([type, value]) => {
    const data =
      typeof value === 'number'
        ? u32(value)
        : typeof value === 'string'
          ? encode(value, encoding)
          : value;
    return concat(u32(type), u32(data.byteLength + 8), data);
  });
  const body = concat(...records);
  return concat(
    new TextEncoder().encode('EXTH'),
    u32(body.byteLength + 12),
    u32(entries.length),
    body,
  );
}

interface Record0Options {
  encoding?: Encoding;
  encryption?: number;
  version?: number;
  fullName?: string;
  locale?: number;
  firstImage?: number;
  exth?: ExthEntry[];
  /** Raw bytes in place of the EXTH block the builder would write. */
  rawExth?: Uint8Array;
  headerLength?: number;
  /** Overrides written last, to damage a header: [offset in the record, u32 value]. */
  patch?: [number, number][];
}

function record0(options: Record0Options = {}): Uint8Array {
  const { encoding = 65001, headerLength = 232, version = 6 } = options;
  const exth = options.rawExth ?? (options.exth ? exthBlock(options.exth, encoding) : undefined);
  const name = encode(options.fullName ?? '', encoding);
  const head = new Uint8Array(16 + headerLength);
  const view = new DataView(head.buffer);
  const set = (at: number, value: number) => {
    if (at + 4 <= head.byteLength) view.setUint32(at, value);
  };
  view.setUint16(0, 2);
  view.setUint16(12, options.encryption ?? 0);
  head.set(new TextEncoder().encode('MOBI'), 16);
  set(20, headerLength);
  set(24, 2);
  set(28, encoding);
  set(36, version);
  set(84, head.byteLength + (exth?.byteLength ?? 0));
  set(88, name.byteLength);
  set(92, options.locale ?? 0);
  set(108, options.firstImage ?? 0xffffffff);
  set(128, exth ? 0x50 : 0x10);
  const record = concat(head, exth ?? new Uint8Array(0), name, new Uint8Array(2));
  const patched = new DataView(record.buffer);
  for (const [at, value] of options.patch ?? []) patched.setUint32(at, value);
  return record;
}

interface DbOptions {
  name?: string;
  type?: string;
  /** Rewrites the record offsets before they are written. */
  offsets?: (offsets: number[]) => number[];
}

function palmDb(records: Uint8Array[], options: DbOptions = {}): Uint8Array {
  const header = new Uint8Array(78);
  const view = new DataView(header.buffer);
  header.set(encode(options.name ?? 'Test_Book', 1252).subarray(0, 31));
  header.set(new TextEncoder().encode(options.type ?? 'BOOKMOBI'), 60);
  view.setUint16(76, records.length);
  let at = 78 + records.length * 8 + 2;
  const offsets = records.map((record) => {
    const offset = at;
    at += record.byteLength;
    return offset;
  });
  const table = concat(
    ...(options.offsets?.(offsets) ?? offsets).map((o) => concat(u32(o), u32(0))),
  );
  return concat(header, table, new Uint8Array(2), ...records);
}

const TEXT = new TextEncoder().encode('<html><body>Hello</body></html>');
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const GIF = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
const BMP = Uint8Array.from([
  0x42, 0x4d, 22, 0, 0, 0, 0, 0, 0, 0, 14, 0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0,
]);

/** A book: record 0, one text record, then images (the first image is record 2). */
function book(options: Record0Options = {}, images: Uint8Array[] = [], db: DbOptions = {}) {
  const firstImage = images.length > 0 ? 2 : undefined;
  return palmDb([record0({ firstImage, ...options }), TEXT, ...images], db);
}

function source(bytes: Uint8Array): ByteSource {
  return bytesSource(bytes, 'test.mobi');
}

async function read(bytes: Uint8Array): Promise<Extraction> {
  return readMobi(source(bytes), 'mobi');
}

function metadataOf(extraction: Extraction): BookMetadata {
  return Object.fromEntries(extraction.candidates.map((c) => [c.field, c.value])) as BookMetadata;
}

function candidateFor(extraction: Extraction, field: FieldCandidate['field']) {
  return extraction.candidates.find((c) => c.field === field);
}

async function outcome(promise: Promise<Extraction>): Promise<Extraction | ProblemCode> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof BookFormatError) return error.code;
    throw error;
  }
}

// ── Tests ───────────────────────────────────────────────────────────────────

describe('readMobi: text', () => {
  it.each([1252, 65001] as const)('decodes encoding %s', async (encoding) => {
    const x = await read(
      book({
        encoding,
        fullName: '“Café” — €5’s worth',
        exth: [
          [100, 'Émile Zola'],
          [101, 'Éditions Ñ\0\0'],
          [103, '<p>Déjà vu</p>'],
        ],
      }),
    );
    expect(metadataOf(x)).toEqual({
      title: '“Café” — €5’s worth',
      authors: [{ name: 'Émile Zola', roles: ['aut'] }],
      publisher: 'Éditions Ñ',
      description: '<p>Déjà vu</p>',
    });
    expect(x.warnings).toEqual([]);
  });

  it('reads an unknown codepage as Windows-1252, with a warning', async () => {
    const x = await read(book({ encoding: 1252, fullName: 'Caf\u00e9', patch: [[28, 932]] }));
    expect(metadataOf(x).title).toBe('Café');
    expect(x.warnings).toEqual(['Unknown text encoding 932; read as Windows-1252.']);
  });
});

describe('readMobi: fields and origins', () => {
  const exth = ORIGIN_CONFIDENCE['embedded:exth'];
  const header = ORIGIN_CONFIDENCE['embedded:mobi-header'];
  it.each([
    [
      'EXTH 503',
      { fullName: 'Full', exth: [[503, 'Updated']] as ExthEntry[] },
      'Updated',
      'embedded:exth',
      exth,
    ],
    ['the full name', { fullName: 'Full' }, 'Full', 'embedded:mobi-header', header],
    ['the PalmDB name', {}, 'Test_Book', 'embedded:mobi-header', header - 0.2],
  ])('takes the title from %s', async (_, options, title, origin, confidence) => {
    const x = await read(book(options));
    expect(x.candidates.filter((c) => c.field === 'title')).toEqual([
      { field: 'title', value: title, origin, confidence },
    ]);
  });

  it.each([
    [
      'one record per author',
      [
        [100, 'Joseph Conrad'],
        [100, 'Ford Madox Ford'],
      ],
      ['Joseph Conrad', 'Ford Madox Ford'],
    ],
    [
      '"A & B" in one record',
      [[100, 'Joseph Conrad & Ford Madox Ford']],
      ['Joseph Conrad', 'Ford Madox Ford'],
    ],
    ['calibre\'s "Unknown"', [[100, 'Unknown']], undefined],
    ['"Smith, Jr." as written', [[100, 'Smith, Jr.']], ['Smith, Jr.']],
  ] as [string, ExthEntry[], string[] | undefined][])(
    'reads authors: %s',
    async (_, entries, names) => {
      const x = await read(book({ exth: entries }));
      expect(metadataOf(x).authors?.map((a) => a.name)).toEqual(names);
    },
  );

  it('turns "Last, First" around and keeps it to sort by', async () => {
    const x = await read(book({ exth: [[100, 'Doyle, Arthur Conan']] }));
    expect(metadataOf(x).authors).toEqual([
      { name: 'Arthur Conan Doyle', sortName: 'Doyle, Arthur Conan', roles: ['aut'] },
    ]);
  });

  it.each([
    [
      'a hyphenated ISBN-13',
      [[104, '978-0-306-40615-7']],
      [{ scheme: 'isbn', value: '9780306406157' }],
    ],
    ['an ISBN-10 with X', [[104, '0-8044-2957-X']], [{ scheme: 'isbn', value: '080442957X' }]],
    ['an ISBN with a bad check digit', [[104, '9780306406158']], undefined],
    ['an ASIN', [[113, 'B00ABCDEFG']], [{ scheme: 'asin', value: 'B00ABCDEFG' }]],
    [
      "calibre's UUID in 113, as an ASIN like calibre",
      [[113, '9afa3b11-419d-4520-b708-7106b1f6550c']],
      [{ scheme: 'asin', value: '9afa3b11-419d-4520-b708-7106b1f6550c' }],
    ],
  ] as [string, ExthEntry[], unknown][])(
    'reads identifiers: %s',
    async (_, entries, identifiers) => {
      expect(metadataOf(await read(book({ exth: entries }))).identifiers).toEqual(identifiers);
    },
  );

  it.each([
    ['2018-08-07', '2018-08-07'],
    ['2021-06-08T00:42:22+00:00', '2021-06-08T00:42:22+00:00'],
    ['0101-01-01T00:00:00+00:00', undefined],
    ['some day', undefined],
  ])('reads the date %j as %j', async (date, published) => {
    expect(metadataOf(await read(book({ exth: [[106, date]] }))).published).toBe(published);
  });

  it('splits ";"-joined subjects and drops repeats', async () => {
    const x = await read(
      book({
        exth: [
          [105, 'Fiction; Sea'],
          [105, 'Sea'],
          [105, ' ; Whales'],
        ],
      }),
    );
    expect(metadataOf(x).subjects).toEqual(['Fiction', 'Sea', 'Whales']);
  });

  it.each([
    ['EXTH 524', { exth: [[524, 'fr']] as ExthEntry[], locale: 0x409 }, ['fr'], 'embedded:exth'],
    ['an en-US locale', { locale: 0x409 }, ['en-US'], 'embedded:mobi-header'],
    ['a French locale', { locale: 0x0c }, ['fr'], 'embedded:mobi-header'],
    ['no locale', { locale: 0 }, undefined, undefined],
  ])('reads the language from %s', async (_, options, languages, origin) => {
    const x = await read(book(options));
    expect(candidateFor(x, 'languages')?.value).toEqual(languages);
    expect(candidateFor(x, 'languages')?.origin).toBe(origin);
  });

  it.each([
    [0x09, 'en'],
    [0x809, 'en-GB'],
    [0x416, 'pt-BR'],
    [0x57, 'kok'],
    [0x64, 'fil'],
    [0x65, undefined],
  ])('maps locale %i to %j', (locale, tag) => {
    expect(languageTag(locale)).toBe(tag);
  });
});

describe('readMobi: DRM', () => {
  it.each([
    ['Mobipocket DRM', 2, { drm: true }],
    ['no encryption', 0, {}],
  ])('flags %s and still reads the EXTH', async (_, encryption, flags) => {
    const x = await read(book({ encryption, exth: [[503, 'Locked']] }));
    expect(x.flags).toEqual(flags);
    expect(metadataOf(x).title).toBe('Locked');
  });

  it('catalogs an old-DRM PalmDOC book by its PalmDB name', async () => {
    const palmDoc = new Uint8Array(65);
    new DataView(palmDoc.buffer).setUint16(12, 1);
    const x = await read(palmDb([palmDoc, TEXT], { name: 'A Locked Book', type: 'TEXtREAd' }));
    expect(x.flags).toEqual({ drm: true });
    expect(metadataOf(x)).toEqual({ title: 'A Locked Book' });
    expect(x.warnings).toEqual([]);
  });
});

describe('readMobi: covers', () => {
  const NONE = 0xffffffff;
  it.each([
    ['EXTH 201', [[201, 1]], 3, []],
    [
      'EXTH 202 when 201 is null',
      [
        [201, NONE],
        [202, 0],
      ],
      2,
      [],
    ],
    [
      'EXTH 202 when 201 is not an image',
      [
        [201, 5],
        [202, 1],
      ],
      3,
      [],
    ],
    ['nothing when none is named', [], undefined, []],
    [
      'nothing when 201 points past the records',
      [[201, 40]],
      undefined,
      ['The cover the book names (record 42) is not an image.'],
    ],
  ] as [string, ExthEntry[], number | undefined, string[]][])(
    'takes %s',
    async (_, entries, index, warnings) => {
      const x = await read(book({ exth: entries }, [PNG, JPEG, TEXT, TEXT, TEXT, TEXT]));
      expect(x.cover).toEqual(index === undefined ? undefined : { kind: 'record', index });
      expect(x.warnings).toEqual(warnings);
    },
  );

  it('warns when a cover is named but there are no images', async () => {
    const x = await read(book({ exth: [[201, 0]] }));
    expect(x.cover).toBeUndefined();
    expect(x.warnings).toEqual([
      'The book names a cover but has no image records; it was ignored.',
    ]);
  });

  const IMAGES: [string, Uint8Array, string | undefined][] = [
    ['JPEG', JPEG, 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['GIF', GIF, 'image/gif'],
    ['BMP', BMP, 'image/bmp'],
    [
      'text starting with "BM"',
      new TextEncoder().encode('BMW motorcycles and their riders'),
      undefined,
    ],
    ['HTML', TEXT, undefined],
  ];
  it.each(IMAGES)('readMobiCover gives a %s record as %j', async (_, image, mediaType) => {
    const bytes = book({}, [image]);
    const cover = await readMobiCover(source(bytes), { kind: 'record', index: 2 });
    expect(cover).toEqual(mediaType ? { bytes: image, mediaType } : undefined);
    expect(sniffImageType(image)).toBe(mediaType);
  });

  it.each([
    ['a record the book does not have', { kind: 'record', index: 9 }],
    ['an entry reference', { kind: 'entry', path: 'cover.jpg' }],
  ] as const)('readMobiCover gives nothing for %s', async (_, ref) => {
    expect(await readMobiCover(source(book({}, [JPEG])), ref)).toBeUndefined();
  });

  it('refuses a cover record too big to be one', async () => {
    const huge = new Uint8Array(11 * 1024 * 1024);
    huge.set(JPEG);
    const read = readMobiCover(source(book({}, [huge])), { kind: 'record', index: 2 });
    await expect(read).rejects.toMatchObject({ code: 'entry-too-large' });
  });
});

describe('readMobi: joint MOBI 6 + KF8 files', () => {
  const BOUNDARY = new TextEncoder().encode('BOUNDARY');
  /** 0 KF7 header, 1 text, 2 image, 3 BOUNDARY, 4 KF8 header, 5 text. */
  function joint(kf7: ExthEntry[], kf8: ExthEntry[], boundary = 4): Uint8Array {
    return palmDb([
      record0({ fullName: 'Old full', firstImage: 2, exth: [...kf7, [121, boundary]] }),
      TEXT,
      JPEG,
      BOUNDARY,
      record0({ fullName: 'New full', version: 8, firstImage: 7, exth: kf8 }),
      TEXT,
    ]);
  }

  it('prefers the KF8 EXTH field by field and counts images from record 0', async () => {
    const x = await read(
      joint(
        [
          [503, 'Old'],
          [100, 'Only In KF7'],
          [201, 0],
        ],
        [
          [503, 'New'],
          [524, 'de'],
          [201, 0],
        ],
      ),
    );
    expect(metadataOf(x)).toEqual({
      title: 'New',
      authors: [{ name: 'Only In KF7', roles: ['aut'] }],
      languages: ['de'],
    });
    expect(x.cover).toEqual({ kind: 'record', index: 2 });
    expect(x.warnings).toEqual([]);
  });

  it('takes the KF8 full name when neither EXTH has a title', async () => {
    expect(metadataOf(await read(joint([], []))).title).toBe('New full');
  });

  it.each([
    ['a record that is not after a BOUNDARY', 5],
    ['a record past the end', 77],
    ['record 0', 0],
  ])('falls back to the MOBI 6 header when 121 names %s', async (_, boundary) => {
    const x = await read(joint([[503, 'Old']], [[503, 'New']], boundary));
    expect(metadataOf(x).title).toBe('Old');
    expect(x.warnings).toEqual([
      `The book points at a KF8 part (record ${boundary}) that is not there; its MOBI 6 metadata was used.`,
    ]);
  });
});

describe('readMobi: damaged headers', () => {
  it('keeps the EXTH records before one that runs past the block', async () => {
    const good = exthBlock(
      [
        [503, 'Kept'],
        [100, 'Lost'],
      ],
      65001,
    );
    // The second record's length field: after the block header and the 12-byte first record.
    new DataView(good.buffer).setUint32(12 + 12 + 4, 5000);
    const x = await read(book({ rawExth: good }));
    expect(metadataOf(x)).toEqual({ title: 'Kept' });
    expect(x.warnings).toEqual([
      'EXTH record 100 claims 5000 bytes, more than the block holds; it and any after it were ignored.',
    ]);
  });

  it('stops at a record with an impossible length', async () => {
    const block = exthBlock(
      [
        [503, 'Kept'],
        [100, 'Lost'],
      ],
      65001,
    );
    new DataView(block.buffer).setUint32(12 + 12 + 4, 3);
    const x = await read(book({ rawExth: block }));
    expect(metadataOf(x)).toEqual({ title: 'Kept' });
    expect(x.warnings).toEqual([
      'EXTH record 100 has an impossible length (3 bytes); it and any after it were ignored.',
    ]);
  });

  it('stops at the records there are, whatever the count says', async () => {
    const block = exthBlock([[503, 'Kept']], 65001);
    new DataView(block.buffer).setUint32(8, 0xffffffff);
    const x = await read(book({ rawExth: block }));
    expect(metadataOf(x).title).toBe('Kept');
    expect(x.warnings).toEqual(['The EXTH block lists 4294967295 records but holds only 1.']);
  });

  it.each([
    [
      'a missing EXTH block',
      { rawExth: new TextEncoder().encode('NOPE') },
      'The MOBI header announces an EXTH block that is not there.',
    ],
    [
      'a full name outside the record',
      { fullName: 'x', patch: [[84, 0x7ffffff0]] },
      'The full title points outside its record and was ignored.',
    ],
    [
      'a header longer than its record',
      { patch: [[20, 0x10000]] },
      'The MOBI header claims 65536 bytes but its record holds 234; fields past the end were ignored.',
    ],
  ] as [string, Record0Options, string][])('warns about %s', async (_, options, warning) => {
    const x = await read(book(options));
    expect(x.warnings).toContain(warning);
  });

  it('reads only the fields an old, short MOBI header has', async () => {
    const options = { headerLength: 0x5c, fullName: 'Short', locale: 0x409, firstImage: 2 };
    const x = await read(book({ ...options, exth: [[503, 'Past the header']] }, [JPEG]));
    expect(metadataOf(x)).toEqual({ title: 'Short', languages: ['en-US'] });
    expect(x.warnings).toEqual([]);
  });

  it('warns about a BOOKMOBI record 0 without a MOBI header', async () => {
    const x = await read(palmDb([new Uint8Array(40), TEXT], { name: 'Bare' }));
    expect(metadataOf(x)).toEqual({ title: 'Bare' });
    expect(x.warnings).toEqual(['The book has no MOBI header; only its PalmDB name was read.']);
  });
});

describe('readMobi: refusals', () => {
  const random = seededRandom(42);
  const noise = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
  const valid = book({ exth: [[503, 'Fine']] });
  const cases: [string, Uint8Array, ProblemCode][] = [
    ['zero bytes', new Uint8Array(0), 'empty-file'],
    ['random bytes', noise, 'not-a-mobi'],
    [
      'a ZIP (an EPUB named .mobi)',
      concat(new TextEncoder().encode('PK\x03\x04'), noise),
      'not-a-mobi',
    ],
    ['50 bytes', noise.subarray(0, 50), 'not-a-mobi'],
    ['a header cut at 70 bytes', valid.subarray(0, 70), 'truncated'],
    ['a record table cut short', valid.subarray(0, 82), 'truncated'],
    [
      'a file cut before its last record',
      valid.subarray(0, valid.byteLength - TEXT.byteLength - 1),
      'truncated',
    ],
    ['no records', palmDb([]), 'corrupt'],
    [
      'offsets in the wrong order',
      palmDb([record0(), TEXT], { offsets: (o) => o.toReversed() }),
      'corrupt',
    ],
    [
      'an offset inside the table',
      palmDb([record0(), TEXT], { offsets: (o) => [10, ...o.slice(1)] }),
      'corrupt',
    ],
    [
      'an offset past the end',
      palmDb([record0(), TEXT], { offsets: (o) => [o[0] ?? 0, 0x7fffffff] }),
      'truncated',
    ],
    ['a 10-byte record 0', palmDb([new Uint8Array(10), TEXT]), 'corrupt'],
  ];
  it.each(cases)('refuses %s', async (_, bytes, code) => {
    expect(await outcome(read(bytes))).toBe(code);
  });

  it('says what to do with a file that is not a MOBI', async () => {
    await expect(read(noise)).rejects.toThrow(/not a MOBI or AZW3 book.*wrong extension/);
  });

  it('reads damaged headers to an extraction or a BookFormatError, never worse', async () => {
    const base = book(
      {
        fullName: 'Fuzz',
        locale: 0x409,
        exth: [
          [503, 'T'],
          [100, 'A'],
          [201, 0],
          [121, 3],
        ],
      },
      [JPEG],
    );
    // One to eight bytes of the headers (the first 700) overwritten.
    const flip = fc.tuple(fc.nat(Math.min(base.byteLength, 700) - 1), fc.nat(255));
    await fc.assert(
      fc.asyncProperty(fc.array(flip, { minLength: 1, maxLength: 8 }), async (flips) => {
        const bytes = base.slice();
        for (const [at, value] of flips) bytes[at] = value;
        const result = await outcome(read(bytes));
        if (typeof result !== 'string') expect(result.format).toBe('mobi');
      }),
      { numRuns: 500 },
    );
  });
});

describe('readMobi: reads only what it needs', () => {
  it('reads headers, not the text, of a large book', async () => {
    const big = new Uint8Array(8 * 1024 * 1024);
    const bytes = palmDb([
      record0({
        exth: [
          [503, 'Big'],
          [201, 0],
        ],
        firstImage: 2,
      }),
      big,
      JPEG,
    ]);
    const reads: number[] = [];
    const inner = source(bytes);
    const counting: ByteSource = {
      size: inner.size,
      name: inner.name,
      read(offset, length) {
        reads.push(length);
        return inner.read(offset, length);
      },
    };
    const x = await readMobi(counting, 'mobi');
    expect(metadataOf(x).title).toBe('Big');
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThan(4096);
  });
});
