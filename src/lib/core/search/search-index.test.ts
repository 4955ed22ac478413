import { describe, expect, it } from 'vitest';
import { SearchIndex, SnapshotError, type BookQuery } from './search-index';
import { makeDoc } from './doc-factory';
import type { SearchDoc } from './search-doc';

const BOOKS: SearchDoc[] = [
  makeDoc({
    id: 'hobbit',
    title: 'The Hobbit',
    subtitle: 'There and Back Again',
    authors: ['J. R. R. Tolkien'],
    series: 'Middle-earth',
    seriesNumber: 0,
    publisher: 'Allen & Unwin',
    year: 1937,
    subjects: ['Fantasy'],
    isbns: ['9780261102217'],
    description: 'Bilbo Baggins goes on an adventure with thirteen dwarves.',
    size: 2e6,
    addedAt: 30,
  }),
  makeDoc({
    id: 'fellowship',
    title: 'The Fellowship of the Ring',
    authors: ['J. R. R. Tolkien'],
    series: 'The Lord of the Rings',
    seriesNumber: 1,
    year: 1954,
    subjects: ['Fantasy', 'Classics'],
    size: 3e6,
    addedAt: 20,
  }),
  makeDoc({
    id: 'towers',
    title: 'The Two Towers',
    authors: ['J. R. R. Tolkien'],
    series: 'The Lord of the Rings',
    seriesNumber: 2,
    year: 1954,
    subjects: ['Fantasy'],
    addedAt: 21,
  }),
  makeDoc({
    id: 'assommoir',
    title: "L'Assommoir",
    authors: ['Émile Zola'],
    series: 'Les Rougon-Macquart',
    seriesNumber: 7,
    languages: ['fr'],
    year: 1877,
    format: 'pdf',
    size: 12e6,
    hasCover: false,
  }),
  makeDoc({
    id: 'germinal',
    title: 'Germinal',
    authors: ['Émile Zola'],
    series: 'Les Rougon-Macquart',
    seriesNumber: 13,
    languages: ['fr'],
    year: 1885,
    description: 'A strike in the coal mines of northern France.',
  }),
  makeDoc({
    id: 'dune',
    title: 'Dune',
    authors: ['Frank Herbert'],
    series: 'Dune',
    seriesNumber: 1,
    year: 1965,
    publisher: 'Chilton Books',
    subjects: ['Science Fiction'],
  }),
  makeDoc({
    id: 'messiah',
    title: 'Dune Messiah',
    authors: ['Frank Herbert'],
    series: 'Dune',
    seriesNumber: 2,
    year: 1969,
  }),
  makeDoc({
    id: 'sandworms',
    title: 'Sandworms of Dune',
    authors: ['Brian Herbert', 'Kevin J. Anderson'],
    series: 'Dune',
    seriesNumber: 8,
    year: 2007,
  }),
  makeDoc({
    id: 'foundation',
    title: 'Foundation',
    authors: ['Isaac Asimov'],
    series: 'Foundation',
    seriesNumber: 1,
    year: 1951,
  }),
  makeDoc({
    id: 'prelude',
    title: 'Prelude to Foundation',
    authors: ['Isaac Asimov'],
    series: 'Foundation',
    seriesNumber: -2,
    year: 1988,
  }),
  makeDoc({
    id: 'forward',
    title: 'Forward the Foundation',
    authors: ['Isaac Asimov'],
    series: 'Foundation',
    seriesNumber: -1,
    year: 1993,
  }),
  makeDoc({
    id: 'interlude',
    title: 'Foundation Interlude',
    authors: ['Isaac Asimov'],
    series: 'Foundation',
    seriesNumber: 1.5,
    year: 2001,
  }),
  makeDoc({
    id: 'notes',
    title: 'Notes',
    format: 'cbz',
    size: 80e6,
    languages: [],
    hasCover: false,
  }),
  makeDoc({
    id: 'process',
    title: 'Der Process',
    authors: ['Franz Kafka'],
    languages: ['de'],
    year: 1925,
    isbns: ['9783596294312'],
  }),
];

