import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '#core/api/jobs';
import { openAgent } from '../../agent/agent';
import { backups } from '../../agent/backup/backups';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

const DAY = 24 * 60 * 60 * 1000;

/** Things in the backup folder that are not this library's backups, which pruning must leave. */
function strangers(folder: string): string[] {
  // A backup cut short (no manifest), with a dated name.
  mkdirSync(join(folder, 'colophon-backup-2020-01-01-000000'));
  writeFileSync(join(folder, 'colophon-backup-2020-01-01-000000', 'colophon.sqlite'), 'half');
  // Another library's backup, dated and with a manifest.
  mkdirSync(join(folder, 'colophon-backup-2020-01-02-000000'));
  writeFileSync(join(folder, 'colophon-backup-2020-01-02-000000', 'colophon.sqlite'), '');
  writeFileSync(
    join(folder, 'colophon-backup-2020-01-02-000000', 'manifest.json'),
    JSON.stringify({
      format: 'colophon-backup',
      version: 1,
      createdAt: '2020-01-02T00:00:00.000Z',
      library: 'another-library',
      schemaVersion: 1,
      counts: { books: 0, users: 0, databases: 0, covers: 0 },
    }),
  );
  // The admin's own things.
  mkdirSync(join(folder, 'photos'));
  writeFileSync(join(folder, 'notes.txt'), 'mine');
  return [
    'colophon-backup-2020-01-01-000000',
    'colophon-backup-2020-01-02-000000',
    'notes.txt',
    'photos',
  ];
}

describe('scheduled backups keep the last N', () => {
  const data = tempDir('backup-keep-data');
  const out = tempDir('backup-keep-out');
  afterAll(() => {
    data.remove();
    out.remove();
  });

  it('removes the older dated backups of this library after each one, and nothing else', async () => {
    const others = strangers(out.path);
    const agent = await openAgent(data.path);
    try {
      let now = Date.parse('2026-05-01T03:00:00.000Z');
      const { schedule } = backups(agent, () => now);
      agent.settings.set('backupSchedule', { everyDays: 1, folder: out.path, keep: 2 });
      const dated = () =>
        readdirSync(out.path)
          .filter((name) => !others.includes(name))
          .sort();
      for (let day = 0; day < 4; day++) {
        await schedule.check();
        now += DAY;
      }
      expect(schedule.status().lastError).toBeUndefined();
      expect(dated()).toEqual([
        'colophon-backup-2026-05-03-030000',
        'colophon-backup-2026-05-04-030000',
      ]);
      expect(
        readdirSync(out.path)
          .filter((name) => others.includes(name))
          .sort(),
      ).toEqual(others);

      // 0 keeps all.
      agent.settings.set('backupSchedule', { everyDays: 1, folder: out.path, keep: 0 });
      await schedule.check();
      expect(dated()).toHaveLength(3);
      // A schedule saved before the setting existed keeps 7.
      agent.settings.set('backupSchedule', { everyDays: 1, folder: out.path });
      expect(agent.settings.get('backupSchedule').keep).toBe(7);
    } finally {
      await agent.close();
    }
  });
});

describe('Back up now', () => {
  const data = tempDir('backup-now-data');
  const library = tempDir('backup-now-library');
  const out = tempDir('backup-now-out');
  const typed = tempDir('backup-now-typed');
  let lib: TestAgent;
  let now = Date.parse('2026-12-07T10:00:00.000Z');

  const backUpNow = async (body: Record<string, unknown>): Promise<Job> => {
    const res = await lib.admin.fetch('/api/backup/now', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    const job = (await res.json()) as Job;
    expect(job.kind).toBe('backup');
    await lib.agent.runner.idle();
    now += 60_000;
    return (await (await lib.admin.fetch(`/api/jobs/${job.id}`)).json()) as Job;
  };

  beforeAll(async () => {
    writeFileSync(
      join(library.path, 'dune.epub'),
      await makeEpub({ title: 'Dune', authors: ['F'] }),
    );
    lib = await startTestAgent(data.path, [library.path]);
    backups(lib.agent, () => now);
    await lib.scan();
  });
  afterAll(async () => {
    await lib?.close();
    for (const dir of [data, library, out, typed]) dir.remove();
  });

  it('says in words when there is no folder to back up to', async () => {
    const res = await lib.admin.fetch('/api/backup/now', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toMatch(/Type the folder to back up to/);
  });

  it('writes a dated backup to the schedule’s folder as a job, says where and how big, and keeps N', async () => {
    lib.agent.settings.set('backupSchedule', { everyDays: 0, folder: out.path, keep: 2 });
    const first = await backUpNow({});
    expect(first.state).toBe('done');
    expect(first.result?.folder).toBe(join(out.path, 'colophon-backup-2026-12-07-100000'));
    expect(first.result?.bytes).toBeGreaterThan(0);
    expect(first.result?.books).toBe(1);
    expect(readdirSync(String(first.result?.folder))).toContain('manifest.json');
    await backUpNow({});
    const third = await backUpNow({});
    expect(third.result?.removed).toBe(1);
    expect(readdirSync(out.path).sort()).toEqual([
      'colophon-backup-2026-12-07-100100',
      'colophon-backup-2026-12-07-100200',
    ]);
    // The schedule counts from it.
    expect(backups(lib.agent).schedule.status().lastFolder).toBe(third.result?.folder);
  });

  it('writes to a folder typed instead, and a failure ends the job with its sentence', async () => {
    const job = await backUpNow({ folder: typed.path });
    expect(String(job.result?.folder).startsWith(typed.path)).toBe(true);
    const inside = await backUpNow({ folder: join(data.path, 'backups') });
    expect(inside.state).toBe('failed');
    expect(inside.error).toMatch(/inside the data folder it would back up/);
  });

  it('is not a reader’s', async () => {
    const reader = await lib.signIn('rita', 'reader');
    const res = await reader.fetch('/api/backup/now', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    const list = (await (await reader.fetch('/api/jobs')).json()) as Job[];
    expect(list.some((j) => j.kind === 'backup')).toBe(false);
  });
});
