import { describe, expect, it } from 'vitest';
import type { BookMetadata } from '../metadata/types';
import { planRename } from './plan';
import type { ConflictPolicy, PlanBook, PlanOptions, RenamePlan } from './plan-types';
import { pathKey, profiles, type ProfileName } from './sanitise';
import { SimulatedFs } from './simulated-fs.test-support';
import { invertMoves } from './undo';

const ROOT = '/lib';

interface Fixture {
  fs: SimulatedFs;
  books: PlanBook[];
}

/** A library: files (relative path → content) and which of them are books, with their metadata. */
function library(
  profile: ProfileName,
  files: Record<string, string>,
  books: Record<string, BookMetadata>,
): Fixture {
  const fs = new SimulatedFs(
    (p) => pathKey(p, profiles[profile]),
    Object.fromEntries(Object.entries(files).map(([p, c]) => [`${ROOT}/${p}`, c])),
  );
  const planBooks = Object.entries(books).map(([path, metadata]): PlanBook => {
    const folder = path.includes('/') ? `${ROOT}/${path.slice(0, path.lastIndexOf('/'))}` : ROOT;
    return {
      id: `book:${path}`,
      folderRoot: ROOT,
      path,
      metadata,
      format: 'epub',
      siblings: fs.list(folder),
    };
  });
  return { fs, books: planBooks };
}

const meta = (title: string, author?: string, extra: Partial<BookMetadata> = {}): BookMetadata => ({
  title,
  ...(author ? { authors: [{ name: author, roles: ['aut'] }] } : {}),
  ...extra,
});

function plan(
  fixture: Fixture,
  pattern: string,
  profile: ProfileName = 'linux',
  onConflict: ConflictPolicy = 'suffix',
  extra: Partial<PlanOptions> = {},
): RenamePlan {
  return planRename(fixture.books, {
    pattern,
    profile,
    onConflict,
    existing: fixture.fs.exists,
    ...extra,
  });
}

/** Applies the plan to the simulated disk, checks undo restores it, and returns the tree after. */
function applyAndUndo(fixture: Fixture, result: RenamePlan): Record<string, string> {
  const before = fixture.fs.snapshot();
  fixture.fs.apply(result.moves);
  const after = fixture.fs.snapshot();
  fixture.fs.apply(invertMoves(result.moves));
  expect(fixture.fs.snapshot()).toEqual(before);
  fixture.fs.apply(result.moves);
  return after;
}

const rel = (tree: Record<string, string>) =>
  Object.fromEntries(Object.entries(tree).map(([p, c]) => [p.slice(ROOT.length + 1), c]));

const BY_AUTHOR = '${author.sortname}/${title}.${ext}';

