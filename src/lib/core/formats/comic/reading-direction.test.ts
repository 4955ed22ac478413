import { describe, expect, it } from 'vitest';
import { readsRightToLeft } from './reading-direction';

const comicInfo = (inner: string) =>
  `<?xml version="1.0"?><ComicInfo xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${inner}</ComicInfo>`;

describe('readsRightToLeft', () => {
  const cases: [label: string, xml: string, expected: boolean][] = [
    ['YesAndRightToLeft', comicInfo('<Manga>YesAndRightToLeft</Manga>'), true],
    ['any case and spacing', comicInfo('<manga> yesandrighttoleft </manga>'), true],
    ['a manga read left to right', comicInfo('<Manga>Yes</Manga>'), false],
    ['not a manga', comicInfo('<Manga>No</Manga>'), false],
    ['no Manga element', comicInfo('<Title>X</Title>'), false],
    ['another document', '<MetronInfo><Manga>YesAndRightToLeft</Manga></MetronInfo>', false],
    ['not XML', '<ComicInfo><Manga>YesAndRightToLeft</Manga', false],
  ];
  it.each(cases)('%s', (_label, xml, expected) => {
    expect(readsRightToLeft(xml)).toBe(expected);
  });
});
