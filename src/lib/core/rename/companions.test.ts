import { describe, expect, it } from 'vitest';
import { companionsOf, folderCompanionRest, indexFolder, splitName } from './companions';

describe('splitName', () => {
  it.each([
    ['Dune.epub', 'Dune', 'epub'],
    ['Dune.kepub.epub', 'Dune.kepub', 'epub'],
    ['.hidden', '.hidden', ''],
    ['README', 'README', ''],
  ])('%j → %j + %j', (name, stem, ext) => expect(splitName(name)).toEqual({ stem, ext }));
});

describe('companionsOf', () => {
  const names = (folder: string[], book: string, caseInsensitive = false) =>
    companionsOf(book, indexFolder(folder, caseInsensitive), caseInsensitive).map(
      (c) => `${c.kind}:${c.name}`,
    );

  it('finds same-stem sidecars, not other books nor other stems', () => {
    expect(
      names(
        [
          'Dune.epub',
          'Dune.opf',
          'Dune.JPG',
          'Dune.nfo',
          'Dune.pdf',
          'Dune.txt',
          'Dune 2.jpg',
          'dune.png',
        ],
        'Dune.epub',
      ),
    ).toEqual(['same-stem:Dune.JPG', 'same-stem:Dune.nfo', 'same-stem:Dune.opf']);
  });

  it('matches the stem case-insensitively on a case-insensitive target', () => {
    expect(names(['Dune.epub', 'dune.png'], 'Dune.epub', true)).toEqual(['same-stem:dune.png']);
  });

  it('takes cover.jpg and metadata.opf only when the folder holds one book', () => {
    expect(names(['Dune.epub', 'cover.jpg', 'metadata.opf', 'notes.txt'], 'Dune.epub')).toEqual([
      'folder:cover.jpg',
      'folder:metadata.opf',
    ]);
    expect(names(['Dune.epub', 'Emma.mobi', 'cover.jpg'], 'Dune.epub')).toEqual([]);
  });

  it('is not fooled by a listing that repeats names', () => {
    expect(names(['Dune.epub', 'Dune.epub', 'cover.jpg'], 'Dune.epub')).toEqual([
      'folder:cover.jpg',
    ]);
  });
});

describe('folderCompanionRest', () => {
  it('takes the extension, or " - name" when a same-stem file has it', () => {
    const cover = { name: 'cover.jpg', kind: 'folder' as const, rest: '' };
    const opf = { name: 'metadata.opf', kind: 'folder' as const, rest: '' };
    const sidecar = { name: 'Dune.opf', kind: 'same-stem' as const, rest: '.opf' };
    expect(folderCompanionRest(cover, [cover, opf, sidecar], false)).toBe('.jpg');
    expect(folderCompanionRest(opf, [cover, opf, sidecar], false)).toBe(' - metadata.opf');
  });
});