describe('planRename: a simple library', () => {
  it('plans old → new with moves, and leaves books already in place alone', () => {
    const fixture = library(
      'linux',
      { 'incoming/dune.epub': 'D', 'Le Guin, Ursula K/Earthsea.epub': 'E' },
      {
        'incoming/dune.epub': meta('Dune', 'Frank Herbert'),
        'Le Guin, Ursula K/Earthsea.epub': meta('Earthsea', 'Ursula K Le Guin'),
      },
    );
    const result = plan(fixture, BY_AUTHOR);
    expect(result.entries.map((e) => [e.from, e.to, e.status])).toEqual([
      ['incoming/dune.epub', 'Herbert, Frank/Dune.epub', 'move'],
      ['Le Guin, Ursula K/Earthsea.epub', 'Le Guin, Ursula K/Earthsea.epub', 'unchanged'],
    ]);
    expect(result.moves).toEqual([
      {
        from: '/lib/incoming/dune.epub',
        to: '/lib/Herbert, Frank/Dune.epub',
        bookId: 'book:incoming/dune.epub',
      },
    ]);
    expect(result.summary).toMatchObject({
      books: 2,
      move: 1,
      unchanged: 1,
      moves: 1,
      conflicts: {},
    });
    expect(rel(applyAndUndo(fixture, result))).toEqual({
      'Herbert, Frank/Dune.epub': 'D',
      'Le Guin, Ursula K/Earthsea.epub': 'E',
    });
  });

  it('plans nothing a second time: the renamed library is stable', () => {
    const fixture = library(
      'linux',
      { 'a.epub': '1', 'b.epub': '2', 'c.epub': '3' },
      { 'a.epub': meta('Same', 'X'), 'b.epub': meta('Same', 'X'), 'c.epub': meta('Other', 'Y') },
    );
    const after = applyAndUndo(fixture, plan(fixture, BY_AUTHOR));
    const again = library('linux', rel(after), {
      'X/Same.epub': meta('Same', 'X'),
      'X/Same (1).epub': meta('Same', 'X'),
      'Y/Other.epub': meta('Other', 'Y'),
    });
    const second = plan(again, BY_AUTHOR);
    expect(second.entries.map((e) => e.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(second.moves).toEqual([]);
  });

  it('reports a pattern error and plans nothing', () => {
    const fixture = library('linux', { 'a.epub': '1' }, { 'a.epub': meta('A') });
    const result = plan(fixture, '${titel}.${ext}');
    expect(result.patternError).toMatchObject({ position: 2 });
    expect(result.entries).toEqual([]);
    expect(result.moves).toEqual([]);
  });

  it('refuses books whose path is unsafe or gone', () => {
    const fixture = library('linux', { 'a.epub': '1' }, { 'a.epub': meta('a') });
    fixture.books.push(
      { ...fixture.books[0]!, id: 'gone', path: 'gone.epub' },
      { ...fixture.books[0]!, id: 'escape', path: '../etc/passwd.epub' },
      { ...fixture.books[0]!, id: 'twice' },
    );
    const result = plan(fixture, '${title}.${ext}');
    expect(result.entries.map((e) => [e.bookId, e.status, e.reasons[0]])).toEqual([
      ['book:a.epub', 'unchanged', undefined],
      ['gone', 'error', expect.stringMatching(/no longer in the library folder/)],
      ['escape', 'error', expect.stringMatching(/"\.\."/)],
      ['twice', 'error', expect.stringMatching(/listed twice/)],
    ]);
  });

  it('gives the same plan whatever order the books come in', () => {
    const fixture = library(
      'linux',
      { 'a.epub': '1', 'b.epub': '2', 'c.epub': '3', 'X/Same.epub': '0' },
      { 'a.epub': meta('Same', 'X'), 'b.epub': meta('Same', 'X'), 'c.epub': meta('b') },
    );
    const forward = plan(fixture, BY_AUTHOR);
    const reversed = plan({ ...fixture, books: [...fixture.books].reverse() }, BY_AUTHOR);
    expect(reversed.moves).toEqual(forward.moves);
    expect(reversed.conflicts).toEqual(forward.conflicts);
  });
});

describe('planRename: destination exists', () => {
  const setup = () =>
    library(
      'linux',
      { 'in/dune.epub': 'new', 'Herbert, Frank/Dune.epub': 'old' },
      { 'in/dune.epub': meta('Dune', 'Frank Herbert') },
    );

  it('skip: the book stays', () => {
    const fixture = setup();
    const result = plan(fixture, BY_AUTHOR, 'linux', 'skip');
    expect(result.entries[0]).toMatchObject({ status: 'skipped', to: 'in/dune.epub' });
    expect(result.entries[0]?.reasons[0]).toMatch(/already exists\. Skipped\./);
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        kind: 'exists',
        resolution: 'skip',
        path: '/lib/Herbert, Frank/Dune.epub',
      }),
    ]);
    expect(result.moves).toEqual([]);
  });

  it('suffix: the book takes "Title (1)"', () => {
    const fixture = setup();
    const result = plan(fixture, BY_AUTHOR, 'linux', 'suffix');
    expect(result.entries[0]).toMatchObject({ status: 'move', to: 'Herbert, Frank/Dune (1).epub' });
    expect(result.conflicts[0]).toMatchObject({ kind: 'exists', resolution: 'suffix' });
    expect(rel(applyAndUndo(fixture, result))).toEqual({
      'Herbert, Frank/Dune.epub': 'old',
      'Herbert, Frank/Dune (1).epub': 'new',
    });
  });

  it('overwrite: the file in the way goes to the trash folder first, never deleted', () => {
    const fixture = setup();
    const result = plan(fixture, BY_AUTHOR, 'linux', 'overwrite', { batchId: '2024-05-01T10:00' });
    expect(result.moves).toEqual([
      {
        from: '/lib/Herbert, Frank/Dune.epub',
        to: '/lib/.colophon-trash/2024-05-01T10-00/Herbert, Frank/Dune.epub',
        bookId: 'book:in/dune.epub',
        trash: true,
      },
      {
        from: '/lib/in/dune.epub',
        to: '/lib/Herbert, Frank/Dune.epub',
        bookId: 'book:in/dune.epub',
      },
    ]);
    expect(result.conflicts[0]).toMatchObject({ kind: 'exists', resolution: 'overwrite' });
    expect(rel(applyAndUndo(fixture, result))).toEqual({
      '.colophon-trash/2024-05-01T10-00/Herbert, Frank/Dune.epub': 'old',
      'Herbert, Frank/Dune.epub': 'new',
    });
  });

  it('overwrite on a case-insensitive disk trashes the file under its own spelling, so undo is exact', () => {
    const fixture = library(
      'macos',
      { 'in/dune.epub': 'new', 'herbert, frank/DUNE.epub': 'old' },
      { 'in/dune.epub': meta('Dune', 'Frank Herbert') },
    );
    const result = planRename(fixture.books, {
      pattern: BY_AUTHOR,
      profile: 'macos',
      onConflict: 'overwrite',
      existing: fixture.fs.lookup,
    });
    expect(result.moves[0]).toMatchObject({ from: '/lib/herbert, frank/DUNE.epub', trash: true });
    const before = fixture.fs.snapshot();
    fixture.fs.apply(result.moves);
    fixture.fs.apply(invertMoves(result.moves));
    expect(fixture.fs.snapshot()).toEqual(before);
  });

  it('works with a lookup that only says yes or no', () => {
    const fixture = setup();
    const result = planRename(fixture.books, {
      pattern: BY_AUTHOR,
      profile: 'linux',
      onConflict: 'suffix',
      existing: (path) => fixture.fs.exists(path) !== false,
    });
    expect(result.entries[0]?.to).toBe('Herbert, Frank/Dune (1).epub');
  });

  it('overwrite never replaces a folder: it takes a suffix instead', () => {
    const fixture = library(
      'linux',
      { 'in/dune.epub': 'new', 'Dune.epub/inside.txt': 'x' },
      { 'in/dune.epub': meta('Dune') },
    );
    const result = plan(fixture, '${title}.${ext}', 'linux', 'overwrite');
    expect(result.entries[0]?.to).toBe('Dune (1).epub');
    expect(result.moves.some((m) => m.trash)).toBe(false);
  });

  it('a file where a folder must go blocks the book', () => {
    const fixture = library(
      'linux',
      { 'in/dune.epub': 'new', 'Herbert, Frank': 'a file' },
      { 'in/dune.epub': meta('Dune', 'Frank Herbert') },
    );
    const result = plan(fixture, BY_AUTHOR, 'linux', 'overwrite');
    expect(result.entries[0]?.status).toBe('skipped');
    expect(result.entries[0]?.reasons[0]).toMatch(/A file is where the folder/);
  });
});

