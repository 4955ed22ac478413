import { describe, expect, it } from 'vitest';
import { formatCfi, parseCfi, spineIndexOf, type EpubCfi } from './epub-cfi';

describe('EPUB CFIs', () => {
  const written: [string, EpubCfi][] = [
    [
      'epubcfi(/6/14[chap05ref]!/4[body01]/10[para05]/3:10)',
      {
        package: [{ index: 6 }, { index: 14, id: 'chap05ref' }],
        steps: [{ index: 4, id: 'body01' }, { index: 10, id: 'para05' }, { index: 3 }],
        offset: 10,
      },
    ],
    [
      'epubcfi(/6/4!/4/2)',
      { package: [{ index: 6 }, { index: 4 }], steps: [{ index: 4 }, { index: 2 }] },
    ],
    [
      'epubcfi(/6/4!/4/2[a^[b^]]/1:0)',
      {
        package: [{ index: 6 }, { index: 4 }],
        steps: [{ index: 4 }, { index: 2, id: 'a[b]' }, { index: 1 }],
        offset: 0,
      },
    ],
  ];
  it.each(written)('reads %s and writes it back the same', (text, cfi) => {
    expect(parseCfi(text)).toEqual(cfi);
    expect(formatCfi(cfi)).toBe(text);
  });

  it('reads a range as its start, and skips assertions it does not use', () => {
    expect(parseCfi('epubcfi(/6/4[c1]!/4/2/10,/3:5,/3:12)')).toEqual({
      package: [{ index: 6 }, { index: 4, id: 'c1' }],
      steps: [{ index: 4 }, { index: 2 }, { index: 10 }, { index: 3 }],
      offset: 5,
    });
    expect(parseCfi('epubcfi(/6/4!/4/2/1:3[yon,der;s=a])')?.offset).toBe(3);
    expect(parseCfi('epubcfi(/6/4!/4[body;x=1]/2)')?.steps[0]).toEqual({ index: 4, id: 'body' });
  });

  it.each(['page:3', 'epubcfi()', 'epubcfi(/6/4)', 'epubcfi(/6/4!/4/x)', '/6/4!/4'])(
    'is not one into a spine item: %j',
    (text) => expect(parseCfi(text)).toBeUndefined(),
  );

  it('names the spine item (0-based)', () => {
    expect(spineIndexOf(parseCfi('epubcfi(/6/14!/4/2)')!)).toBe(6);
    expect(spineIndexOf(parseCfi('epubcfi(/6/2[x]!/4)')!)).toBe(0);
  });
});
