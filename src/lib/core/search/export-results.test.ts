import { describe, expect, it } from 'vitest';
import { makeDoc } from './doc-factory';
import { toCsv, toJson } from './export-results';

const rows = [
  makeDoc({
    id: 'a',
    title: 'Dune, "the" novel',
    authors: ['Frank Herbert', 'Brian Herbert'],
    series: 'Dune',
    seriesNumber: -1,
    year: 1965,
    isbns: ['9780441013593'],
    size: 1234,
    addedAt: Date.UTC(2024, 0, 2),
  }),
  makeDoc({
    id: 'b',
    title: '=HYPERLINK("http://evil")',
    authors: ['@mention', '+plus'],
    publisher: '-minus',
    description: 'line one\nline two',
  }),
];

describe('toCsv', () => {
  it('writes a header and RFC 4180 quoted cells with CRLF line ends', () => {
    const csv = toCsv(rows, ['title', 'authors', 'seriesNumber', 'year', 'size']);
    expect(csv).toBe(
      'title,authors,seriesNumber,year,size\r\n' +
        '"Dune, ""the"" novel",Frank Herbert; Brian Herbert,-1,1965,1234\r\n' +
        `"'=HYPERLINK(""http://evil"")",'@mention; +plus,,,1000000\r\n`,
    );
  });

  const injections: [string, string][] = [
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['plain', 'plain'],
  ];
  for (const [title, cell] of injections) {
    it(`makes ${JSON.stringify(title)} safe for spreadsheets`, () => {
      expect(toCsv([makeDoc({ id: 'x', title })], ['title'])).toBe(`title\r\n${cell}\r\n`);
    });
  }

  it('quotes line breaks and writes dates as ISO 8601', () => {
    expect(toCsv([rows[1]!], ['description'])).toBe('description\r\n"line one\nline two"\r\n');
    expect(toCsv([rows[0]!], ['addedAt'])).toBe('addedAt\r\n2024-01-02T00:00:00.000Z\r\n');
  });

  it('has default columns', () => {
    expect(toCsv([]).split('\r\n')[0]).toBe(
      'title,authors,series,seriesNumber,year,publisher,languages,format,isbns,size',
    );
  });
});

describe('toJson', () => {
  it('writes the chosen columns, leaving out what a book lacks', () => {
    expect(JSON.parse(toJson(rows, ['id', 'title', 'series', 'addedAt']))).toEqual([
      { id: 'a', title: 'Dune, "the" novel', series: 'Dune', addedAt: '2024-01-02T00:00:00.000Z' },
      { id: 'b', title: '=HYPERLINK("http://evil")', addedAt: '1970-01-01T00:00:00.000Z' },
    ]);
  });

  it('writes every column by default', () => {
    const [first] = JSON.parse(toJson([rows[0]!])) as Record<string, unknown>[];
    expect(first).toMatchObject({
      id: 'a',
      authors: ['Frank Herbert', 'Brian Herbert'],
      isbns: ['9780441013593'],
      hasCover: true,
    });
  });
});