describe('planRename: two books to one destination', () => {
  const setup = () =>
    library(
      'linux',
      { 'a/dune.epub': 'first', 'b/dune.epub': 'second' },
      {
        'a/dune.epub': meta('Dune', 'Frank Herbert'),
        'b/dune.epub': meta('Dune', 'Frank Herbert'),
      },
    );

  it.each([
    ['skip', 'skipped', 'b/dune.epub'],
    ['suffix', 'move', 'Herbert, Frank/Dune (1).epub'],
    ['overwrite', 'move', 'Herbert, Frank/Dune (1).epub'], // never trash a book being renamed
  ] as const)('%s', (policy, status, to) => {
    const fixture = setup();
    const result = plan(fixture, BY_AUTHOR, 'linux', policy);
    expect(result.entries.map((e) => [e.status, e.to])).toEqual([
      ['move', 'Herbert, Frank/Dune.epub'],
      [status, to],
    ]);
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        kind: 'same-destination',
        bookIds: ['book:b/dune.epub', 'book:a/dune.epub'],
        resolution: policy === 'skip' ? 'skip' : 'suffix',
      }),
    ]);
    applyAndUndo(fixture, result);
  });

  it('a book already at the destination keeps it', () => {
    const fixture = library(
      'linux',
      { 'a.epub': 'mover', 'Dune.epub': 'resident' },
      { 'a.epub': meta('Dune'), 'Dune.epub': meta('Dune') },
    );
    const result = plan(fixture, '${title}.${ext}', 'linux', 'overwrite');
    expect(result.entries.map((e) => [e.status, e.to])).toEqual([
      ['move', 'Dune (1).epub'],
      ['unchanged', 'Dune.epub'],
    ]);
    expect(result.entries[0]?.reasons).toEqual([
      '"Dune.epub" is already at "/lib/Dune.epub" and stays. Renamed to "Dune (1).epub".',
    ]);
  });

  it('a skipped book holds its place: nobody moves onto it (cascade)', () => {
    // b wants Taken.epub (exists on disk → skipped); a wants b's place, which b no longer leaves.
    const fixture = library(
      'linux',
      { 'a.epub': 'A', 'b.epub': 'B', 'Taken.epub': 'T' },
      { 'a.epub': meta('b'), 'b.epub': meta('Taken') },
    );
    const result = plan(fixture, '${title}.${ext}', 'linux', 'skip');
    expect(result.entries.map((e) => e.status)).toEqual(['skipped', 'skipped']);
    expect(result.moves).toEqual([]);
    const suffixed = plan(fixture, '${title}.${ext}', 'linux', 'suffix');
    expect(suffixed.entries.map((e) => e.to)).toEqual(['b.epub', 'Taken (1).epub']);
  });
});

