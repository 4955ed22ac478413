import { describe, expect, it } from 'vitest';
import { decodePdfText } from './pdf-text';

/** A string of one character per byte, as a raw PDF string reaches us undecoded. */
const bytes = (...values: number[]) => String.fromCharCode(...values);

describe('decodePdfText', () => {
  const cases: { name: string; value: string; expected: string }[] = [
    {
      name: 'escaped parentheses (a doubly escaped Info string)',
      value: 'Bizet, Georges \\(1838-1875\\)',
      expected: 'Bizet, Georges (1838-1875)',
    },
    { name: 'an escaped backslash', value: 'a \\\\ b', expected: 'a \\ b' },
    {
      name: 'an octal escape in PDFDocEncoding (\\251 is ©)',
      value: '\\251 2004',
      expected: '© 2004',
    },
    {
      name: 'octal escapes of PDFDocEncoding’s own characters (\\204 is an em dash, \\223 ﬁ)',
      value: 'A\\204B \\223ne',
      expected: 'A—B ﬁne',
    },
    {
      name: 'octal escapes of UTF-16BE with its BOM',
      value: '\\376\\377\\000G\\000a\\000r\\000c\\000\\355\\000a',
      expected: 'García',
    },
    {
      name: 'raw UTF-16BE bytes with a BOM',
      value: bytes(0xfe, 0xff, 0x00, 0x6b, 0x00, 0x6f, 0x30, 0x42),
      expected: 'koあ',
    },
    {
      name: 'raw UTF-8 bytes with a BOM (PDF 2.0)',
      value: bytes(0xef, 0xbb, 0xbf, 0x43, 0x61, 0x66, 0xc3, 0xa9),
      expected: 'Café',
    },
    { name: 'a line-break escape', value: 'one\\ntwo', expected: 'one\ntwo' },
    {
      name: 'decoded text is left alone',
      value: 'Für den Einstieg (2023)',
      expected: 'Für den Einstieg (2023)',
    },
    {
      name: 'C1 characters without an escape are not re-read',
      value: 'a\u0085b',
      expected: 'a\u0085b',
    },
    {
      name: 'escapes in text past U+00FF are decoded, the text not re-read as bytes',
      value: 'あ \\(x\\)',
      expected: 'あ (x)',
    },
    { name: 'a backslash that is no escape stays', value: 'C:\\Users', expected: 'C:\\Users' },
  ];
  it.each(cases)('$name', ({ value, expected }) => {
    expect(decodePdfText(value)).toBe(expected);
  });
});
