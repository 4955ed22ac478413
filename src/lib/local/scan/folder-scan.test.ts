import 'fake-indexeddb/auto';
import { BlobWriter, TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { makeEpub } from '#test-support/make-epub';
import { readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { readCoverDoc } from '#core/schema/cover-doc';
import { readFolderDoc } from '#core/schema/folder-doc';
import { MemoryDirectory } from '../fs/memory-handles.test-support';
import { ReaderService } from '../reader/reader-service';
import { FileIndex } from '../store/file-index';
import { LocalDb, type ScanRun } from '../store/local-db';
import type { CatalogDoc, CatalogSink, Readers, ScanProgress } from './scan-types';
import { ScanService } from './scan-service';

/** The page's PouchDB, as a Map. */
class MemorySink implements CatalogSink {
  readonly docs = new Map<string, CatalogDoc>();
  async put(docs: CatalogDoc[]) {
    for (const doc of docs) this.docs.set(doc._id, doc);
  }
  async existing(ids: string[]) {
    return ids.filter((id) => this.docs.has(id));
  }
  async markMissing(ids: string[]) {
    for (const id of ids) {
      const doc = this.docs.get(id) as BookDoc;
      this.docs.set(id, { ...doc, status: 'missing' });
    }
  }
  books(): BookDoc[] {
    return [...this.docs.values()].flatMap((d) => readBookDoc(d) ?? []);
  }
  byPath(path: string): BookDoc | undefined {
    return this.books().find((b) => b.path === path);
  }
}

/** The core parsers in this thread; covers stand in (no canvas in Node). */
function testReaders(reads: string[] = []): Readers {
  const service = new ReaderService({});
  return {
    concurrency: 2,
    read: (file, rel, format) => {
      reads.push(rel);
      return service.read(file, rel, format);
    },
    cover: async () => ({
      kind: 'made',
      cover: {
        hash: 'abc',
        original: { width: 600, height: 900 },
        small: { width: 160, height: 240 },
        blob: new Blob(['webp'], { type: 'image/webp' }),
      },
    }),
  };
}

let dbs = 0;
async function setUp(root: MemoryDirectory) {
  const db = new LocalDb(`scan-test-${dbs++}`);
  // IndexedDB keeps a real handle as it is; the in-memory one loses its methods when
  // cloned, so it is put back on the way out.
  db.folders.hook('reading', (folder) =>
    folder.kind === 'handle' ? { ...folder, handle: root.handle } : folder,
  );
  await db.folders.put({
    id: 'f1',
    name: root.name,
    kind: 'handle',
    handle: root.handle,
    addedAt: '',
  });
  const sink = new MemorySink();
  const reads: string[] = [];
  const progress: ScanProgress[] = [];
  const service = new ScanService(
    () => {
      throw new Error('no workers in tests');
    },
    db,
    2,
    testReaders(reads),
  );
  const scan = (files?: File[]) => service.scan('f1', sink, (p) => progress.push(p), files);
  return { db, sink, reads, progress, scan, service };
}

/** A comic of one page: a book with a cover, without the corpus. */
async function makeComic(): Promise<Uint8Array> {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  const writer = new ZipWriter(new BlobWriter('application/zip'), { useWebWorkers: false });
  await writer.add('page-001.png', new Uint8ArrayReader(new Uint8Array(png)));
  return new Uint8Array(await (await writer.close()).arrayBuffer());
}

async function library(): Promise<MemoryDirectory> {
  const root = new MemoryDirectory('Books');
  root.write('Comics/Comet.cbz', await makeComic());
  root.write(
    'Verne/Nautilus.epub',
    await makeEpub({ title: 'Twenty Thousand Leagues', authors: ['Jules Verne'] }),
  );
  root.write(
    'Wells/Time.epub',
    await makeEpub({ title: 'The Time Machine', authors: ['H. G. Wells'] }),
  );
  root.write('broken.epub', 'not a zip');
  root.write('notes.txt', 'ignored');
  return root;
}

describe('scanning a picked folder', () => {
  it('takes a plain .zip of images for a comic, as the agent does, and leaves out other zips', async () => {
    const root = new MemoryDirectory('Books');
    root.write('Comics/Nebula.zip', await makeComic());
    const code = new ZipWriter(new BlobWriter('application/zip'), { useWebWorkers: false });
    await code.add('README.txt', new TextReader('Source code, not a comic.'));
    root.write('code.zip', new Uint8Array(await (await code.close()).arrayBuffer()));
    const { sink, scan } = await setUp(root);
    const run = await scan();
    expect(run).toMatchObject({ state: 'done', counts: { seen: 2, read: 1, failed: 0 } });
    expect(run.problems).toEqual([]);
    expect(sink.byPath('Comics/Nebula.zip')).toMatchObject({ status: 'ok', format: 'cbz' });
    expect(sink.byPath('code.zip')).toBeUndefined();
    const covers = [...sink.docs.values()].flatMap((d) => readCoverDoc(d) ?? []);
    expect(covers.map((c) => c.book)).toEqual([sink.byPath('Comics/Nebula.zip')?._id]);
  });

  it('catalogs every book as documents of the local library, covers included', async () => {
    const { sink, scan, progress } = await setUp(await library());
    const run = await scan();
    expect(run).toMatchObject({
      state: 'done',
      counts: { seen: 4, read: 3, failed: 1, covers: 1 },
    });
    expect(run.problems).toEqual([
      { path: 'broken.epub', message: expect.stringMatching(/ZIP/) as string },
    ]);
    const time = sink.byPath('Wells/Time.epub');
    expect(time).toMatchObject({ library: 'local', folder: 'f1', status: 'ok', format: 'epub' });
    expect(time?.extraction?.candidates.some((c) => c.field === 'title')).toBe(true);
    expect(sink.byPath('broken.epub')?.status).toBe('corrupted');
    const covers = [...sink.docs.values()].flatMap((d) => readCoverDoc(d) ?? []);
    expect(covers.map((c) => c.book)).toEqual([sink.byPath('Comics/Comet.cbz')?._id]);
    expect([...sink.docs.values()].flatMap((d) => readFolderDoc(d) ?? [])).toEqual([
      expect.objectContaining({ _id: 'folder:local:f1', name: 'Books' }),
    ]);
    expect(new Set(progress.map((p) => p.phase))).toEqual(
      new Set(['queued', 'discovering', 'reading', 'covers']),
    );
  });

  it('rescans incrementally: unchanged files are not read, changed ones keep their book', async () => {
    const root = await library();
    const { sink, scan, reads } = await setUp(root);
    await scan();
    const before = sink.byPath('Wells/Time.epub');
    reads.length = 0;
    root.write(
      'Wells/Time.epub',
      await makeEpub({ title: 'The Time Machine, revised' }),
      1_800_000_000_000,
    );
    const run = await scan();
    expect(reads).toEqual(['Wells/Time.epub']);
    expect(run.counts).toMatchObject({ seen: 4, unchanged: 3, read: 1, missing: 0 });
    expect(sink.byPath('Wells/Time.epub')?._id).toBe(before?._id);
  });

  it('marks removed files missing, and knows a moved file by its content', async () => {
    const root = await library();
    const { sink, scan } = await setUp(root);
    await scan();
    const nautilus = sink.byPath('Verne/Nautilus.epub');
    const bytes = root.dirs.get('Verne')?.files.get('Nautilus.epub')?.bytes as Uint8Array;
    root.remove('Verne/Nautilus.epub');
    root.write('Classics/Verne - Nautilus.epub', bytes);
    root.remove('Wells/Time.epub');
    const run = await scan();
    expect(run.counts).toMatchObject({ moved: 1, missing: 1 });
    expect(sink.docs.get(nautilus?._id ?? '')).toMatchObject({
      path: 'Classics/Verne - Nautilus.epub',
      status: 'ok',
    });
    expect(sink.byPath('Wells/Time.epub')?.status).toBe('missing');
  });

  it('resumes a run a closed tab left unfinished, reading only what it had not', async () => {
    const root = await library();
    const { db, sink, scan, reads } = await setUp(root);
    const first = await scan();
    // As if the tab had closed after reading two files: the run is 'running', one row is
    // of an earlier run, and one book's document never reached the catalog.
    const index = new FileIndex(db);
    const rows = await index.inFolder('f1');
    const unread = rows.find((r) => r.path === 'broken.epub');
    const lost = rows.find((r) => r.path === 'Wells/Time.epub');
    await index.put(rows.map((r) => (r === unread ? { ...r, seenRun: 'older', size: 0 } : r)));
    sink.docs.delete(`book:local:${lost?.bookId}`);
    await db.runs.put({ ...first, state: 'running', phase: 'reading' } satisfies ScanRun);
    reads.length = 0;
    const resumed = await scan();
    expect(resumed.id).toBe(first.id);
    expect(resumed.state).toBe('done');
    expect(reads.sort()).toEqual(['Wells/Time.epub', 'broken.epub']);
    expect(sink.byPath('Wells/Time.epub')?._id).toBe(`book:local:${lost?.bookId}`);
  });

  it('stops when cancelled, keeping what was read, and the next scan finishes the job', async () => {
    const root = new MemoryDirectory('Books');
    for (let i = 0; i < 30; i++) root.write(`b${i}.epub`, await makeEpub({ title: `Book ${i}` }));
    const { sink, scan, service } = await setUp(root);
    const scanning = scan();
    await new Promise((resolve) => setTimeout(resolve, 5));
    service.cancel('f1');
    const cancelled = await scanning;
    expect(cancelled.state).toBe('cancelled');
    const next = await scan();
    expect(next.state).toBe('done');
    expect(sink.books()).toHaveLength(30);
    expect(next.counts.read + next.counts.unchanged).toBe(30);
  });

  it('fails without marking anything missing when the folder cannot be read any more', async () => {
    const root = await library();
    const { sink, scan } = await setUp(root);
    await scan();
    root.failListing = true;
    const run = await scan();
    expect(run.state).toBe('failed');
    expect(run.error).toMatch(/cannot be read.*books stay in the catalog/);
    expect(sink.books().filter((b) => b.status === 'missing')).toEqual([]);
  });

  it('stops when reading shows access was withdrawn, instead of calling every book unreadable', async () => {
    const root = await library();
    const { db, sink } = await setUp(root);
    const denied: Readers = {
      ...testReaders(),
      read: async () => ({
        contentKey: null,
        problem: { code: 'unreadable', message: 'denied' },
        accessLost: true,
      }),
    };
    const service = new ScanService(
      () => {
        throw new Error('no workers');
      },
      db,
      2,
      denied,
    );
    const run = await service.scan('f1', sink, () => {});
    expect(run.state).toBe('failed');
    expect(sink.books()).toEqual([]);
  });

  it('catalogs a folder imported from a file list, and says so when it is not given again', async () => {
    const { db, sink, scan } = await setUp(new MemoryDirectory('unused'));
    await db.folders.put({ id: 'f1', name: 'Imported', kind: 'files', addedAt: '' });
    const bytes = (await makeEpub({ title: 'Listed' })) as Uint8Array<ArrayBuffer>;
    const file = new File([bytes], 'listed.epub');
    Object.defineProperty(file, 'webkitRelativePath', { value: 'Imported/sub/listed.epub' });
    expect((await scan([file])).state).toBe('done');
    expect(sink.byPath('sub/listed.epub')?.status).toBe('ok');
    await expect(scan()).rejects.toThrow(/import it again/);
  });
});