describe('planRename: names that differ only in case', () => {
  const setup = (profile: ProfileName) =>
    library(
      profile,
      { 'x.epub': '1', 'y.epub': '2' },
      { 'x.epub': meta('the stand'), 'y.epub': meta('The Stand') },
    );

  it.each(['macos', 'windows'] as const)('collide on %s', (profile) => {
    const fixture = setup(profile);
    const result = plan(fixture, '${title}.${ext}', profile);
    expect(result.entries.map((e) => e.to)).toEqual(['the stand.epub', 'The Stand (1).epub']);
    expect(result.conflicts).toEqual([
      expect.objectContaining({ kind: 'case-collision', resolution: 'suffix' }),
    ]);
    applyAndUndo(fixture, result);
  });

  it('do not collide on linux', () => {
    const result = plan(setup('linux'), '${title}.${ext}', 'linux');
    expect(result.entries.map((e) => e.to)).toEqual(['the stand.epub', 'The Stand.epub']);
    expect(result.conflicts).toEqual([]);
  });

  it('collide on linux when told the volume is case-insensitive', () => {
    const result = plan(setup('linux'), '${title}.${ext}', 'linux', 'suffix', {
      caseInsensitive: true,
    });
    expect(result.conflicts.map((c) => c.kind)).toEqual(['case-collision']);
  });

  it('a case-only rename goes through a temporary name on a case-insensitive target', () => {
    const fixture = library('macos', { 'dune.epub': 'D' }, { 'dune.epub': meta('Dune') });
    const result = plan(fixture, '${title}.${ext}', 'macos');
    expect(result.moves).toEqual([
      {
        from: '/lib/dune.epub',
        to: '/lib/.colophon-tmp-batch-1',
        bookId: 'book:dune.epub',
        temporary: true,
      },
      {
        from: '/lib/.colophon-tmp-batch-1',
        to: '/lib/Dune.epub',
        bookId: 'book:dune.epub',
        temporary: true,
      },
    ]);
    expect(rel(applyAndUndo(fixture, result))).toEqual({ 'Dune.epub': 'D' });
    const linux = plan(
      library('linux', { 'dune.epub': 'D' }, { 'dune.epub': meta('Dune') }),
      '${title}.${ext}',
    );
    expect(linux.moves).toHaveLength(1);
  });

  it.each(['macos', 'windows'] as const)(
    'on %s, a book goes into the folder already on disk, spelled as it is there',
    (profile) => {
      const fixture = library(
        profile,
        { 'in/dune.epub': 'D', 'herbert, frank/notes.txt': 'n' },
        { 'in/dune.epub': meta('Dune', 'Frank Herbert') },
      );
      const result = planRename(fixture.books, {
        pattern: BY_AUTHOR,
        profile,
        onConflict: 'suffix',
        existing: fixture.fs.lookup,
      });
      expect(result.entries[0]?.to).toBe('herbert, frank/Dune.epub');
      expect(result.moves.map((m) => m.to)).toEqual(['/lib/herbert, frank/Dune.epub']);
    },
  );

  it('an NFD name on macOS is the same name as its NFC form: unchanged', () => {
    const nfd = 'Cafe\u0301.epub';
    const fixture = library('macos', { [nfd]: 'C' }, { [nfd]: meta('Café') });
    expect(plan(fixture, '${title}.${ext}', 'macos').entries[0]?.status).toBe('unchanged');
  });
});

