import { describe, expect, it } from 'vitest';
import type { BookMetadata } from '../../metadata/types';
import {
  cleanLanguage,
  cleanText,
  cleanTitle,
  readInfo,
  splitKeywords,
  toIsoDate,
  toPeople,
  type PdfInfo,
} from './info';

/** Authors as plain names, for short expectations. */
const names = (line: string) => toPeople(line).map((person) => person.name);

describe('cleanText', () => {
  const cases: { name: string; value: unknown; expected: string | undefined }[] = [
    { name: 'a trailing NUL (komga)', value: 'komga\u0000', expected: 'komga' },
    {
      name: 'a NUL inside (fuzzed TCPDF), other characters kept',
      value: 'TCPDF Example \u0000\u3100',
      expected: 'TCPDF Example \u3100',
    },
    {
      name: 'C1 controls and a BOM',
      value: '\ufeffA\u0085\u0007 title\u009f',
      expected: 'A title',
    },
    { name: 'line breaks and tabs become one space', value: ' a\r\n\tb  c ', expected: 'a b c' },
    { name: 'a lone surrogate from broken UTF-16', value: 'ab\ud800c', expected: 'abc' },
    { name: 'only controls → nothing', value: '\u0000\u0001 ', expected: undefined },
    { name: 'not a string → nothing', value: { name: 'False' }, expected: undefined },
  ];
  it.each(cases)('$name', ({ value, expected }) => {
    expect(cleanText(value)).toBe(expected);
  });
});

describe('cleanTitle', () => {
  const cases: { name: string; value: string; expected: string | undefined }[] = [
    { name: 'a plain title is kept', value: 'Zero Line Width', expected: 'Zero Line Width' },
    {
      name: 'Word’s print prefix and the file extension go',
      value: 'Microsoft Word - x.doc',
      expected: 'x',
    },
    {
      name: 'PowerPoint’s too',
      value: 'Microsoft PowerPoint - Lecture 3.pptx',
      expected: 'Lecture 3',
    },
    { name: 'a document file name loses its extension', value: 'thesis.pdf', expected: 'thesis' },
    {
      name: 'other dotted names are kept (IBM-PDFs.graffle)',
      value: 'IBM-PDFs.graffle',
      expected: 'IBM-PDFs.graffle',
    },
    { name: '"untitled" is a placeholder', value: 'Untitled', expected: undefined },
    { name: '"Untitled-3" too', value: 'Untitled-3', expected: undefined },
    { name: '"untitled document" too', value: 'untitled document', expected: undefined },
    { name: '"Unknown" too', value: 'Unknown', expected: undefined },
    {
      name: 'a title that merely starts so is kept',
      value: 'Untitled Goose',
      expected: 'Untitled Goose',
    },
    {
      name: 'nothing but a prefix → nothing',
      value: 'Microsoft Word - .docx',
      expected: undefined,
    },
  ];
  it.each(cases)('$name', ({ value, expected }) => {
    expect(cleanTitle(value)).toBe(expected);
  });
});

describe('toPeople', () => {
  const cases: { name: string; line: string; expected: string[] }[] = [
    { name: 'one person', line: 'Anya Kamenetz', expected: ['Anya Kamenetz'] },
    {
      name: 'an e-mail in brackets is removed, the name kept (issue6006)',
      line: 'Daan Sprenkels <dsprenkels@gmail.com>',
      expected: ['Daan Sprenkels'],
    },
    { name: 'an e-mail in parentheses too', line: 'Ann Lee (ann@lee.org)', expected: ['Ann Lee'] },
    { name: 'a bare e-mail is not a name', line: 'someone@example.com', expected: [] },
    { name: 'a URL is not a name (komga)', line: 'https://imagemagick.org', expected: [] },
    { name: 'www. too', line: 'www.example.com', expected: [] },
    { name: 'an account name is dropped', line: 'Administrator', expected: [] },
    { name: 'Office’s default user too', line: 'Microsoft Office User', expected: [] },
    {
      name: 'semicolons always split',
      line: 'Ann Lee; Bo; Cy Dee',
      expected: ['Ann Lee', 'Bo', 'Cy Dee'],
    },
    {
      name: '"and" splits full names',
      line: 'John Smith and Jane Doe',
      expected: ['John Smith', 'Jane Doe'],
    },
    {
      name: '"A, B & C" splits on the commas too',
      line: 'John Smith, Jane Doe & Bob Roe',
      expected: ['John Smith', 'Jane Doe', 'Bob Roe'],
    },
    {
      name: '"&" between single words stays one name',
      line: 'Simon & Schuster',
      expected: ['Simon & Schuster'],
    },
    { name: '"Last, First" stays one name', line: 'Smith, John', expected: ['Smith, John'] },
    {
      name: 'a comma without "and" never splits',
      line: 'de la Cruz, Juan Carlos',
      expected: ['de la Cruz, Juan Carlos'],
    },
    { name: 'repeats are dropped', line: 'Ann Lee; ann lee', expected: ['Ann Lee'] },
    { name: 'punctuation only is not a name', line: '-- ; ?', expected: [] },
  ];
  it.each(cases)('$name', ({ line, expected }) => {
    expect(names(line)).toEqual(expected);
  });

  it('gives each person the author role', () => {
    expect(toPeople('Ann Lee')).toEqual([{ name: 'Ann Lee', roles: ['aut'] }]);
  });
});