function index(docs: readonly SearchDoc[] = BOOKS): SearchIndex {
  const i = new SearchIndex();
  i.upsert(docs);
  return i;
}

const lib = index();
const ids = (q: BookQuery | string) => lib.query(typeof q === 'string' ? { text: q } : q).ids;
const found = (q: BookQuery | string) => [...ids(q)].sort();

describe('accents and case', () => {
  const cases: [string, string[]][] = [
    ['emile', ['assommoir', 'germinal']],
    ['Émile', ['assommoir', 'germinal']],
    ['EMILE ZOLA', ['assommoir', 'germinal']],
    ['zola', ['assommoir', 'germinal']],
    ['ZOLA', ['assommoir', 'germinal']],
    ['assommoir', ['assommoir']],
  ];
  for (const [text, expected] of cases)
    it(`finds ${expected.join(', ')} by ${text}`, () => expect(found(text)).toEqual(expected));

  it('matches case exactly when asked, still ignoring accents', () => {
    expect(found({ text: 'zola', caseSensitive: true })).toEqual([]);
    expect(found({ text: 'Zola', caseSensitive: true })).toEqual(['assommoir', 'germinal']);
    expect(found({ text: 'Emile', caseSensitive: true })).toEqual(['assommoir', 'germinal']);
    expect(found({ text: 'Zol', caseSensitive: true })).toEqual(['assommoir', 'germinal']);
    expect(found({ text: '"emile zola"', caseSensitive: true })).toEqual([]);
    expect(found({ text: '"Emile Zola"', caseSensitive: true })).toEqual(['assommoir', 'germinal']);
    expect(found({ text: '/^Zol/', caseSensitive: true })).toEqual(['assommoir', 'germinal']);
    expect(found({ text: '/^zol/', caseSensitive: true })).toEqual([]);
    // No typo tolerance when the spelling is to be exact.
    expect(found({ text: 'Tolkein', caseSensitive: true })).toEqual([]);
  });
});

describe('free text', () => {
  it('matches prefixes and typos', () => {
    expect(found('tolk')).toEqual(['fellowship', 'hobbit', 'towers']);
    expect(found('tolkein')).toEqual(['fellowship', 'hobbit', 'towers']);
    expect(found('asimof')).toEqual(['forward', 'foundation', 'interlude', 'prelude']);
    expect(found('germinl')).toEqual(['germinal']);
  });

  it('needs every word (implicit AND), in any field', () => {
    expect(found('dune herbert')).toEqual(['dune', 'messiah', 'sandworms']);
    expect(found('dune anderson')).toEqual(['sandworms']);
    expect(found('tolkien fantasy classics')).toEqual(['fellowship']);
  });

  it('matches descriptions by whole words only', () => {
    expect(found('dwarves')).toEqual(['hobbit']);
    expect(found('dwarv')).toEqual([]);
    expect(found('dwarv*')).toEqual(['hobbit']);
  });
});

describe('ranking', () => {
  it('puts the exact title first, then titles that start with the words', () => {
    const r = ids('dune');
    expect(r[0]).toBe('dune');
    expect(r[1]).toBe('messiah');
    expect(r).toContain('sandworms');
  });

  it('ranks title over author over series over description', () => {
    const docs = [
      makeDoc({ id: 'in-description', title: 'A', description: 'Marlowe investigates.' }),
      makeDoc({ id: 'in-series', title: 'B', series: 'Marlowe Mysteries' }),
      makeDoc({ id: 'in-author', title: 'C', authors: ['Christopher Marlowe'] }),
      makeDoc({ id: 'in-title', title: 'A Night with Marlowe' }),
    ];
    expect(index(docs).query({ text: 'marlowe' }).ids).toEqual([
      'in-title',
      'in-author',
      'in-series',
      'in-description',
    ]);
  });

  it('ranks exact over prefix over typo', () => {
    const docs = [
      makeDoc({ id: 'typo', title: 'Red Dragoon' }),
      makeDoc({ id: 'prefix', title: 'Red Dragonfly' }),
      makeDoc({ id: 'exact', title: 'Red Dragon' }),
    ];
    expect(index(docs).query({ text: 'dragon' }).ids).toEqual(['exact', 'prefix', 'typo']);
  });

  it('breaks ties by title', () => {
    expect(ids('tolkien')).toEqual(['fellowship', 'hobbit', 'towers']);
  });
});

