import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualShelfDoc } from '#core/schema/shelf-doc';
import { openAgent } from '../../agent/agent';
import { backups } from '../../agent/backup/backups';
import { addFolder } from '../../agent/folders/folders';
import { AgentProcess, freePort } from '../e2e/support/agent-process';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../agent/bin/colophon.js');
const AT = new Date('2026-05-01T10:00:00.000Z');

async function colophon(...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Books, shelves and users of a data dir, as an agent started on it sees them. */
async function contents(dataDir: string) {
  const agent = await openAgent(dataDir);
  try {
    const books = await agent.ctx.catalog.db.allDocs({
      startkey: `book:${agent.ctx.library}:`,
      endkey: `book:${agent.ctx.library}:\ufff0`,
    });
    const users = agent.auth.users
      .list()
      .map((u) => `${u.username}:${u.role}`)
      .sort();
    const shelves: Record<string, unknown[]> = {};
    for (const u of agent.auth.users.list()) {
      if (!agent.databases.userExists(u.id)) continue;
      const docs = await agent.databases.user(u.id).db.allDocs({ include_docs: true });
      shelves[u.username] = docs.rows
        .filter((r) => r.id.startsWith('shelf:'))
        .map((r) => r.doc as unknown as { name: string; books: string[] })
        .map((d) => ({ name: d.name, books: d.books }));
    }
    return {
      library: agent.ctx.library,
      books: books.rows.map((r) => r.id).sort(),
      users,
      shelves,
    };
  } finally {
    await agent.close();
  }
}

describe('backup while the agent runs, restore into a fresh data folder', () => {
  const data = tempDir('backup-data');
  const library = tempDir('backup-library');
  const out = tempDir('backup-out');
  const fresh = tempDir('backup-fresh');
  let serve: AgentProcess;
  let before: Awaited<ReturnType<typeof contents>>;

  beforeAll(async () => {
    for (const [name, title] of [
      ['dune.epub', 'Dune'],
      ['emma.epub', 'Emma'],
    ] as const)
      writeFileSync(join(library.path, name), await makeEpub({ title, authors: ['Someone'] }));
    const agent = await openAgent(data.path);
    addFolder(agent.ctx.db, library.path);
    agent.runner.start();
    agent.scan();
    await agent.runner.idle();
    const rita = await agent.auth.users.add('rita', 'correct horse battery', 'reader');
    const ids = (await agent.ctx.catalog.db.allDocs({ startkey: 'book:', endkey: 'book:\ufff0' }))
      .rows;
    await agent.databases
      .user(rita.id)
      .db.put(
        manualShelfDoc({ key: 'summer', name: 'Summer', device: 'phone', at: AT }, [
          ids[0]?.id ?? '',
        ]),
      );
    await agent.close();
    before = await contents(data.path);
    serve = new AgentProcess(await freePort(), data.path, []);
    await serve.start();
  }, 180_000);
  afterAll(async () => {
    await serve?.stop();
    for (const dir of [data, library, out, fresh]) dir.remove();
  });

  it('writes the backup through the running agent, with its manifest', async () => {
    const target = join(out.path, 'one');
    // A browser's checkpoint on the catalog: it counts the live store's sequence numbers.
    const live = new Database(join(data.path, 'colophon.sqlite'));
    live
      .prepare(
        "INSERT INTO catalog_checkpoints (user_id, id, rev, body, bytes, updated_at) VALUES ('u', '_local/x', 1, '{}', 2, 0)",
      )
      .run();
    live.close();
    const result = await colophon('backup', target, '--data', data.path);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      'An agent is running on this data folder: it writes the backup.',
    );
    expect(result.stdout).toContain('2 books, 2 users');
    const manifest = JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8')) as {
      format: string;
      counts: { books: number; users: number };
    };
    expect(manifest).toMatchObject({ format: 'colophon-backup', counts: { books: 2, users: 2 } });
    const copy = new Database(join(target, 'colophon.sqlite'), { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM catalog_checkpoints').get()).toEqual({ n: 0 });
    copy.close();
    expect(readdirSync(join(target, 'pouch')).sort()).toEqual(
      readdirSync(join(data.path, 'pouch')).sort(),
    );
    // A folder that is not empty is refused, in words.
    const again = await colophon('backup', target, '--data', data.path);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not empty');
  });

  it('exports a user’s data through the running agent, as that user', async () => {
    const file = join(out.path, 'rita.json');
    const result = await colophon('export', '--user', 'rita', file, '--data', data.path);
    expect(result.stderr).toBe('');
    const body = JSON.parse(readFileSync(file, 'utf8')) as {
      user: { name: string };
      shelves: { name: string }[];
      edits?: unknown;
    };
    expect(body.user.name).toBe('rita');
    expect(body.shelves.map((s) => s.name)).toEqual(['Summer']);
    expect(body.edits).toBeUndefined();
  });

  it('refuses to restore while the agent runs, and changes nothing', async () => {
    const result = await colophon('restore', join(out.path, 'one'), '--data', data.path);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('An agent is running on');
    expect(result.stderr).toContain('Nothing was changed');
    expect(existsSync(join(data.path, 'colophon.sqlite'))).toBe(true);
  });

  it('refuses a folder that is not a backup', async () => {
    const result = await colophon('restore', library.path, '--data', fresh.path);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a Colophon backup');
  });

  it('restores into a fresh folder: an agent there has the same books, shelves and users', async () => {
    const admin = `admin:admin`;
    const result = await colophon('restore', join(out.path, 'one'), '--data', fresh.path);
    expect(result.code).toBe(0);
    const after = await contents(fresh.path);
    expect(after).toEqual({ ...before, users: [...before.users, admin].sort() });
    expect(after.shelves.rita).toEqual([{ name: 'Summer', books: expect.any(Array) as unknown }]);
    expect(after.books).toHaveLength(2);
  });

  it('keeps the data folder it replaces aside, renamed', async () => {
    const result = await colophon('restore', join(out.path, 'one'), '--data', fresh.path);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('is kept at');
    const kept = readdirSync(join(fresh.path, '..')).filter((n) =>
      n.startsWith(`${fresh.path.split('/').at(-1)}.before-restore-`),
    );
    expect(kept).toHaveLength(1);
    for (const name of kept) rmSync(join(fresh.path, '..', name), { recursive: true, force: true });
  });
});

describe('scheduled backups', () => {
  const data = tempDir('backup-schedule-data');
  const out = tempDir('backup-schedule-out');
  afterAll(() => {
    data.remove();
    out.remove();
  });

  it('backs up when due by the injected clock, then not again until N days later', async () => {
    const agent = await openAgent(data.path);
    try {
      let now = Date.parse('2026-05-01T03:00:00.000Z');
      const { schedule } = backups(agent, () => now);
      await schedule.check();
      expect(readdirSync(out.path)).toEqual([]); // off by default
      agent.settings.set('backupSchedule', { everyDays: 2, folder: out.path });
      await schedule.check();
      expect(readdirSync(out.path)).toEqual(['colophon-backup-2026-05-01-030000']);
      now += 24 * 60 * 60 * 1000;
      await schedule.check();
      expect(readdirSync(out.path)).toHaveLength(1);
      now += 24 * 60 * 60 * 1000;
      await schedule.check();
      expect(readdirSync(out.path).sort()).toEqual([
        'colophon-backup-2026-05-01-030000',
        'colophon-backup-2026-05-03-030000',
      ]);
      expect(existsSync(join(out.path, 'colophon-backup-2026-05-03-030000', 'manifest.json'))).toBe(
        true,
      );
      expect(schedule.status().nextAt).toBe('2026-05-05T03:00:00.000Z');
    } finally {
      await agent.close();
    }
  });
});
