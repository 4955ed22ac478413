import { describe, expect, it } from 'vitest';
import { isGenericFolder } from './generic-folders';

describe('isGenericFolder', () => {
  it.each([
    'Books',
    'COMICS',
    'Ebooks',
    'Downloads',
    'Library',
    'Calibre Library',
    'epub',
    'pdf',
    'New folder',
    'Science Fiction',
    '1999',
    'A',
    'é',
    '#',
    '0-9',
    'A-Z',
    'A – C',
    '',
  ])('%j is generic', (name) => {
    expect(isGenericFolder(name)).toBe(true);
  });

  it.each(['Frank Herbert', 'Saga', 'Tolkien, J.R.R.', 'X-Men', '2000 AD', 'Dune'])(
    '%j is not',
    (name) => {
      expect(isGenericFolder(name)).toBe(false);
    },
  );
});
