import { linkSync, renameSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openAgent } from '../../agent/agent';
import { newId } from '../../agent/ids';
import { LibraryLock } from '../../agent/rename/library-lock';
import { recoverRenames } from '../../agent/rename/recovery';
import { RenameService } from '../../agent/rename/rename-service';
import { createApp } from '../../agent/server/app';
import { BUILD_DIR } from '../../agent/server/ensure-build';
import { type EpubSpec } from '../support/make-epub';
import {
  PATTERN,
  type Library,
  library,
  request,
  control,
  journal,
  rename,
  undo,
  tree,
  expectIndexAgrees,
  author,
  closeLibraries,
  forget,
} from '../support/rename-library';

afterEach(closeLibraries);

describe('cancel and recovery', () => {
  const books: Record<string, EpubSpec | string> = {};
  for (let i = 0; i < 6; i++) {
    books[`in/book-${i}.epub`] = { title: `Book ${i}`, ...author('Some Writer') };
    books[`in/book-${i}.jpg`] = `cover ${i}`;
  }

  it('cancel stops between books (a book and its companions move together); undo restores', async () => {
    const lib = await library(books);
    const original = tree(lib.root);
    let moves = 0;
    const ctl = control({ shouldStop: () => moves >= 3, progress: () => void moves++ });
    const { batch, outcome, planned } = await rename(lib, request(), undefined, ctl);
    expect(outcome.stopped).toBe(true);
    expect(batch?.state).toBe('cancelled');
    // Stopped after book 1's companion, not between book 1 and its cover.
    expect(batch?.counts).toMatchObject({ committed: 4, planned: 8 });
    await expectIndexAgrees(lib);
    await undo(lib, planned.batchId);
    expect(tree(lib.root)).toEqual(original);
  });

  it('a crash after a move, before the journal said so: the next open finishes the batch', async () => {
    const lib = await library(books);
    const original = tree(lib.root);
    const service = lib.service();
    const planned = await journal(lib, request(), service);
    // Book 0 and its cover moved and journaled; book 1's move done on disk only, as a link
    // not yet unlinked (the instant between the two system calls).
    let moved = 0;
    const first = control({ shouldStop: () => moved >= 2, progress: () => void moved++ });
    await service.run(planned.batchId, first, { resume: false });
    const inFlight = service.journal.entries(planned.batchId).find((e) => e.state === 'planned');
    if (!inFlight) throw new Error('nothing left to do');
    linkSync(inFlight.from, inFlight.to);
    await lib.agent.close();
    forget(lib);

    const agent = await openAgent(lib.data);
    try {
      const batch = new RenameService(agent.ctx).journal.get(planned.batchId);
      expect(batch).toMatchObject({ state: 'done', recoveries: 1, counts: { committed: 12 } });
      const files = tree(lib.root).files;
      expect(Object.keys(files)).toHaveLength(12);
      expect(Object.values(files).sort()).toEqual(Object.values(original.files).sort());
      const recovered = agent.oplog.list({ limit: 50 }).map((op) => op.kind);
      expect(recovered).toContain('rename.recovering');
      expect(recovered).toContain('rename.recovered');
      expect(await recoverRenames(agent)).toEqual([]);
    } finally {
      await agent.close();
      rmSync(lib.root, { recursive: true, force: true });
      rmSync(lib.data, { recursive: true, force: true });
    }
  });
});

describe('a batch that keeps crashing the agent', () => {
  it('is brought to a safe point and left interrupted after the third restart, and can be undone', async () => {
    const lib = await library({
      'Emma.epub': { title: 'Dune' },
      'Dune.epub': { title: 'Emma' },
      'z.epub': { title: 'Zebra' },
    });
    const original = tree(lib.root);
    const service = lib.service();
    const planned = await journal(lib, request({ pattern: '${title}.${ext}' }), service);
    // The first move (to a temporary name) done on disk; the journal did not get to say so.
    const [first] = service.journal.entries(planned.batchId);
    if (!first?.temporary) throw new Error('expected the swap to start with a temporary move');
    renameSync(first.from, first.to);
    lib.agent.ctx.db
      .prepare('UPDATE rename_batches SET recoveries = 3 WHERE id = ?')
      .run(planned.batchId);
    await lib.agent.close();
    forget(lib);

    const agent = await openAgent(lib.data);
    try {
      const again = new RenameService(agent.ctx);
      const batch = again.journal.get(planned.batchId);
      // The swap is completed (no file left at a temporary name), the rest left planned.
      expect(batch).toMatchObject({ state: 'interrupted', counts: { committed: 3, planned: 1 } });
      expect(batch?.message).toMatch(/undo the batch/);
      expect(Object.keys(tree(lib.root).files).sort()).toEqual([
        'Dune.epub',
        'Emma.epub',
        'z.epub',
      ]);
      const undoId = newId(10);
      again.beginUndo(planned.batchId, undoId, undefined, () => {});
      await again.run(undoId, control(), { resume: false });
      expect(tree(lib.root)).toEqual(original);
    } finally {
      await agent.close();
      rmSync(lib.root, { recursive: true, force: true });
      rmSync(lib.data, { recursive: true, force: true });
    }
  });
});

