import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MaintenanceAction, Missing } from '#core/api/maintenance';
import { bookDocId } from '#core/schema/book-doc';
import { editDocId, readEditDoc } from '#core/schema/edit-doc';
import { FileIndex } from '../../agent/scan/file-index';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

describe('missing books: listed, removed from the catalog, and put back by undo', () => {
  const data = tempDir('missing-data');
  const library = tempDir('missing-library');
  const share = tempDir('missing-share');
  let agent: TestAgent;

  const send = (path: string, method: string, body: unknown, session = agent.admin) =>
    session.fetch(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const list = async (): Promise<Missing> =>
    (await (await agent.admin.fetch('/api/missing')).json()) as Missing;
  const bookAt = (path: string) => {
    const row = new FileIndex(agent.agent.ctx.db).missing().find((r) => r.rel_path === path);
    return row?.book_id ?? '';
  };

  beforeAll(async () => {
    for (const [dir, name, title] of [
      [library.path, 'dune.epub', 'Dune'],
      [library.path, 'emma.epub', 'Emma'],
      [library.path, 'stays.epub', 'Stays'],
      [share.path, 'far.epub', 'Far Away'],
      [share.path, 'near.epub', 'Near'],
    ] as const)
      writeFileSync(join(dir, name), await makeEpub({ title, authors: ['Someone'] }));
    agent = await startTestAgent(data.path, [library.path, share.path]);
    await agent.scan();
    const dune = new FileIndex(agent.agent.ctx.db)
      .present()
      .find((r) => r.rel_path === 'dune.epub');
    const edited = await send(`/api/books/${dune?.book_id}/fields/title`, 'PUT', {
      value: 'Dune (my edition)',
    });
    expect(edited.status).toBe(200);
    unlinkSync(join(library.path, 'dune.epub'));
    unlinkSync(join(library.path, 'emma.epub'));
    unlinkSync(join(share.path, 'far.epub'));
    await agent.scan();
    // The share goes away (not mounted): its books cannot be told missing now.
    renameSync(share.path, `${share.path}.away`);
  });
  afterAll(async () => {
    await agent?.close();
    renameSync(`${share.path}.away`, share.path);
    data.remove();
    library.remove();
    share.remove();
  });

  it('lists missing books with folder, last path and last seen; an unreachable folder apart', async () => {
    const missing = await list();
    expect(missing.books.map((b) => [b.title, b.path])).toEqual([
      ['Dune (my edition)', 'dune.epub'],
      ['Emma', 'emma.epub'],
    ]);
    for (const book of missing.books) {
      expect(book.folder).toBe(library.path);
      expect(Date.parse(book.lastSeen)).toBeGreaterThan(0);
    }
    expect(missing.unavailable).toEqual([
      expect.objectContaining({
        folder: share.path,
        cataloged: 1,
        reason: expect.stringMatching(/not there/) as string,
        books: [expect.objectContaining({ title: 'Far Away', path: 'far.epub' })],
      }),
    ]);
  });

  it('refuses a reader, and refuses to remove a book of an unreachable folder', async () => {
    const reader = await agent.signIn('rita', 'reader');
    expect((await reader.fetch('/api/missing')).status).toBe(403);
    expect((await send('/api/missing/remove', 'POST', { books: 'all' }, reader)).status).toBe(403);
    const refused = await send('/api/missing/remove', 'POST', { books: [bookAt('far.epub')] });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      error: 'unavailable',
      message: expect.stringMatching(/cannot be reached now/) as string,
    });
    expect(bookAt('far.epub')).not.toBe('');
  });

  it('removes a book, and undo restores it with the user’s edit', async () => {
    const ctx = agent.agent.ctx;
    const id = bookAt('dune.epub');
    const before = await ctx.catalog.get(bookDocId(ctx.library, id));
    const removed = await send('/api/missing/remove', 'POST', { books: [id] });
    expect(removed.status).toBe(200);
    const action = (await removed.json()) as MaintenanceAction;
    expect(action).toMatchObject({ kind: 'remove', state: 'done', books: ['Dune (my edition)'] });
    expect((await list()).books.map((b) => b.path)).toEqual(['emma.epub']);
    expect(await ctx.catalog.get(bookDocId(ctx.library, id))).toBeUndefined();

    const undone = await send(`/api/maintenance/${action.id}/undo`, 'POST', {});
    expect(undone.status).toBe(200);
    expect((await list()).books.map((b) => [b.title, b.path])).toEqual([
      ['Dune (my edition)', 'dune.epub'],
      ['Emma', 'emma.epub'],
    ]);
    const { _rev: _a, ...restored } = (await ctx.catalog.get(bookDocId(ctx.library, id))) ?? {};
    const { _rev: _b, ...original } = before ?? {};
    expect(restored).toEqual(original);
    const edit = readEditDoc(await ctx.catalog.get(editDocId(ctx.library, id)));
    expect(edit?.fields.title).toBe('Dune (my edition)');
  });

  it('removes all missing books but those of an unreachable folder', async () => {
    const removed = await send('/api/missing/remove', 'POST', { books: 'all' });
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as MaintenanceAction).books.sort()).toEqual([
      'Dune (my edition)',
      'Emma',
    ]);
    const missing = await list();
    expect(missing.books).toEqual([]);
    expect(missing.unavailable[0]?.books.map((b) => b.path)).toEqual(['far.epub']);
    expect(missing.actions[0]).toMatchObject({ kind: 'remove', state: 'done' });
  });
});
