import {
  copyFileSync,
  mkdirSync,
  renameSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
  openSync,
  closeSync,
  unlinkSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { corpusDir, corpusFiles, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

async function books(agent: TestAgent): Promise<BookDoc[]> {
  const all = await agent.agent.ctx.catalog.db.allDocs({
    include_docs: true,
    startkey: 'book:',
    endkey: 'book:\uffff',
  });
  return all.rows.map((r) => readBookDoc(r.doc)).filter((d): d is BookDoc => d !== undefined);
}

function logKinds(agent: TestAgent, jobId: number): string[] {
  return agent.agent.oplog.list({ jobId, limit: 1000 }).map((op) => op.kind);
}

describe('scan: moves, links, odd files', () => {
  const data = tempDir('scan-data');
  const library = tempDir('scan-library');
  let agent: TestAgent;

  beforeAll(async () => {
    mkdirSync(join(library.path, 'Shelf'));
    writeFileSync(
      join(library.path, 'Shelf', 'wanderer.epub'),
      await makeEpub({ title: 'The Wanderer', authors: ['Mo Ver'] }),
    );
    writeFileSync(join(library.path, 'stay.epub'), await makeEpub({ title: 'Stay Put' }));
    mkdirSync(join(library.path, 'Ünïcödé 東京'));
    writeFileSync(
      join(library.path, 'Ünïcödé 東京', 'Ästhetik — ein Buch.epub'),
      await makeEpub({ title: 'Ästhetik' }),
    );
    // A link loop, a link to a file, a broken link and an empty folder.
    symlinkSync(library.path, join(library.path, 'Shelf', 'loop'));
    symlinkSync(join(library.path, 'stay.epub'), join(library.path, 'Shelf', 'stay-link.epub'));
    symlinkSync(join(library.path, 'nowhere.epub'), join(library.path, 'broken.epub'));
    mkdirSync(join(library.path, 'Empty'));
    agent = await startTestAgent(data.path, [library.path]);
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('follows links without looping, and logs broken links and empty folders', async () => {
    const job = await agent.scan();
    expect(job.state).toBe('done');
    const paths = (await books(agent)).map((b) => b.path).sort();
    expect(paths).toEqual([
      'Shelf/stay-link.epub',
      'Shelf/wanderer.epub',
      'stay.epub',
      'Ünïcödé 東京/Ästhetik — ein Buch.epub',
    ]);
    const notices = agent.agent.oplog
      .list({ jobId: job.id })
      .filter((op) => op.kind === 'scan.notice');
    expect(notices.map((n) => n.message).join('\n')).toMatch(/Broken link/);
    expect(notices.map((n) => n.message).join('\n')).toMatch(/Empty folder/);
    expect(notices.map((n) => n.message).join('\n')).toMatch(/already scanned/);
  });

  it('keeps a moved or renamed file the same book, with the same id', async () => {
    const before = (await books(agent)).find((b) => b.path === 'Shelf/wanderer.epub');
    mkdirSync(join(library.path, 'Moved'));
    renameSync(
      join(library.path, 'Shelf', 'wanderer.epub'),
      join(library.path, 'Moved', 'The Wanderer (renamed).epub'),
    );
    const job = await agent.scan();
    const after = await books(agent);
    const moved = after.find((b) => b._id === before?._id);
    expect(moved?.path).toBe('Moved/The Wanderer (renamed).epub');
    expect(moved?.status).toBe('ok');
    expect(moved?.addedAt).toBe(before?.addedAt);
    expect(after).toHaveLength(4);
    expect(job.result?.moved).toBe(1);
    expect(job.result?.missing).toBe(0);
    expect(logKinds(agent, job.id)).toContain('book.moved');
  });

  it('a copy of a file still on disk is a new book; a deleted file is missing, once', async () => {
    const stay = (await books(agent)).find((b) => b.path === 'stay.epub');
    copyFileSync(join(library.path, 'stay.epub'), join(library.path, 'Shelf', 'stay-copy.epub'));
    const added = await agent.scan();
    const copy = (await books(agent)).find((b) => b.path === 'Shelf/stay-copy.epub');
    expect(copy?._id).not.toBe(stay?._id);
    expect((await books(agent)).find((b) => b._id === stay?._id)?.path).toBe('stay.epub');
    expect(added.result).toMatchObject({ read: 1, moved: 0, missing: 0 });
    // The spec's "conflicts when the same file appears in multiple locations": logged, with both.
    const duplicate = agent.agent.oplog
      .list({ jobId: added.id })
      .find((op) => op.kind === 'book.duplicate');
    expect(duplicate?.subject).toBe(join(library.path, 'Shelf', 'stay-copy.epub'));
    // It names a copy cataloged before it: stay.epub or the link to it (both came in the first scan).
    expect(duplicate?.message).toMatch(/An exact copy of .*\/(stay|Shelf\/stay-link)\.epub /);

    unlinkSync(join(library.path, 'Shelf', 'stay-copy.epub'));
    const removed = await agent.scan();
    expect(removed.result).toMatchObject({ read: 0, moved: 0, missing: 1 });
    expect((await books(agent)).find((b) => b._id === copy?._id)?.status).toBe('missing');
    expect((await agent.scan()).result).toMatchObject({ read: 0, missing: 0 });
  });

  it('catalogs a file over 2 GB with a warning (a sparse file: no disk used)', async () => {
    const big = join(library.path, 'huge.epub');
    closeSync(openSync(big, 'w'));
    truncateSync(big, Math.floor(2.2 * 1024 ** 3));
    const job = await agent.scan();
    const doc = (await books(agent)).find((b) => b.path === 'huge.epub');
    expect(doc?.size).toBe(Math.floor(2.2 * 1024 ** 3));
    expect(doc?.status).toBe('corrupted');
    const warnings = agent.agent.oplog
      .list({ jobId: job.id })
      .filter((op) => op.kind === 'scan.notice');
    expect(warnings.some((w) => /Large file/.test(w.message))).toBe(true);
  });
});

describe.skipIf(!corpusDir)('scan: the hostile corpus', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const data = tempDir('bad-data');
  const library = tempDir('bad-library');
  let agent: TestAgent;

  beforeAll(async () => {
    for (const rel of corpusFiles('bad'))
      copyFileSync(corpusPath(rel), join(library.path, basename(rel)));
    agent = await startTestAgent(data.path, [library.path]);
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('records every hostile file with a reason, or reads it safely, and finishes', async () => {
    const job = await agent.scan();
    expect(job.state).toBe('done');
    const docs = await books(agent);
    const rows = agent.agent.ctx.db
      .prepare('SELECT rel_path, status, problem_message FROM files')
      .all() as {
      rel_path: string;
      status: string;
      problem_message: string | null;
    }[];
    expect(rows.length).toBe(docs.length);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      if (row.status === 'corrupted')
        expect(row.problem_message?.length, row.rel_path).toBeGreaterThan(10);
      else expect(row.status, row.rel_path).toBe('ok');
    }
    // Nothing was written into the library, and no entity was expanded into a title.
    const titles = docs.flatMap(
      (d) =>
        d.extraction?.candidates.filter((c) => c.field === 'title').map((c) => String(c.value)) ??
        [],
    );
    for (const title of titles) {
      expect(title.length).toBeLessThan(200);
      expect(title).not.toMatch(/root:/);
    }
  });
});