describe('the library lock', () => {
  it('lets one scan or rename at a time touch the library, first come first served', async () => {
    const lock = new LibraryLock();
    const order: string[] = [];
    const hold = async (who: string, ms: number) => {
      const release = await lock.acquire(who);
      order.push(`${who} in`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      order.push(`${who} out`);
      release();
    };
    await Promise.all([hold('rename', 30), hold('scan', 1), hold('rename 2', 1)]);
    expect(order).toEqual([
      'rename in',
      'rename out',
      'scan in',
      'scan out',
      'rename 2 in',
      'rename 2 out',
    ]);
    expect(lock.holder).toBeUndefined();
  });
});

describe('the HTTP API', () => {
  async function serve(lib: Library) {
    await lib.agent.auth.users.add('admin', 'a long admin password', 'admin');
    const app = createApp(lib.agent, { buildDir: BUILD_DIR });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    const url = `http://127.0.0.1:${address.port}`;
    const login = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'a long admin password' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrf } = (await login.json()) as { csrf: string };
    const call = async (path: string, body?: unknown) => {
      const response = await fetch(`${url}/api${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    return {
      call,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  it('previews paged and searchable, refuses bad patterns and stale plans, executes, lists, undoes', async () => {
    const lib = await library({
      'x/a.epub': { title: 'Dune', ...author('Frank Herbert') },
      'y/b.epub': { title: 'Dune', ...author('Frank Herbert') },
      'z/c.epub': { title: 'Emma', ...author('Jane Austen') },
    });
    const http = await serve(lib);
    try {
      const bad = await http.call('/rename/preview', { pattern: '${nope}.${ext}' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: 'bad-pattern', position: expect.any(Number) });

      const body = { pattern: PATTERN, onConflict: 'suffix', profile: 'linux' };
      const preview = await http.call('/rename/preview', { ...body, pageSize: 2 });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ total: 3, page: 1, summary: { move: 3 } });
      expect(preview.body.entries).toHaveLength(2);
      const conflicts = await http.call('/rename/preview', {
        ...body,
        batchId: preview.body.batchId,
        filter: 'conflicts',
        search: 'herbert',
      });
      expect(conflicts.body.planHash).toBe(preview.body.planHash);
      const listed = conflicts.body.entries as {
        to: string;
        conflicts: { resolution: string }[];
      }[];
      expect(listed.map((e) => e.to)).toContain('Herbert, Frank/Dune (1).epub');
      expect(listed.flatMap((e) => e.conflicts.map((c) => c.resolution))).toContain('suffix');

      const stale = await http.call('/rename', {
        ...body,
        batchId: preview.body.batchId,
        planHash: 'not the hash',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toBe('plan-changed');

      const run = await http.call('/rename', {
        ...body,
        batchId: preview.body.batchId,
        planHash: preview.body.planHash,
      });
      expect(run.status).toBe(202);
      await lib.agent.runner.idle();
      const batches = await http.call('/rename/batches');
      expect(batches.body).toMatchObject([{ id: preview.body.batchId, state: 'done' }]);
      const detail = await http.call(`/rename/batches/${String(preview.body.batchId)}`);
      expect((detail.body.entries as unknown[]).length).toBe(3);
      expect((detail.body.log as { kind: string }[]).map((l) => l.kind)).toContain('rename.done');

      const again = await http.call('/rename', {
        ...body,
        batchId: preview.body.batchId,
        planHash: preview.body.planHash,
      });
      expect(again.status).toBe(409);

      const undone = await http.call(`/rename/batches/${String(preview.body.batchId)}/undo`, {});
      expect(undone.status).toBe(202);
      await lib.agent.runner.idle();
      expect(Object.keys(tree(lib.root).files).sort()).toEqual([
        'x/a.epub',
        'y/b.epub',
        'z/c.epub',
      ]);
      const twice = await http.call(`/rename/batches/${String(preview.body.batchId)}/undo`, {});
      expect(twice.status).toBe(409);
    } finally {
      await http.close();
    }
  });
});
