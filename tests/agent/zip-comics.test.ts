import { linkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZipWriter, TextReader, Uint8ArrayWriter } from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookFileUrl } from '#core/api/files';
import { comicPagesSchema, comicPagesUrl, comicPageUrl } from '#core/api/reading';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { makeCbz } from '../support/make-comic';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

/**
 * Plain archives as comics (issue #19): a `.zip` (.rar, .7z, .tar) of images
 * is cataloged as a comic, as Kavita and Komga take it; one that holds no
 * images is left out, not called unreadable, and not opened again until it changes.
 */

async function zipOfText(): Promise<Uint8Array> {
  const zip = new ZipWriter(new Uint8ArrayWriter());
  await zip.add('src/main.c', new TextReader('int main(void) { return 0; }\n'));
  await zip.add('README.md', new TextReader('# A backup\n'));
  return zip.close();
}

const CORPUS_CBR = 'comics/comicbox_Captain Science #001-cbi.cbr';

describe('plain archives that are comics', () => {
  const data = tempDir('zip-comics-data');
  const library = tempDir('zip-comics-library');
  let agent: TestAgent;
  let linkedCorpus = false;
  let firstScan = 0;

  function row(rel: string) {
    return agent.agent.ctx.db.prepare('SELECT * FROM files WHERE rel_path = ?').get(rel) as
      { book_id: string; format: string; status: string } | undefined;
  }

  function logOf(jobId: number, kind: string) {
    return agent.agent.oplog.list({ jobId }).filter((op) => op.kind === kind);
  }

  beforeAll(async () => {
    writeFileSync(join(library.path, 'Issue 1.zip'), await makeCbz({ pages: 3, title: 'Issue 1' }));
    writeFileSync(join(library.path, 'source backup.zip'), await zipOfText());
    if (corpusDir) {
      // A hard link, not a copy: the corpus is read in place, under another name.
      try {
        linkSync(corpusPath(CORPUS_CBR), join(library.path, 'Captain Science.rar'));
        linkedCorpus = true;
      } catch {
        linkedCorpus = false;
      }
    }
    agent = await startTestAgent(data.path, [library.path]);
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('catalogs a .zip of images as a comic (CBZ) at its own path, and serves its pages', async () => {
    const job = await agent.scan();
    const issue = row('Issue 1.zip');
    expect(issue).toMatchObject({ format: 'cbz', status: 'ok' });
    const response = await agent.admin.fetch(comicPagesUrl(issue?.book_id ?? ''));
    expect(response.status).toBe(200);
    const { pages } = comicPagesSchema.parse(await response.json());
    expect(pages).toHaveLength(3);
    const page = await agent.admin.fetch(comicPageUrl(issue?.book_id ?? '', 0));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('image/png');
    // Downloads (and OPDS) serve the file as it is, under its own name.
    const folder = (agent.agent.ctx.db.prepare('SELECT id FROM folders').get() as { id: string })
      .id;
    const download = await agent.admin.fetch(bookFileUrl(folder, 'Issue 1.zip'));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('Issue 1.zip');
    firstScan = job.id;
    expect(job.result).toMatchObject({ notComics: 1, failed: 0 });
  });

  it('leaves a .zip of text out: not cataloged, not unreadable, said once in the log', async () => {
    expect(row('source backup.zip')).toBeUndefined();
    expect(logOf(firstScan, 'book.unreadable')).toEqual([]);
    const notComic = logOf(firstScan, 'scan.not-comic');
    expect(notComic.map((op) => op.subject)).toEqual([join(library.path, 'source backup.zip')]);
    expect(notComic[0]?.message).toContain('holds no images');
    expect(logOf(firstScan, 'scan.done')[0]?.message).toContain('1 archive skipped as not a comic');
  });

  it('does not open the .zip of text again on a rescan, and checks it again once it changes', async () => {
    const rescan = await agent.scan();
    expect(logOf(rescan.id, 'scan.not-comic')).toEqual([]);
    expect(rescan.result).toMatchObject({ notComics: 1, read: 0 });

    const later = new Date(Date.now() + 60_000);
    utimesSync(join(library.path, 'source backup.zip'), later, later);
    const changed = await agent.scan();
    expect(logOf(changed.id, 'scan.not-comic')).toHaveLength(1);
    expect(row('source backup.zip')).toBeUndefined();
  });

  it.skipIf(!corpusDir)('catalogs a corpus CBR named .rar as a comic (CBR)', (ctx) => {
    if (!linkedCorpus) ctx.skip();
    expect(row('Captain Science.rar')).toMatchObject({ format: 'cbr', status: 'ok' });
  });
  if (!corpusDir) it.skip(NO_CORPUS_MESSAGE, () => {});
});

describe('plain archives with the comics content type off', () => {
  const data = tempDir('zip-comics-off-data');
  const library = tempDir('zip-comics-off-library');
  let agent: TestAgent;

  beforeAll(async () => {
    writeFileSync(join(library.path, 'Issue 1.zip'), await makeCbz({ pages: 2, title: 'Issue 1' }));
    agent = await startTestAgent(data.path, [library.path]);
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('does not catalog a .zip of images, nor open it', async () => {
    agent.agent.settings.set('contentTypes', ['books']);
    const job = await agent.scan();
    const files = agent.agent.ctx.db.prepare('SELECT count(*) AS n FROM files').get() as {
      n: number;
    };
    expect(files.n).toBe(0);
    expect(job.result).toMatchObject({ seen: 0, notComics: 0 });
  });

  it('does not catalog it when CBZ is not among the formats to catalog either', async () => {
    agent.agent.settings.set('contentTypes', ['books', 'comics']);
    agent.agent.settings.set('enabledFormats', ['epub', 'cbr']);
    const job = await agent.scan();
    expect(job.result).toMatchObject({ seen: 0 });
  });
});

describe('a .zip comic dropped into a watched folder', { timeout: 90_000 }, () => {
  const data = tempDir('zip-comics-watch-data');
  const library = tempDir('zip-comics-watch-library');
  let agent: TestAgent;

  beforeAll(async () => {
    agent = await startTestAgent(data.path, [library.path]);
    await agent.scan();
    agent.agent.watchers.start();
    await agent.agent.watchers.ready();
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('reaches the catalog without a scan being asked for', async () => {
    writeFileSync(join(library.path, 'Dropped.zip'), await makeCbz({ pages: 2, title: 'Dropped' }));
    const format = () =>
      (
        agent.agent.ctx.db
          .prepare('SELECT format FROM files WHERE rel_path = ?')
          .get('Dropped.zip') as { format: string } | undefined
      )?.format;
    // Generous: a change is scanned after 2 s of quiet, on a machine that may be busy.
    await expect.poll(format, { timeout: 30_000, interval: 200 }).toBe('cbz');
  });
});
