import { describe, expect, it } from 'vitest';
import { calibreLayout, folderName, guessFromFolders, type FolderGuess } from './folders';
import type { NameGuess } from './file-name';

describe('folderName', () => {
  it.each([
    ['Saga (2012)', 'Saga'],
    ['The Hobbit (12)', 'The Hobbit'],
    ['New folder (2)', 'New folder'],
    ['Tolkien, J.R.R.', 'Tolkien, J.R.R.'],
    ['Some_Author', 'Some Author'],
  ])('%j → %j', (raw, name) => {
    expect(folderName(raw)).toBe(name);
  });
});

describe('calibreLayout', () => {
  it('reads Author/Title (id)/Title - Author', () => {
    expect(calibreLayout(['Frank Herbert', 'Dune (42)'], 'Dune - Frank Herbert')).toEqual({
      title: 'Dune',
      author: 'Frank Herbert',
    });
  });

  it('accepts a file that repeats only the author, as when calibre shortens titles', () => {
    expect(
      calibreLayout(['Frank Herbert', 'Dune Messiah (7)'], 'Dune Messiah Special - Frank Herbert'),
    ).toEqual({ title: 'Dune Messiah', author: 'Frank Herbert' });
  });

  it.each<[string[], string]>([
    [['Frank Herbert', 'Dune'], 'Dune - Frank Herbert'],
    [['Frank Herbert', 'Dune (1965a)'], 'Dune - Frank Herbert'],
    [['Dune (42)'], 'Dune - Frank Herbert'],
    [['Books', 'Dune (42)'], 'Dune - Books'],
    [['Marvel', 'X-Men (1991)'], 'X-Men 001'],
    [['Frank Herbert', 'Dune (42)'], 'Something Else - Someone'],
  ])('does not take %j / %j for calibre', (dirs, stem) => {
    expect(calibreLayout(dirs, stem)).toBeUndefined();
  });
});

describe('guessFromFolders', () => {
  const book = { comic: false };
  const comic = { comic: true };
  const cases: [string, string[], NameGuess, { comic: boolean }, FolderGuess][] = [
    [
      'comic series from the parent',
      ['Comics', 'Saga'],
      { seriesNumber: 12 },
      comic,
      { seriesName: 'Saga' },
    ],
    ['comic volume folder', ['Saga v2'], {}, comic, { seriesName: 'Saga' }],
    ['comic with its own series', ['Saga'], { seriesName: 'Saga' }, comic, {}],
    ['generic comic folder', ['Comics'], {}, comic, {}],
    [
      'numbered book under Author/Series',
      ['Isaac Asimov', 'Foundation'],
      { seriesNumber: 3 },
      book,
      { seriesName: 'Foundation', authors: [{ name: 'Isaac Asimov', roles: ['aut'] }] },
    ],
    [
      'parent repeats the series',
      ['Isaac Asimov', 'Foundation'],
      { seriesName: 'foundation', seriesNumber: 3 },
      book,
      { authors: [{ name: 'Isaac Asimov', roles: ['aut'] }] },
    ],
    [
      'author parent',
      ['Fantasy', 'Frank Herbert'],
      { title: 'Dune' },
      book,
      { authors: [{ name: 'Frank Herbert', roles: ['aut'] }] },
    ],
    ['unnumbered book under a non-person', ['Frank Herbert', 'Dune'], { title: 'Dune' }, book, {}],
    ['numbered book under generic folders', ['Library', 'Books'], { seriesNumber: 3 }, book, {}],
    ['no folders', [], { title: 'Dune' }, book, {}],
  ];
  it.each(cases)('%s', (_name, dirs, name, options, expected) => {
    expect(guessFromFolders(dirs, name, options)).toEqual(expected);
  });
});
