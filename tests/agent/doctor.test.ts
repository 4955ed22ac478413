import { execFile } from 'node:child_process';
import { mkdirSync, unlinkSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorRepair, DoctorReport } from '#core/api/library-care';
import { bookDocId } from '#core/schema/book-doc';
import { FileIndex } from '../../agent/scan/file-index';
import { makeEpub } from '../support/make-epub';
import { sampleBookDoc } from '../support/sample-book';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../agent/bin/colophon.js');

describe('check the library: each kind of problem is found, and repaired', () => {
  const data = tempDir('doctor-data');
  const library = tempDir('doctor-library');
  let lib: TestAgent;
  const orphan = () => join(data.path, 'covers', 'ab', `${'ab'.repeat(32)}-small.webp`);
  const check = async (): Promise<DoctorReport> => {
    const res = await lib.admin.fetch('/api/doctor/check', { method: 'POST' });
    expect(res.status).toBe(200);
    return (await res.json()) as DoctorReport;
  };
  const bookId = (path: string) =>
    new FileIndex(lib.agent.ctx.db).present().find((r) => r.rel_path === path)?.book_id ?? '';

  beforeAll(async () => {
    for (const [name, title] of [
      ['dune.epub', 'Dune'],
      ['emma.epub', 'Emma'],
      ['gone.epub', 'Gone'],
    ] as const)
      writeFileSync(join(library.path, name), await makeEpub({ title, authors: ['Someone'] }));
    lib = await startTestAgent(data.path, [library.path]);
    await lib.scan();
  });
  afterAll(async () => {
    await lib?.close();
    data.remove();
    library.remove();
  });

  it('finds nothing wrong in a freshly scanned library', async () => {
    const report = await check();
    expect(report).toMatchObject({
      missingBooks: 0,
      unknownFiles: { count: 0 },
      orphanCovers: { count: 0 },
      openJournal: [],
      notInCatalog: { count: 0 },
      notInIndex: { count: 0 },
    });
  });

  it('refuses a reader', async () => {
    const reader = await lib.signIn('rita', 'reader');
    expect((await reader.fetch('/api/doctor/check', { method: 'POST' })).status).toBe(403);
    expect((await reader.fetch('/api/doctor/repair', { method: 'POST' })).status).toBe(403);
  });

  it('finds each problem, repairs what is safe, and never touches a book file', async () => {
    // A missing book: its file deleted, then a scan.
    unlinkSync(join(library.path, 'gone.epub'));
    await lib.scan();
    // A book file nobody cataloged (no watcher runs here).
    writeFileSync(join(library.path, 'new.epub'), await makeEpub({ title: 'New', authors: ['A'] }));
    // A thumbnail no book names, old enough not to be one being made.
    mkdirSync(join(data.path, 'covers', 'ab'), { recursive: true });
    writeFileSync(orphan(), 'not a real thumbnail');
    const old = new Date(Date.now() - 3 * 60 * 60 * 1000);
    utimesSync(orphan(), old, old);
    // A tidy-up a crash left running.
    lib.agent.ctx.db
      .prepare(
        "INSERT INTO maintenance_actions (id, kind, state, files, summary, books, created_at) VALUES ('crashed', 'remove', 'running', '[]', 'Removed 0 books.', '[]', ?)",
      )
      .run(Date.now());
    // The catalog lost Emma's document; it has one for a book the file index never had.
    const emma = bookId('emma.epub');
    await lib.agent.ctx.catalog.remove([bookDocId(lib.agent.ctx.library, emma)]);
    const stray = sampleBookDoc('stray');
    await lib.agent.ctx.catalog.upsert([
      { ...stray, _id: bookDocId(lib.agent.ctx.library, 'stray') },
    ]);

    const report = await check();
    expect(report.missingBooks).toBe(1);
    expect(report.unknownFiles).toEqual({
      count: 1,
      sample: [{ folder: library.path, path: 'new.epub' }],
    });
    expect(report.orphanCovers.count).toBe(1);
    expect(report.openJournal).toEqual([{ kind: 'tidy-up', id: 'crashed', state: 'running' }]);
    expect(report.notInCatalog).toEqual({
      count: 1,
      sample: [{ folder: library.path, path: 'emma.epub' }],
    });
    expect(report.notInIndex.count).toBe(1);

    const res = await lib.admin.fetch('/api/doctor/repair', { method: 'POST' });
    expect(res.status).toBe(200);
    const repair = (await res.json()) as DoctorRepair;
    expect(repair.done.join(' ')).toMatch(/Deleted 1 cover thumbnail/);
    expect(repair.scanJob).toBeDefined();
    await lib.agent.runner.idle();

    expect(existsSync(orphan())).toBe(false);
    const after = await check();
    expect(after).toMatchObject({
      missingBooks: 1,
      unknownFiles: { count: 0 },
      orphanCovers: { count: 0 },
      openJournal: [],
      notInCatalog: { count: 0 },
      notInIndex: { count: 0 },
    });
    // Emma is back, read again (her title), under the same id; New is cataloged; the files are all there.
    const doc = await lib.agent.ctx.catalog.get(bookDocId(lib.agent.ctx.library, emma));
    expect(JSON.stringify(doc?.extraction)).toContain('"Emma"');
    expect(bookId('new.epub')).not.toBe('');
    for (const name of ['dune.epub', 'emma.epub', 'new.epub'])
      expect(existsSync(join(library.path, name))).toBe(true);
  });
});

describe('colophon doctor, with no agent running', () => {
  const data = tempDir('doctor-cli-data');
  const library = tempDir('doctor-cli-library');
  afterAll(() => {
    data.remove();
    library.remove();
  });

  async function colophon(...args: string[]) {
    try {
      const { stdout, stderr } = await run('node', [BIN, ...args, '--data', data.path], {
        timeout: 120_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('reports, exits 1 until repaired, and --repair catalogs the unknown file', async () => {
    writeFileSync(join(library.path, 'a.epub'), await makeEpub({ title: 'A', authors: ['X'] }));
    expect((await colophon('scan', library.path)).code).toBe(0);
    expect((await colophon('doctor')).stdout).toContain('The library is healthy');
    writeFileSync(join(library.path, 'b.epub'), await makeEpub({ title: 'B', authors: ['X'] }));
    const found = await colophon('doctor');
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('1 book file in the library folders is not in the catalog.');
    expect(found.stdout).toContain('colophon doctor --repair');
    const repaired = await colophon('doctor', '--repair');
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain('Queued a scan of 1 library folder');
    expect((await colophon('doctor')).stdout).toContain('The library is healthy');
  });
});