describe('fields', () => {
  const cases: [string, string[]][] = [
    ['author:herbert', ['dune', 'messiah', 'sandworms']],
    ['author:"frank herbert"', ['dune', 'messiah']],
    ['title:dune', ['dune', 'messiah', 'sandworms']],
    ['title:again', ['hobbit']],
    ['series:"lord of the rings"', ['fellowship', 'towers']],
    ['series:rougon', ['assommoir', 'germinal']],
    ['publisher:chilton', ['dune']],
    ['publisher:unwin', ['hobbit']],
    ['tag:fantasy', ['fellowship', 'hobbit', 'towers']],
    ['tag:"science fiction"', ['dune']],
    ['description:mines', ['germinal']],
    ['language:fr', ['assommoir', 'germinal']],
    ['language:french', ['assommoir', 'germinal']],
    ['lang:de', ['process']],
    ['format:pdf', ['assommoir']],
    ['format:cb*', ['notes']],
    ['status:ok', BOOKS.map((b) => b.id).sort()],
    ['isbn:9780261102217', ['hobbit']],
    ['isbn:978-0-261-10221-7', ['hobbit']],
    ['isbn:0261102214', ['hobbit']],
    ['isbn:978359*', ['process']],
    ['year:1954', ['fellowship', 'towers']],
    ['year:1900..1950', ['hobbit', 'process']],
    ['year:<1900', ['assommoir', 'germinal']],
    ['year:>=2000', ['interlude', 'sandworms']],
    ['size:>10MB', ['assommoir', 'notes']],
    ['size:3MB', ['fellowship']],
    [
      'size:1MB..2MB',
      BOOKS.filter((b) => b.size >= 1e6 && b.size <= 2e6)
        .map((b) => b.id)
        .sort(),
    ],
    ['-has:cover', ['assommoir', 'notes']],
    ['has:isbn', ['hobbit', 'process']],
    ['has:series -has:year', []],
    ['-has:author', ['notes']],
    ['has:subtitle', ['hobbit']],
    ['has:publisher', ['dune', 'hobbit']],
  ];
  for (const [text, expected] of cases)
    it(`${text} finds ${expected.length} books`, () => expect(found(text)).toEqual(expected));
});

describe('boolean queries', () => {
  const cases: [string, string[]][] = [
    ['zola OR kafka', ['assommoir', 'germinal', 'process']],
    ['zola | kafka', ['assommoir', 'germinal', 'process']],
    ['tolkien -towers', ['fellowship', 'hobbit']],
    ['tolkien NOT towers', ['fellowship', 'hobbit']],
    ['(zola OR kafka) year:<1900', ['assommoir', 'germinal']],
    ['(zola OR kafka) AND -format:pdf', ['germinal', 'process']],
    ['asimov -(prelude OR forward)', ['foundation', 'interlude']],
    ['NOT tag:fantasy NOT has:series', ['notes', 'process']],
  ];
  for (const [text, expected] of cases) it(text, () => expect(found(text)).toEqual(expected));
});

describe('wildcards, regexes, phrases', () => {
  const cases: [string, string[]][] = [
    ['found*', ['forward', 'foundation', 'interlude', 'prelude']],
    ['d*e', ['dune', 'messiah', 'sandworms']],
    ['author:her*', ['dune', 'messiah', 'sandworms']],
    ['/^dun/', ['dune', 'messiah', 'sandworms']],
    ['/^g.*l$/', ['germinal']],
    ['/lord of/', ['fellowship', 'towers']],
    ['"two towers"', ['towers']],
    ['"towers two"', []],
    ['"the lord of the rings"', ['fellowship', 'towers']],
    ['"frank herbert" dune', ['dune', 'messiah']],
  ];
  for (const [text, expected] of cases) it(text, () => expect(found(text)).toEqual(expected));

  it('searches an invalid regex as plain text, and says so', () => {
    const r = lib.query({ text: '/dune(/' });
    expect([...r.ids].sort()).toEqual(['dune', 'messiah', 'sandworms']);
    expect(r.warnings).toEqual([
      'Invalid regular expression /dune(/ (Unterminated group); searched for it as plain text',
    ]);
  });
});

