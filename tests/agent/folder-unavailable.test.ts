import { mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBookDoc } from '#core/schema/book-doc';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

describe('a library folder that is unmounted or emptied', () => {
  const data = tempDir('unavailable-data');
  const share = tempDir('unavailable-share');
  const library = join(share.path, 'Books');
  let agent: TestAgent;

  beforeAll(async () => {
    mkdirSync(library);
    writeFileSync(join(library, 'novel.epub'), await makeEpub({ title: 'A Novel' }));
    writeFileSync(join(library, 'other.epub'), await makeEpub({ title: 'Another' }));
    agent = await startTestAgent(data.path, [library]);
    await agent.scan();
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    share.remove();
  });

  const statuses = async () => {
    const all = await agent.agent.ctx.catalog.db.allDocs({
      include_docs: true,
      startkey: 'book:',
      endkey: 'book:\uffff',
    });
    return all.rows.map((row) => readBookDoc(row.doc)?.status);
  };

  it('gone: its books keep their state, the scan and the folder list say why', async () => {
    renameSync(library, `${library}.away`);
    const job = await agent.scan();
    expect(job.result).toMatchObject({ missing: 0 });
    expect(await statuses()).toEqual(['ok', 'ok']);
    const logged = agent.agent.oplog
      .list({ jobId: job.id })
      .find((op) => op.kind === 'folder.unavailable');
    expect(logged?.message).toMatch(/not there.*kept until it is back/);

    const listing = (await (await agent.admin.fetch('/api/folders')).json()) as {
      books: number;
      unavailable?: string;
    }[];
    expect(listing).toEqual([
      expect.objectContaining({ books: 2, unavailable: expect.any(String) }),
    ]);
  });

  it('empty (a mount point with nothing mounted): the same, and back when it is back', async () => {
    mkdirSync(library);
    const empty = await agent.scan();
    expect(empty.result).toMatchObject({ missing: 0 });
    expect(await statuses()).toEqual(['ok', 'ok']);
    expect(
      agent.agent.oplog.list({ jobId: empty.id }).find((op) => op.kind === 'folder.unavailable')
        ?.message,
    ).toMatch(/empty, but 2 books were cataloged/);

    rmSync(library, { recursive: true });
    renameSync(`${library}.away`, library);
    const back = await agent.scan();
    expect(back.result).toMatchObject({ missing: 0, read: 0 });
    const listing = (await (await agent.admin.fetch('/api/folders')).json()) as {
      unavailable?: string;
    }[];
    expect(listing[0]?.unavailable).toBeUndefined();
  });

  it('a file really deleted from an available folder is still missing', async () => {
    unlinkSync(join(library, 'other.epub'));
    const job = await agent.scan();
    expect(job.result).toMatchObject({ missing: 1 });
    expect((await statuses()).sort()).toEqual(['missing', 'ok']);
  });
});
