import { describe, expect, it } from 'vitest';
import { candidate } from '#core/metadata/types';
import { invertMoves } from '#core/rename/undo';
import { bookDocSchema, type BookDoc } from '#core/schema/book-doc';
import { MemoryDirectory } from '../fs/memory-handles.test-support';
import { applyMoves } from './apply-moves';
import { listTree } from './folder-tree';
import { planFolder, planRoot } from './plan-folder';

function book(
  path: string,
  title: string,
  author: string,
  status: BookDoc['status'] = 'ok',
): BookDoc {
  return bookDocSchema.parse({
    _id: `book:local:${path}`,
    type: 'book',
    v: 1,
    library: 'local',
    folder: 'f1',
    path,
    format: 'epub',
    size: 1,
    mtimeMs: 1,
    addedAt: '2026-01-01T00:00:00.000Z',
    scannedAt: '2026-01-01T00:00:00.000Z',
    status,
    extraction: {
      format: 'epub',
      candidates: [
        candidate('title', title, 'embedded:opf', 0.8),
        candidate('authors', [{ name: author, roles: ['aut'] }], 'embedded:opf', 0.8),
      ],
      flags: {},
      warnings: [],
    },
  });
}

const LIBRARY: [string, string, string][] = [
  ['in/dune.epub', 'Dune', 'Frank Herbert'],
  ['in/emma.epub', 'Emma', 'Jane Austen'],
  ['Austen, Jane/Persuasion.epub', 'Persuasion', 'Jane Austen'],
  ['swap/a.epub', 'b', 'Swap'],
  ['swap/b.epub', 'a', 'Swap'],
];

async function setUp() {
  const root = new MemoryDirectory('Books');
  for (const [path] of LIBRARY) root.write(path, path);
  root.write('in/dune.opf', 'companion');
  root.write('Herbert, Frank/Dune.epub', 'already there');
  const books = LIBRARY.map(([path, title, author]) => book(path, title, author));
  const plan = planFolder({
    folderId: 'f1',
    books,
    tree: await listTree(root.handle),
    pattern: '${author.sortname}/${title}.${ext}',
    profile: 'linux',
    onConflict: 'suffix',
  });
  return { root, plan };
}

describe('renaming a picked folder', () => {
  it('plans from the books and the folder as it is, and applies through the handles', async () => {
    const { root, plan } = await setUp();
    expect(plan.summary).toMatchObject({ move: 4, unchanged: 1 });
    const outcome = await applyMoves(root.handle, planRoot('f1'), plan.moves);
    expect(outcome.failed).toBeUndefined();
    expect(root.tree()).toMatchObject({
      'Herbert, Frank/Dune.epub': 'already there',
      'Herbert, Frank/Dune (1).epub': 'in/dune.epub',
      'Herbert, Frank/Dune (1).opf': 'companion',
      'Austen, Jane/Emma.epub': 'in/emma.epub',
      'Austen, Jane/Persuasion.epub': 'Austen, Jane/Persuasion.epub',
      'Swap/a.epub': 'swap/b.epub',
      'Swap/b.epub': 'swap/a.epub',
    });
  });

  it('undoing what was applied gives back the exact tree', async () => {
    const { root, plan } = await setUp();
    const before = root.tree();
    const done = await applyMoves(root.handle, planRoot('f1'), plan.moves);
    const undone = await applyMoves(root.handle, planRoot('f1'), invertMoves(done.done));
    expect(undone.failed).toBeUndefined();
    expect(root.tree()).toEqual(before);
  });

  it('stops before replacing a file that appeared since the preview, and says where', async () => {
    const { root, plan } = await setUp();
    root.write('Austen, Jane/Emma.epub', 'new arrival');
    const outcome = await applyMoves(root.handle, planRoot('f1'), plan.moves);
    expect(outcome.failed?.reason).toMatch(/already at .*Austen, Jane\/Emma\.epub/);
    expect(root.tree()['Austen, Jane/Emma.epub']).toBe('new arrival');
    const undone = await applyMoves(root.handle, planRoot('f1'), invertMoves(outcome.done));
    expect(undone.failed).toBeUndefined();
  });

  it('leaves missing books out of the plan', async () => {
    const root = new MemoryDirectory('Books');
    const plan = planFolder({
      folderId: 'f1',
      books: [book('gone.epub', 'Gone', 'Nobody', 'missing')],
      tree: await listTree(root.handle),
      pattern: '${title}.${ext}',
      profile: 'linux',
      onConflict: 'skip',
    });
    expect(plan.entries).toEqual([]);
  });
});
