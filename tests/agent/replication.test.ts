import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBook } from '#core/formats/read-book';
import { readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { merge } from '#core/merge/merge';
import {
  corpusDir,
  corpusFiles,
  corpusPath,
  expected,
  NO_CORPUS_MESSAGE,
  readCorpusSource,
} from '../support/corpus';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);

async function pull(agent: TestAgent): Promise<BookDoc[]> {
  const client = new PouchDB(`client-${Math.random()}`, { adapter: 'memory' });
  await client.replicate.from(agent.admin.remote('catalog'));
  const all = await client.allDocs({ include_docs: true });
  await client.destroy();
  return all.rows.map((r) => readBookDoc(r.doc)).filter((d): d is BookDoc => d !== undefined);
}

describe('agent: scan and replicate a library over HTTP', () => {
  const data = tempDir('data');
  const library = tempDir('library');
  let agent: TestAgent;
  const corpusEpubs = [...corpusFiles('epub', '.epub'), ...corpusFiles('bad', '.epub')];
  /** Corpus-relative path → whether the core reads it. */
  const readable = new Map<string, boolean>();

  beforeAll(async () => {
    for (const rel of corpusEpubs) {
      const folder = join(library.path, rel.split('/')[0] as string);
      mkdirSync(folder, { recursive: true });
      copyFileSync(corpusPath(rel), join(folder, basename(rel)));
      readable.set(
        rel,
        await readCorpusSource(rel)
          .then((s) => readBook(s, 'epub'))
          .then(
            () => true,
            () => false,
          ),
      );
    }
    writeFileSync(
      join(library.path, 'generated.epub'),
      await makeEpub({ title: 'A Generated Book', authors: ['Ada Tester'] }),
    );
    agent = await startTestAgent(data.path, [library.path]);
    await agent.scan();
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('replicates one ok book document per readable EPUB, with its metadata', async () => {
    const docs = await pull(agent);
    const ok = docs.filter((d) => d.status === 'ok');
    const expectedReadable = [...readable.values()].filter(Boolean).length + 1;
    expect(ok).toHaveLength(expectedReadable);
    const generated = ok.find((d) => d.path === 'generated.epub');
    expect(merge(generated?.extraction?.candidates ?? []).metadata.title).toBe('A Generated Book');
  });

  it.skipIf(!corpusDir)('gives each corpus EPUB the title and authors calibre reads', async () => {
    const docs = await pull(agent);
    for (const rel of corpusFiles('epub', '.epub')) {
      const doc = docs.find((d) => d.path === rel);
      expect(doc, rel).toBeDefined();
      const { metadata } = merge(doc?.extraction?.candidates ?? []);
      const want = expected()[rel]?.opf;
      expect(metadata.title, rel).toBe(want?.titles.main ?? want?.titles.title);
      expect(
        metadata.authors?.map((a) => a.name),
        rel,
      ).toEqual(want?.authors);
    }
  });

  it.skipIf(!corpusDir)(
    'records every unreadable EPUB with a reason instead of skipping it',
    async () => {
      const docs = await pull(agent);
      const unreadable = [...readable].filter(([, ok]) => !ok).map(([rel]) => rel);
      expect(unreadable.length).toBeGreaterThan(0);
      for (const rel of unreadable) {
        const doc = docs.find((d) => d.path === rel);
        expect(doc?.status, rel).toBe('corrupted');
        expect(doc?.problem?.message.length, rel).toBeGreaterThan(10);
      }
      const rows = agent.agent.ctx.db
        .prepare("SELECT count(*) AS n FROM files WHERE status = 'corrupted'")
        .get() as { n: number };
      expect(rows.n).toBe(unreadable.length);
    },
  );

  it('does not reopen unchanged files on a rescan, and marks vanished ones missing', async () => {
    const catalog = agent.agent.ctx.catalog.db;
    const before = await catalog.info();
    const second = (await agent.scan()).result ?? {};
    expect(second.read).toBe(0);
    expect(second.failed).toBe(0);
    // The corpus's broken files are still unreadable, not "unchanged": every file is one or the other.
    expect(second.stillUnreadable).toBe([...readable].filter(([, ok]) => !ok).length);
    expect(Number(second.unchanged) + Number(second.stillUnreadable)).toBe(second.seen);
    expect((await catalog.info()).update_seq).toBe(before.update_seq);

    rmSync(join(library.path, 'generated.epub'));
    const third = (await agent.scan()).result ?? {};
    expect(third.missing).toBe(1);
    const docs = await pull(agent);
    expect(docs.find((d) => d.path === 'generated.epub')?.status).toBe('missing');
  });

  it('serves only the catalog database, and only to a signed-in user', async () => {
    expect((await agent.admin.fetch('/db/_users')).status).toBe(404);
    expect((await fetch(`${agent.url}/db/catalog`)).status).toBe(401);
    const client = new PouchDB(`client-${Math.random()}`, { adapter: 'memory' });
    await expect(client.replicate.from(`${agent.url}/db/catalog`)).rejects.toMatchObject({
      status: 401,
    });
  });

  it('refuses writes to the catalog: only the agent writes it', async () => {
    const response = await agent.admin.fetch('/db/catalog/book:forged', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'book', title: 'Forged' }),
    });
    expect(response.status).toBe(403);
  });
});