describe('malformed queries', () => {
  it('answer with the error and no books, never a throw', () => {
    const r = lib.query({ text: 'author:"le guin', facets: true });
    expect(r).toEqual({
      total: 0,
      ids: [],
      highlights: {},
      warnings: [],
      error: { message: 'Unclosed quote starting at position 7', position: 7 },
    });
  });
});

describe('suggestions', () => {
  it('drops the term that finds nothing', () => {
    const r = lib.query({ text: 'dune xqzzyv' });
    expect(r.total).toBe(0);
    expect(r.suggestion).toBe('dune');
  });

  it('drops quotes around words that are not side by side', () => {
    expect(lib.query({ text: '"towers two"' }).suggestion).toBe('towers two');
  });

  it('turns AND into OR when no single term can go', () => {
    expect(lib.query({ text: 'zola kafka xqzzyv' }).suggestion).toBe('zola OR kafka OR xqzzyv');
  });

  it('corrects a word nothing matches, even with typo tolerance', () => {
    // "hrebret" is two edits from "herbert", further than typo tolerance goes.
    const r = lib.query({ text: 'dune hrebret' });
    expect(r.total).toBe(0);
    expect(r.suggestion).toBe('dune herbert');
  });

  it('keeps a positive term', () => {
    expect(lib.query({ text: 'zola -tag:fantasy -zola' }).suggestion).toBe('zola -tag:fantasy');
  });

  it('respects the filters', () => {
    expect(lib.query({ text: 'zola kafka', filters: { languages: ['de'] } }).suggestion).toBe(
      'kafka',
    );
  });

  it('offers nothing when nothing helps', () => {
    expect(lib.query({ text: 'xqzzyv' }).suggestion).toBeUndefined();
  });
});

describe('sorting and paging', () => {
  it('sorts by title when there is no text, by relevance when there is', () => {
    // Sort keys drop punctuation and leading articles: "Der Process", "Dune", …, "L'Assommoir" as lassommoir.
    expect(ids({ text: '', limit: 3 })).toEqual(['process', 'dune', 'messiah']);
    expect(ids({ text: 'herbert', sort: { key: 'title', direction: 'asc' } })).toEqual([
      'dune',
      'messiah',
      'sandworms',
    ]);
  });

  it('sorts series by name then number (prequels and decimals in place), books without one last', () => {
    const order = ids({ text: '', sort: { key: 'series', direction: 'asc' }, limit: 100 });
    expect(order).toEqual([
      'dune',
      'messiah',
      'sandworms',
      'prelude',
      'forward',
      'foundation',
      'interlude',
      'assommoir',
      'germinal',
      'fellowship',
      'towers',
      'hobbit',
      'process',
      'notes',
    ]);
    const desc = ids({ text: '', sort: { key: 'series', direction: 'desc' }, limit: 100 });
    expect(desc.slice(0, 3)).toEqual(['hobbit', 'towers', 'fellowship']);
    expect(desc.slice(-2)).toEqual(['process', 'notes']);
  });

  it('puts books without a year or author last in both directions', () => {
    for (const direction of ['asc', 'desc'] as const) {
      expect(ids({ text: '', sort: { key: 'year', direction }, limit: 100 }).at(-1)).toBe('notes');
      expect(ids({ text: '', sort: { key: 'author', direction }, limit: 100 }).at(-1)).toBe(
        'notes',
      );
    }
    expect(ids({ text: '', sort: { key: 'year', direction: 'asc' }, limit: 2 })).toEqual([
      'assommoir',
      'germinal',
    ]);
    expect(ids({ text: '', sort: { key: 'year', direction: 'desc' }, limit: 2 })).toEqual([
      'sandworms',
      'interlude',
    ]);
  });

  it('breaks ties by title, ascending in both directions', () => {
    expect(ids({ text: 'year:1954', sort: { key: 'year', direction: 'desc' } })).toEqual([
      'fellowship',
      'towers',
    ]);
    expect(ids({ text: 'tolkien', sort: { key: 'author', direction: 'desc' } })).toEqual([
      'fellowship',
      'hobbit',
      'towers',
    ]);
  });

  it('sorts by author key, size and date added', () => {
    expect(ids({ text: '', sort: { key: 'author', direction: 'asc' }, limit: 2 })).toEqual([
      'forward',
      'foundation',
    ]);
    expect(ids({ text: '', sort: { key: 'size', direction: 'desc' }, limit: 2 })).toEqual([
      'notes',
      'assommoir',
    ]);
    expect(ids({ text: 'tolkien', sort: { key: 'added', direction: 'desc' } })).toEqual([
      'hobbit',
      'towers',
      'fellowship',
    ]);
  });

  it('pages', () => {
    const all = ids({ text: '', limit: 100 });
    const page = lib.query({ text: '', offset: 5, limit: 4 });
    expect(page.total).toBe(BOOKS.length);
    expect(page.ids).toEqual(all.slice(5, 9));
    expect(lib.query({ text: 'asimov', offset: 2, limit: 10 }).ids).toEqual(ids('asimov').slice(2));
    expect(lib.query({ text: '', offset: 100 }).ids).toEqual([]);
  });
});

