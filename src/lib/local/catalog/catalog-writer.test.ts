import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { describe, expect, it } from 'vitest';
import { bookDocSchema, type BookDoc } from '#core/schema/book-doc';
import { coverDocSchema } from '#core/schema/cover-doc';
import { localBookDoc, localCoverDoc, localFolderDoc } from '../scan/local-docs';
import type { LocalFileRow } from '../store/local-db';
import { CatalogWriter } from './catalog-writer';

PouchDB.plugin(memoryAdapter);

let n = 0;
const open = () => new PouchDB(`writer-test-${n++}`, { adapter: 'memory' });

const row = (bookId: string, path: string, folder = 'f1'): LocalFileRow => ({
  folder,
  path,
  bookId,
  format: 'epub',
  size: 10,
  mtimeMs: 5,
  status: 'ok',
  contentKey: 'k',
  addedAt: 1_700_000_000_000,
  seenRun: 'r',
  coverState: 'none',
});

const cover = () =>
  localCoverDoc('b1', {
    hash: 'h',
    original: { width: 600, height: 900 },
    small: { width: 160, height: 240 },
    blob: new Blob(['webp'], { type: 'image/webp' }),
  });

describe('local documents', () => {
  it('are valid documents of the synced schema, in the local library', () => {
    const book = localBookDoc(
      row('b1', 'a/b.epub'),
      undefined,
      { code: 'corrupt', message: 'x' },
      0,
    );
    expect(bookDocSchema.parse(book)).toMatchObject({ _id: 'book:local:b1', library: 'local' });
    expect(coverDocSchema.parse(cover())).toMatchObject({
      book: 'book:local:b1',
      source: 'embedded',
    });
    expect(localFolderDoc({ id: 'f1', name: 'Books', kind: 'handle', addedAt: '' })).toMatchObject({
      _id: 'folder:local:f1',
      root: 'Books',
    });
  });
});

describe('CatalogWriter', () => {
  it('creates and replaces documents, and tells which exist', async () => {
    const writer = new CatalogWriter(open());
    await writer.put([localBookDoc(row('b1', 'a.epub'), undefined, undefined, 0)]);
    await writer.put([localBookDoc({ ...row('b1', 'a.epub'), size: 99 }, undefined, undefined, 0)]);
    expect((await writer.booksIn('f1')).map((b) => b.size)).toEqual([99]);
    expect(await writer.existing(['book:local:b1', 'book:local:nope'])).toEqual(['book:local:b1']);
  });

  it('marks books missing and moves them, keeping what they said', async () => {
    const writer = new CatalogWriter(open());
    await writer.put([localBookDoc(row('b1', 'a.epub'), undefined, undefined, 0)]);
    await writer.markMissing(['book:local:b1']);
    await writer.moveBooks([{ bookDocId: 'book:local:b1', path: 'z/a.epub' }]);
    expect(await writer.booksIn('f1')).toEqual([
      expect.objectContaining<Partial<BookDoc>>({ status: 'missing', path: 'z/a.epub', size: 10 }),
    ]);
  });

  it('removes a folder with its books and covers, and nothing of another folder', async () => {
    const pouch = open();
    const writer = new CatalogWriter(pouch);
    await writer.put([
      localFolderDoc({ id: 'f1', name: 'Books', kind: 'handle', addedAt: '' }),
      localBookDoc(row('b1', 'a.epub'), undefined, undefined, 0),
      localBookDoc(row('b2', 'c.epub', 'f2'), undefined, undefined, 0),
      // Node's PouchDB takes attachments as Buffers (the browser's, as Blobs).
      {
        ...cover(),
        _attachments: {
          'small.webp': {
            content_type: 'image/webp',
            data: Buffer.from('webp') as unknown as Blob,
          },
        },
      },
    ]);
    expect(await writer.removeFolder('f1')).toBe(1);
    const left = await pouch.allDocs();
    expect(left.rows.map((r) => r.id)).toEqual(['book:local:b2']);
  });
});