describe('planRename: swaps and cycles', () => {
  it('swaps two books through a temporary name', () => {
    const fixture = library(
      'linux',
      { 'A.epub': 'is B', 'B.epub': 'is A' },
      { 'A.epub': meta('B'), 'B.epub': meta('A') },
    );
    const result = plan(fixture, '${title}.${ext}');
    expect(result.moves.map((m) => [m.from, m.to, m.temporary ?? false])).toEqual([
      ['/lib/A.epub', '/lib/.colophon-tmp-batch-1', true],
      ['/lib/B.epub', '/lib/A.epub', false],
      ['/lib/.colophon-tmp-batch-1', '/lib/B.epub', true],
    ]);
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        kind: 'cycle',
        resolution: 'temporary',
        bookIds: ['book:A.epub', 'book:B.epub'],
      }),
    ]);
    expect(rel(applyAndUndo(fixture, result))).toEqual({ 'A.epub': 'is A', 'B.epub': 'is B' });
  });

  it('rotates a 3-cycle with one temporary name, and chains wait for their cycle', () => {
    const fixture = library(
      'linux',
      { '1.epub': 'is 2', '2.epub': 'is 3', '3.epub': 'is 1', 'x.epub': 'is 1 too' },
      { '1.epub': meta('2'), '2.epub': meta('3'), '3.epub': meta('1'), 'x.epub': meta('3') },
    );
    const result = plan(fixture, '${title}.${ext}', 'linux', 'suffix');
    expect(result.moves.filter((m) => m.temporary)).toHaveLength(2);
    expect(result.moves).toHaveLength(5);
    expect(rel(applyAndUndo(fixture, result))).toEqual({
      '1.epub': 'is 1',
      '2.epub': 'is 2',
      '3.epub': 'is 3',
      '3 (1).epub': 'is 1 too',
    });
  });

  it('orders a chain so each destination is vacated first', () => {
    const fixture = library(
      'linux',
      { 'a.epub': 'A', 'b.epub': 'B', 'c.epub': 'C' },
      { 'a.epub': meta('b'), 'b.epub': meta('c'), 'c.epub': meta('d') },
    );
    const result = plan(fixture, '${title}.${ext}');
    expect(result.moves.map((m) => m.from)).toEqual(['/lib/c.epub', '/lib/b.epub', '/lib/a.epub']);
    expect(result.conflicts).toEqual([]);
  });
});