describe('highlights', () => {
  it('are given for the books of the page only', () => {
    const r = lib.query({ text: 'tolkien', limit: 2 });
    expect(Object.keys(r.highlights)).toEqual(r.ids);
    expect(r.highlights.fellowship).toEqual({ authors: [[9, 16]] });
  });
});

describe('incremental changes', () => {
  it('replaces a book on upsert and forgets it on remove', () => {
    const i = index();
    i.upsert([makeDoc({ id: 'dune', title: 'Arrakis', authors: ['Frank Herbert'] })]);
    expect(i.size).toBe(BOOKS.length);
    expect(i.query({ text: 'title:dune' }).ids.sort()).toEqual(['messiah', 'sandworms']);
    expect(i.query({ text: 'arrakis' }).ids).toEqual(['dune']);
    i.remove(['dune', 'messiah', 'not-there']);
    expect(i.size).toBe(BOOKS.length - 2);
    expect(i.query({ text: 'herbert' }).ids).toEqual(['sandworms']);
    expect(i.get('dune')).toBeUndefined();
  });

  it('stays right across compactions', () => {
    const i = index();
    for (let round = 0; round < 300; round++)
      i.upsert(BOOKS.map((b) => ({ ...b, size: b.size + round })));
    expect(i.size).toBe(BOOKS.length);
    expect(i.query({ text: 'dune herbert' }).ids.sort()).toEqual(['dune', 'messiah', 'sandworms']);
    expect(i.query({ text: '', sort: { key: 'series', direction: 'asc' }, limit: 3 }).ids).toEqual([
      'dune',
      'messiah',
      'sandworms',
    ]);
  });
});