describe('splitKeywords', () => {
  const cases: { line: string; expected: string[] }[] = [
    {
      line: 'TCPDF, PDF, example, test, guide',
      expected: ['TCPDF', 'PDF', 'example', 'test', 'guide'],
    },
    { line: 'd,e,f', expected: ['d', 'e', 'f'] },
    { line: 'sleep; rest;; Sleep', expected: ['sleep', 'rest'] },
    { line: 'science fiction', expected: ['science fiction'] },
  ];
  it.each(cases)('$line', ({ line, expected }) => {
    expect(splitKeywords(line)).toEqual(expected);
  });
});

describe('toIsoDate', () => {
  const cases: { value: string; fileDate?: boolean; expected: string | undefined }[] = [
    { value: 'D:20120309220738Z', expected: '2012-03-09T22:07:38Z' },
    { value: "D:20120309220738Z00'00'", expected: '2012-03-09T22:07:38Z' },
    { value: "D:20230116114507+01'00'", expected: '2023-01-16T11:45:07+01:00' },
    { value: "D:20190204131613-08'00'", expected: '2019-02-04T13:16:13-08:00' },
    { value: 'D:20220105095617', expected: '2022-01-05T09:56:17' },
    { value: 'D:2012', expected: '2012' },
    { value: 'D:201203', expected: '2012-03' },
    { value: 'D:20120309', expected: '2012-03-09' },
    { value: '20120309220738', expected: '2012-03-09T22:07:38' },
    { value: '2009-12-07T21:51Z', expected: '2009-12-07T21:51:00Z' },
    { value: '2023-08-10T15:07:07+02:00', expected: '2023-08-10T15:07:07+02:00' },
    { value: '1895-05', expected: '1895-05' },
    { value: 'D:20121309', expected: undefined },
    { value: 'yesterday', expected: undefined },
    // PDF did not exist before 1993: a file "created" then has a default date.
    { value: "D:19700101000000+00'00'", fileDate: true, expected: undefined },
    { value: '1895', fileDate: false, expected: '1895' },
  ];
  it.each(cases)('$value', ({ value, fileDate, expected }) => {
    expect(toIsoDate(value, { fileDate })).toBe(expected);
  });
});

describe('cleanLanguage', () => {
  it.each([
    ['en', 'en'],
    ['de-CH', 'de-CH'],
    ['en_US', 'en-US'],
    ['English', undefined],
    ['', undefined],
  ])('%s → %s', (value, expected) => {
    expect(cleanLanguage(value)).toBe(expected);
  });
});

describe('readInfo', () => {
  const cases: { name: string; info: PdfInfo; expected: BookMetadata }[] = [
    {
      name: 'every field it reads (TCPDF example)',
      info: {
        Title: 'TCPDF Example 055',
        Author: 'Nicola Asuni',
        Subject: 'TCPDF Tutorial',
        Keywords: 'TCPDF, PDF, example, test, guide',
        CreationDate: "D:20150802122219+00'00'",
        Language: 'en',
        Creator: 'TCPDF',
        Producer: 'TCPDF 6.2.11 (http://www.tcpdf.org)',
        Trapped: { name: 'False' },
        EncryptFilterName: null,
      },
      expected: {
        title: 'TCPDF Example 055',
        authors: [{ name: 'Nicola Asuni', roles: ['aut'] }],
        description: 'TCPDF Tutorial',
        subjects: ['TCPDF', 'PDF', 'example', 'test', 'guide'],
        published: '2015-08-02T12:22:19+00:00',
        languages: ['en'],
      },
    },
    {
      name: 'junk only (komga): a NUL-ended title kept, a URL author dropped',
      info: { Title: 'komga\u0000', Author: 'https://imagemagick.org' },
      expected: { title: 'komga' },
    },
    {
      name: 'an epoch creation date is dropped (comicbox)',
      info: { Title: 'the tangle of their lives', CreationDate: "D:19700101000000+00'00'" },
      expected: { title: 'the tangle of their lives' },
    },
    { name: 'nothing at all', info: {}, expected: {} },
  ];
  it.each(cases)('$name', ({ info, expected }) => {
    expect(readInfo(info)).toEqual(expected);
  });
});
