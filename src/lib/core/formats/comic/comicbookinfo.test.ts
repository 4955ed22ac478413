import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '#test-support/corpus';
import { MAX_COMICBOOKINFO_CHARS, readComicBookInfo } from './comicbookinfo';

function cbi(info: Record<string, unknown>): string {
  return JSON.stringify({ appID: 'test', 'ComicBookInfo/1.0': info });
}

describe('readComicBookInfo', () => {
  it('is undefined for comments that are not ComicBookInfo', () => {
    expect(readComicBookInfo('Scanned by someone')).toBeUndefined();
    expect(readComicBookInfo('{"other": 1}')).toBeUndefined();
    expect(readComicBookInfo('')).toBeUndefined();
  });

  it('reads the fields', () => {
    const result = readComicBookInfo(
      cbi({
        title: 'T',
        series: 'S',
        issue: '1a',
        volume: 1950,
        publisher: 'P',
        publicationYear: 1950,
        publicationMonth: 11,
        language: 'English',
        genre: 'SF, Adventure',
        tags: ['Space', 7, 'sf'],
        comments: ' About. ',
        pages: 5,
        credits: [
          { person: 'W', role: 'Writer', primary: true },
          { person: 'P', role: 'Penciller' },
          { person: 'X' },
        ],
      }),
    );
    expect(result?.warnings).toEqual([]);
    expect(result?.metadata).toEqual({
      title: 'T',
      publisher: 'P',
      published: '1950-11',
      languages: ['en'],
      subjects: ['SF', 'Adventure', 'Space'],
      description: 'About.',
      authors: [{ name: 'W', roles: ['aut'] }],
      contributors: [
        { name: 'P', roles: ['art', 'comic:penciller'] },
        { name: 'X', roles: ['ctb', 'comic:other'] },
      ],
      pageCount: 5,
      series: { name: 'S (1950)', number: 1, kind: 'series', issue: '#1a' },
    });
  });

  const hostile: [label: string, comment: string, warning: RegExp][] = [
    ['broken JSON', '{"ComicBookInfo/1.0": {', /not valid JSON/],
    ['no info object', '{"ComicBookInfo/1.0": 5}', /no "ComicBookInfo\/1.0" object/],
    ['credits that are not a list', cbi({ credits: 'me' }), /"credits" is not a list/],
    ['a credit without a name', cbi({ credits: [{ role: 'Writer' }] }), /without a person/],
    ['a title that is an object', cbi({ title: { a: 1 } }), /"title" is not text/],
    ['an unknown language', cbi({ language: 'Elvish' }), /Elvish/],
  ];
  it.each(hostile)('tolerates %s', (_label, comment, warning) => {
    const result = readComicBookInfo(comment);
    expect(result?.warnings.join('\n')).toMatch(warning);
  });

  it('refuses comments over the size cap without parsing them', () => {
    const huge = cbi({ comments: 'x'.repeat(MAX_COMICBOOKINFO_CHARS) });
    expect(readComicBookInfo(huge)?.warnings[0]).toMatch(/too large/);
  });

  it('never lets "__proto__" keys reach a prototype', () => {
    const result = readComicBookInfo(
      '{"ComicBookInfo/1.0": {"__proto__": {"title": "polluted"}, "series": "S"}}',
    );
    expect(result?.metadata).toEqual({ series: { name: 'S', kind: 'series' } });
    expect(({} as Record<string, unknown>)['title']).toBeUndefined();
  });
});

describe.skipIf(!corpusDir)('readComicBookInfo on the corpus sample', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  it('comicbox_comic-book-info.json', () => {
    const json = readFileSync(corpusPath('comicinfo/comicbox_comic-book-info.json'), 'utf8');
    const result = readComicBookInfo(json);
    expect(result?.warnings).toEqual([]);
    expect(result?.metadata).toMatchObject({
      title: 'The Beginning',
      publisher: 'Youthful Adventure Stories',
      published: '1950-11',
      languages: ['en'],
      subjects: ['Science Fiction'],
      authors: [{ name: 'Joe Orlando', roles: ['aut'] }],
      contributors: [{ name: 'Wally Wood', roles: ['art', 'comic:penciller'] }],
      pageCount: 5,
      series: { name: 'Captain Science (1950)', number: 1, kind: 'series', issue: '#1' },
    });
  });
});