describe('reading status', () => {
  const reading = () => {
    const i = index();
    i.setReading([
      ['dune', 'reading'],
      ['hobbit', 'finished'],
      ['germinal', 'finished'],
      ['not-indexed-yet', 'reading'],
    ]);
    return i;
  };
  const found = (i: SearchIndex, text: string) => i.query({ text }).ids.sort();

  it('answers status:reading, status:finished and status:unread beside the file statuses', () => {
    const i = reading();
    expect(found(i, 'status:reading')).toEqual(['dune']);
    expect(found(i, 'status:FINISHED')).toEqual(['germinal', 'hobbit']);
    expect(found(i, 'status:unread').length).toBe(BOOKS.length - 3);
    expect(found(i, '-status:unread herbert')).toEqual(['dune']);
    expect(found(i, 'status:ok').length).toBe(BOOKS.length);
    expect(found(i, 'status:finished OR status:reading')).toEqual(['dune', 'germinal', 'hobbit']);
  });

  it('changes a status in place, and gives a book indexed later the status set before', () => {
    const i = reading();
    i.setReading([
      ['dune', 'finished'],
      ['hobbit', 'unread'],
    ]);
    expect(found(i, 'status:finished')).toEqual(['dune', 'germinal']);
    i.upsert([makeDoc({ id: 'not-indexed-yet', title: 'Later' })]);
    // An updated book keeps its status.
    i.upsert([makeDoc({ id: 'dune', title: 'Dune', authors: ['Frank Herbert'] })]);
    expect(found(i, 'status:reading')).toEqual(['not-indexed-yet']);
    expect(found(i, 'status:finished')).toEqual(['dune', 'germinal']);
    i.clearReading();
    expect(found(i, 'status:unread').length).toBe(BOOKS.length + 1);
  });

  it('keeps statuses across compactions, and leaves them out of a snapshot', () => {
    const i = reading();
    for (let round = 0; round < 300; round++)
      i.upsert(BOOKS.map((b) => ({ ...b, size: b.size + round })));
    expect(found(i, 'status:finished')).toEqual(['germinal', 'hobbit']);
    const restored = SearchIndex.restore(structuredClone(i.export()));
    expect(found(restored, 'status:finished')).toEqual([]);
    restored.setReading([['hobbit', 'finished']]);
    expect(found(restored, 'status:finished')).toEqual(['hobbit']);
  });
});

describe('export and restore', () => {
  const queries: BookQuery[] = [
    { text: '' },
    { text: 'dune', facets: true },
    { text: 'tolkein' },
    { text: 'tolk', sort: { key: 'year', direction: 'desc' } },
    { text: 'isbn:0261102214' },
    { text: '/^g.*l$/' },
    {
      text: '',
      filters: { languages: ['fr'] },
      facets: true,
      sort: { key: 'series', direction: 'asc' },
    },
  ];

  it('restores an index that answers as the original did', () => {
    const original = index();
    original.upsert([
      makeDoc({ id: 'dune', title: 'Dune', authors: ['Frank Herbert'], year: 1965 }),
    ]);
    original.remove(['notes']);
    original.query({ text: '', sort: { key: 'year', direction: 'asc' } });
    const restored = SearchIndex.restore(structuredClone(original.export()));
    expect(restored.size).toBe(original.size);
    for (const q of queries) expect(restored.query(q)).toEqual(original.query(q));
  });

  it('keeps updating after a restore', () => {
    const snapshot = index().export();
    const restored = SearchIndex.restore(snapshot);
    restored.upsert([makeDoc({ id: 'new', title: 'Dune Companion', year: 1999 })]);
    restored.remove(['messiah']);
    expect(restored.query({ text: 'dune', sort: { key: 'title', direction: 'asc' } }).ids).toEqual([
      'dune',
      'new',
      'sandworms',
    ]);
    // The snapshot is not changed by the restored index.
    expect(SearchIndex.restore(snapshot).query({ text: 'title:dune' }).ids.sort()).toEqual([
      'dune',
      'messiah',
      'sandworms',
    ]);
  });

  it('restores without the books in the snapshot when they are given back', () => {
    const original = index();
    const snapshot = original.export({ docs: false });
    expect(snapshot.docs).toBeUndefined();
    const byId = new Map(BOOKS.map((b) => [b.id, b]));
    const restored = SearchIndex.restore(structuredClone(snapshot), {
      docs: (id) => byId.get(id),
    });
    for (const q of queries) expect(restored.query(q)).toEqual(original.query(q));
    expect(() => SearchIndex.restore(snapshot)).toThrow(
      new SnapshotError('missing-docs', 'book hobbit not given'),
    );
  });

  it('refuses a snapshot of another version', () => {
    const snapshot = { ...index().export(), version: 0 };
    expect(() => SearchIndex.restore(snapshot)).toThrow(SnapshotError);
  });
});
