import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Duplicates, MaintenanceAction } from '#core/api/maintenance';
import { bookDocId } from '#core/schema/book-doc';
import { FileIndex } from '../../agent/scan/file-index';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

describe('duplicates: exact copies listed, kept one, both or ignored, and undone', () => {
  const data = tempDir('dupes-data');
  const library = tempDir('dupes-library');
  let agent: TestAgent;
  let reader: TestSession;
  let dune: Uint8Array;
  let emma: Uint8Array;

  const post = (path: string, body: unknown, session = agent.admin) =>
    session.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const list = async (): Promise<Duplicates> =>
    (await (await agent.admin.fetch('/api/duplicates')).json()) as Duplicates;
  const groupOf = async (path: string) =>
    (await list()).groups.find((g) => g.files.some((f) => f.path === path));

  beforeAll(async () => {
    dune = await makeEpub({ title: 'Dune', authors: ['Frank Herbert'] });
    emma = await makeEpub({ title: 'Emma', authors: ['Jane Austen'] });
    mkdirSync(join(library.path, 'copies'));
    writeFileSync(join(library.path, 'dune.epub'), dune);
    writeFileSync(join(library.path, 'copies', 'dune (1).epub'), dune);
    writeFileSync(join(library.path, 'emma.epub'), emma);
    writeFileSync(join(library.path, 'copies', 'emma.epub'), emma);
    writeFileSync(
      join(library.path, 'alone.epub'),
      await makeEpub({ title: 'Alone', authors: ['Nobody'] }),
    );
    agent = await startTestAgent(data.path, [library.path]);
    reader = await agent.signIn('rita', 'reader');
    await agent.scan();
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('lists each group of copies with its files, folders, sizes and books', async () => {
    const { groups } = await list();
    expect(groups).toHaveLength(2);
    const group = await groupOf('dune.epub');
    expect(group?.files.map((f) => f.path).sort()).toEqual(['copies/dune (1).epub', 'dune.epub']);
    for (const file of group?.files ?? [])
      expect(file).toMatchObject({
        title: 'Dune',
        authors: ['Frank Herbert'],
        folder: library.path,
        size: dune.byteLength,
        addedAt: expect.any(String) as string,
      });
    expect(new Set(group?.files.map((f) => f.bookId)).size).toBe(2);
  });

  it('refuses a reader, as JSON without a stack', async () => {
    for (const response of [
      await reader.fetch('/api/duplicates'),
      await post('/api/duplicates/keep-both', { key: 'x' }, reader),
      await post('/api/maintenance/x/undo', {}, reader),
    ]) {
      expect(response.status).toBe(403);
      const body = (await response.json()) as { error: string; stack?: string };
      expect(body.error).toBe('forbidden');
      expect(body.stack).toBeUndefined();
    }
  });

  it('refuses keep-one when the files confirmed are not the group’s others', async () => {
    const group = await groupOf('dune.epub');
    const [keep] = group?.files ?? [];
    const response = await post('/api/duplicates/keep-one', {
      key: group?.key,
      keep: keep?.fileId,
      move: [keep?.fileId],
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { message: string }).message).toMatch(/Reload the page/);
    expect(existsSync(join(library.path, 'dune.epub'))).toBe(true);
  });

  it('keeps one: the other moves to the trash (never deleted), its book leaves; undo puts all back', async () => {
    const group = await groupOf('dune.epub');
    const keep = group?.files.find((f) => f.path === 'dune.epub');
    const other = group?.files.find((f) => f.path !== 'dune.epub');
    if (!group || !keep || !other) throw new Error('no group');
    const before = await agent.agent.ctx.catalog.get(
      bookDocId(agent.agent.ctx.library, other.bookId),
    );
    const rowBefore = new FileIndex(agent.agent.ctx.db).at(other.folderId, other.path);

    const response = await post('/api/duplicates/keep-one', {
      key: group.key,
      keep: keep.fileId,
      move: [other.fileId],
    });
    expect(response.status).toBe(200);
    const action = (await response.json()) as MaintenanceAction;
    expect(action).toMatchObject({ kind: 'keep-one', state: 'done' });
    expect(action.summary).toMatch(/Kept “Dune” at dune\.epub; 1 copy moved to the trash folder/);

    const trashed = join(library.path, '.colophon-trash', action.id, other.path);
    expect(existsSync(join(library.path, other.path))).toBe(false);
    expect(readFileSync(trashed)).toEqual(Buffer.from(dune));
    expect(existsSync(join(library.path, 'dune.epub'))).toBe(true);
    const ctx = agent.agent.ctx;
    expect(await ctx.catalog.get(bookDocId(ctx.library, other.bookId))).toBeUndefined();
    expect(await ctx.catalog.get(bookDocId(ctx.library, keep.bookId))).toBeDefined();
    expect(new FileIndex(ctx.db).at(other.folderId, other.path)).toBeUndefined();
    expect(await groupOf('dune.epub')).toBeUndefined();
    expect((await list()).actions[0]).toMatchObject({ id: action.id, state: 'done' });

    // A rescan neither brings the copy back nor marks anything missing.
    await agent.scan();
    expect(await groupOf('dune.epub')).toBeUndefined();
    expect(new FileIndex(ctx.db).missing()).toEqual([]);

    const undone = await post(`/api/maintenance/${action.id}/undo`, {});
    expect(undone.status).toBe(200);
    expect(await undone.json()).toMatchObject({ id: action.id, state: 'undone' });
    expect(readFileSync(join(library.path, other.path))).toEqual(Buffer.from(dune));
    expect(existsSync(join(library.path, '.colophon-trash', action.id))).toBe(false);
    const after = await ctx.catalog.get(bookDocId(ctx.library, other.bookId));
    const { _rev: _a, ...restored } = after ?? {};
    const { _rev: _b, ...original } = before ?? {};
    expect(restored).toEqual(original);
    expect(new FileIndex(ctx.db).at(other.folderId, other.path)).toEqual(rowBefore);
    expect((await groupOf('dune.epub'))?.files).toHaveLength(2);

    const again = await post(`/api/maintenance/${action.id}/undo`, {});
    expect(again.status).toBe(409);
  });

  for (const kind of ['keep-both', 'ignore'] as const) {
    it(`${kind} hides the group; undo shows it again`, async () => {
      const group = await groupOf('emma.epub');
      const response = await post(`/api/duplicates/${kind}`, { key: group?.key });
      expect(response.status).toBe(200);
      const action = (await response.json()) as MaintenanceAction;
      expect(action).toMatchObject({ kind, state: 'done' });
      expect(await groupOf('emma.epub')).toBeUndefined();
      expect(existsSync(join(library.path, 'copies', 'emma.epub'))).toBe(true);
      await post(`/api/maintenance/${action.id}/undo`, {});
      expect((await groupOf('emma.epub'))?.files).toHaveLength(2);
    });
  }

  it('shows an ignored group again once its files change (a new copy)', async () => {
    const group = await groupOf('emma.epub');
    await post('/api/duplicates/ignore', { key: group?.key });
    expect(await groupOf('emma.epub')).toBeUndefined();
    writeFileSync(join(library.path, 'copies', 'emma again.epub'), emma);
    await agent.scan();
    expect((await groupOf('emma.epub'))?.files).toHaveLength(3);
  });
});