describe('planRename: lengths and missing values', () => {
  it('shortens a name that is too long and says so', () => {
    const title = 'A Very Long Title Indeed '.repeat(20).trim();
    const fixture = library('windows', { 'a.epub': '1' }, { 'a.epub': meta(title, 'Author') });
    const result = plan(fixture, BY_AUTHOR, 'windows');
    const entry = result.entries[0];
    expect(entry?.status).toBe('move');
    expect(`${ROOT}/${entry?.to}`.length).toBeLessThanOrEqual(259);
    expect(entry?.to.endsWith('.epub')).toBe(true);
    expect(result.conflicts).toEqual([
      expect.objectContaining({ kind: 'too-long', resolution: 'truncate' }),
    ]);
  });

  it('skips a book whose folders leave no room for a name', () => {
    const fixture = library(
      'windows',
      { 'a.epub': '1' },
      { 'a.epub': meta('Title', 'x'.repeat(250)) },
    );
    const result = plan(fixture, '${author.name}/${title}.${ext}', 'windows');
    expect(result.entries[0]?.status).toBe('skipped');
    expect(result.conflicts).toEqual([
      expect.objectContaining({ kind: 'too-long', resolution: 'skip' }),
    ]);
  });

  it('long paths lift the Windows limit', () => {
    const fixture = library(
      'windows',
      { 'a.epub': '1' },
      { 'a.epub': meta('Title', 'x'.repeat(250)) },
    );
    const result = plan(fixture, '${author.name}/${title}.${ext}', 'windows', 'suffix', {
      profile: { ...profiles.windows, pathMax: 32_766 },
    });
    expect(result.entries[0]?.status).toBe('move');
  });

  it('leaves an empty series out and reports it; skips a book with no title', () => {
    const fixture = library(
      'linux',
      { 'a.epub': '1', 'b.epub': '2', 'c.epub': '3' },
      {
        'a.epub': meta('Guards', 'Terry Pratchett', {
          series: { name: 'Discworld', number: 8, kind: 'series' },
        }),
        'b.epub': meta('Good Omens', 'Terry Pratchett'),
        'c.epub': { authors: [{ name: 'Nobody', roles: ['aut'] }] },
      },
    );
    const result = plan(fixture, '${author.sortname}/${bookseries.title}/${title}.${ext}');
    expect(result.entries.map((e) => [e.status, e.to, e.emptyTokens])).toEqual([
      ['move', 'Pratchett, Terry/Discworld/Guards.epub', []],
      ['move', 'Pratchett, Terry/Good Omens.epub', ['bookseries.title']],
      ['skipped', 'c.epub', ['bookseries.title', 'title']],
    ]);
    expect(result.conflicts.map((c) => [c.kind, c.resolution, c.bookIds])).toEqual([
      ['missing-value', 'omit', ['book:b.epub']],
      ['missing-value', 'skip', ['book:c.epub']],
    ]);
  });

  it('never lets a value climb out of the library: a title of ".." names nothing', () => {
    const fixture = library('linux', { 'a.epub': '1' }, { 'a.epub': meta('..', '..') });
    const result = plan(fixture, '${author.name}/${title}.${ext}');
    expect(result.entries[0]).toMatchObject({ status: 'skipped', to: 'a.epub' });
    expect(result.entries[0]?.reasons[0]).toMatch(/empty once made safe for linux/);
    const named = plan(
      library('linux', { 'a.epub': '1' }, { 'a.epub': meta('../../etc/passwd', '..') }),
      '${author.name}/${title}.${ext}',
    );
    expect(named.entries[0]?.to).toBe('_/-..-etc-passwd.epub');
  });

  it('is quiet about tokens in an optional group', () => {
    const fixture = library(
      'linux',
      { 'a.epub': '1' },
      { 'a.epub': meta('Good Omens', 'Terry Pratchett') },
    );
    const result = plan(fixture, '${author.sortname}/[${bookseries.title}/]${title}.${ext}');
    expect(result.entries[0]).toMatchObject({
      to: 'Pratchett, Terry/Good Omens.epub',
      emptyTokens: ['bookseries.title'],
    });
    expect(result.conflicts).toEqual([]);
  });
});

