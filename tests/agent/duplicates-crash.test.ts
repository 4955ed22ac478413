import { existsSync, linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Duplicates } from '#core/api/maintenance';
import { bookDocId } from '#core/schema/book-doc';
import { maintenance } from '../../agent/maintenance/maintenance';
import { trashRel } from '../../agent/maintenance/trash-moves';
import { FileIndex } from '../../agent/scan/file-index';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

describe('keep one, killed half-way: the next start finishes it, no file lost', () => {
  const data = tempDir('dupes-crash-data');
  const library = tempDir('dupes-crash-library');
  let agent: TestAgent;
  let bytes: Uint8Array;

  beforeAll(async () => {
    bytes = await makeEpub({ title: 'Dune', authors: ['Frank Herbert'] });
    writeFileSync(join(library.path, 'a.epub'), bytes);
    writeFileSync(join(library.path, 'b.epub'), bytes);
    agent = await startTestAgent(data.path, [library.path]);
    await agent.scan();
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('finds the file linked into the trash but not yet unlinked, and completes the move', async () => {
    const ctx = agent.agent.ctx;
    const row = new FileIndex(ctx.db).present().find((r) => r.rel_path === 'b.epub');
    if (!row?.content_key) throw new Error('b.epub is not cataloged');
    const { root: _root, ...fileRow } = row;
    const { _rev, ...doc } = (await ctx.catalog.get(bookDocId(ctx.library, row.book_id))) ?? {};
    const id = 'crashed-action';
    const trashed = join(library.path, trashRel(id, 'b.epub'));
    // Journaled, then the file linked to its trash name: the process dies before the unlink.
    maintenance(agent.agent).journal.create(
      {
        id,
        kind: 'keep-one',
        state: 'running',
        contentKey: row.content_key,
        summary: 'Kept “Dune” at a.epub; 1 copy moved to the trash folder.',
        books: ['Dune'],
      },
      [
        {
          seq: 0,
          bookId: row.book_id,
          folderId: row.folder_id,
          relPath: 'b.epub',
          trashRel: trashRel(id, 'b.epub'),
          fileRow,
          bookDoc: doc,
        },
      ],
    );
    mkdirSync(dirname(trashed), { recursive: true });
    linkSync(join(library.path, 'b.epub'), trashed);
    await agent.close();

    agent = await startTestAgent(data.path, [library.path]);
    const restarted = agent.agent.ctx;
    expect(existsSync(join(library.path, 'b.epub'))).toBe(false);
    expect(readFileSync(trashed)).toEqual(Buffer.from(bytes));
    expect(new FileIndex(restarted.db).at(row.folder_id, 'b.epub')).toBeUndefined();
    expect(await restarted.catalog.get(bookDocId(restarted.library, row.book_id))).toBeUndefined();
    const listed = (await (await agent.admin.fetch('/api/duplicates')).json()) as Duplicates;
    expect(listed.groups).toEqual([]);
    expect(listed.actions[0]).toMatchObject({ id, state: 'done' });

    const undone = await agent.admin.fetch(`/api/maintenance/${id}/undo`, { method: 'POST' });
    expect(undone.status).toBe(200);
    expect(readFileSync(join(library.path, 'b.epub'))).toEqual(Buffer.from(bytes));
    expect(new FileIndex(restarted.db).at(row.folder_id, 'b.epub')).toEqual(fileRow);
    expect(await restarted.catalog.get(bookDocId(restarted.library, row.book_id))).toMatchObject(
      doc,
    );
  });
});
