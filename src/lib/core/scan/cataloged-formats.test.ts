import { describe, expect, it } from 'vitest';
import { BOOK_FORMATS } from '../formats/types';
import { catalogedFormats, formatsLeftOut } from './cataloged-formats';

describe('catalogedFormats', () => {
  it('catalogs every format by default', () => {
    expect([...catalogedFormats(BOOK_FORMATS, ['books', 'comics'])]).toEqual([...BOOK_FORMATS]);
  });

  it('leaves out the formats "Formats to catalog" turns off', () => {
    const formats = catalogedFormats(['epub'], ['books', 'comics']);
    expect([...formats]).toEqual(['epub']);
    expect(formatsLeftOut(formats, BOOK_FORMATS)).toBe('MOBI, AZW3, PDF, CBZ, CBR, CB7, CBT');
  });

  it('leaves out comics when the library holds only books, and books when only comics', () => {
    expect([...catalogedFormats(BOOK_FORMATS, ['books'])]).toEqual(['epub', 'mobi', 'azw3', 'pdf']);
    expect([...catalogedFormats(BOOK_FORMATS, ['comics'])]).toEqual(['cbz', 'cbr', 'cb7', 'cbt']);
  });

  it('needs both: an enabled format of a content type turned off is not cataloged', () => {
    expect([...catalogedFormats(['epub', 'cbz'], ['comics'])]).toEqual(['cbz']);
    expect(formatsLeftOut(catalogedFormats(BOOK_FORMATS, ['books', 'comics']), BOOK_FORMATS)).toBe(
      undefined,
    );
  });
});