describe('planRename: companions', () => {
  it('moves same-stem .opf, .jpg and .nfo with the book', () => {
    const fixture = library(
      'linux',
      {
        'in/dune.epub': 'D',
        'in/dune.opf': 'O',
        'in/dune.jpg': 'J',
        'in/dune.nfo': 'N',
        'in/other.jpg': 'X',
        'in/b.epub': 'B',
      },
      { 'in/dune.epub': meta('Dune', 'Frank Herbert'), 'in/b.epub': meta('B', 'Frank Herbert') },
    );
    const result = plan(fixture, BY_AUTHOR);
    expect(result.entries[0]?.companions).toEqual([
      { from: 'in/dune.jpg', to: 'Herbert, Frank/Dune.jpg' },
      { from: 'in/dune.nfo', to: 'Herbert, Frank/Dune.nfo' },
      { from: 'in/dune.opf', to: 'Herbert, Frank/Dune.opf' },
    ]);
    expect(result.moves.filter((m) => m.companionOf === 'book:in/dune.epub')).toHaveLength(3);
    expect(rel(applyAndUndo(fixture, result))).toEqual({
      'Herbert, Frank/B.epub': 'B',
      'Herbert, Frank/Dune.epub': 'D',
      'Herbert, Frank/Dune.jpg': 'J',
      'Herbert, Frank/Dune.nfo': 'N',
      'Herbert, Frank/Dune.opf': 'O',
      'in/other.jpg': 'X',
    });
  });

  it('takes cover.jpg and metadata.opf only when the folder holds one book', () => {
    const fixture = library(
      'linux',
      {
        'Herbert/Dune (12)/Dune.epub': 'D',
        'Herbert/Dune (12)/cover.jpg': 'C',
        'Herbert/Dune (12)/metadata.opf': 'M',
        'shared/a.epub': 'A',
        'shared/b.pdf': 'B',
        'shared/cover.jpg': 'SC',
      },
      {
        'Herbert/Dune (12)/Dune.epub': meta('Dune', 'Frank Herbert'),
        'shared/a.epub': meta('A', 'Someone'),
      },
    );
    const result = plan(fixture, '${author.sortname}/${title}/${title}.${ext}');
    expect(result.entries.map((e) => e.companions)).toEqual([
      [
        { from: 'Herbert/Dune (12)/cover.jpg', to: 'Herbert, Frank/Dune/cover.jpg' },
        { from: 'Herbert/Dune (12)/metadata.opf', to: 'Herbert, Frank/Dune/metadata.opf' },
      ],
      [],
    ]);
    applyAndUndo(fixture, result);
  });

  it('renames cover.jpg after the book when the destination folder is shared', () => {
    const fixture = library(
      'linux',
      {
        'x/Dune.epub': 'D',
        'x/cover.jpg': 'C',
        'x/Dune.opf': 'O',
        'x/metadata.opf': 'M',
        'y/Messiah.epub': 'E',
      },
      {
        'x/Dune.epub': meta('Dune', 'Frank Herbert'),
        'y/Messiah.epub': meta('Messiah', 'Frank Herbert'),
      },
    );
    const result = plan(fixture, BY_AUTHOR);
    expect(result.entries[0]?.companions).toEqual([
      { from: 'x/Dune.opf', to: 'Herbert, Frank/Dune.opf' },
      { from: 'x/cover.jpg', to: 'Herbert, Frank/Dune.jpg' },
      { from: 'x/metadata.opf', to: 'Herbert, Frank/Dune - metadata.opf' },
    ]);
    applyAndUndo(fixture, result);
  });

  it('gives a companion shared by two formats to the first book only', () => {
    const fixture = library(
      'linux',
      { 'in/Dune.epub': 'E', 'in/Dune.pdf': 'P', 'in/Dune.jpg': 'J' },
      {
        'in/Dune.epub': meta('Dune', 'Frank Herbert'),
        'in/Dune.pdf': meta('Dune', 'Frank Herbert'),
      },
    );
    const result = plan(fixture, BY_AUTHOR);
    expect(result.entries.map((e) => e.companions.length)).toEqual([1, 0]);
    applyAndUndo(fixture, result);
  });

  it('suffixes the whole book when only a companion collides, so they stay together', () => {
    const fixture = library(
      'linux',
      { 'in/dune.epub': 'D', 'in/dune.opf': 'O', 'Herbert, Frank/Dune.opf': 'someone else' },
      { 'in/dune.epub': meta('Dune', 'Frank Herbert') },
    );
    const result = plan(fixture, BY_AUTHOR);
    expect(result.entries[0]).toMatchObject({
      to: 'Herbert, Frank/Dune (1).epub',
      companions: [{ from: 'in/dune.opf', to: 'Herbert, Frank/Dune (1).opf' }],
    });
  });
});
