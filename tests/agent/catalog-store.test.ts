import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../agent/catalog/catalog-store';
import { CATALOG_DB, pouchFor } from '../../agent/catalog/pouch';
import { SCHEMA_DOC_ID, SCHEMA_VERSION } from '#core/schema/version';
import { tempDir } from '../support/temp';

type Stored = { _id: string; _rev: string; title?: string; _attachments?: Record<string, unknown> };

const thumb = (text: string) => ({
  content_type: 'image/webp',
  data: Buffer.from(text).toString('base64'),
});

describe('CatalogStore.upsert on a real PouchDB', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: PouchDB.Database;
  let store: CatalogStore;
  const get = async (id: string) => (await db.get(id, { attachments: true })) as unknown as Stored;

  beforeEach(() => {
    dir = tempDir('catalog-store');
    db = new (pouchFor(dir.path))(CATALOG_DB);
    store = new CatalogStore(db, 'lib');
  });
  afterEach(async () => {
    await db.close();
    dir.remove();
  });

  it('writes new documents, then skips them while their content is the same', async () => {
    const docs = [
      { _id: 'book:a', title: 'A', gone: undefined },
      { _id: 'book:b', title: 'B' },
    ];
    expect(await store.upsert(docs)).toBe(2);
    const rev = (await get('book:a'))._rev;
    expect(await store.upsert(docs)).toBe(0);
    expect((await get('book:a'))._rev).toBe(rev);
    expect(await get('book:a')).not.toHaveProperty('gone');
  });

  it('rewrites a changed document, keeping the attachment the new version does not carry', async () => {
    await store.upsert([{ _id: 'cover:a', hash: '1', _attachments: { small: thumb('one') } }]);
    expect(await store.upsert([{ _id: 'cover:a', hash: '2' }])).toBe(1);
    const stored = await get('cover:a');
    expect(stored).toMatchObject({
      hash: '2',
      _attachments: { small: { data: thumb('one').data } },
    });
  });

  it('counts what a mixed batch really wrote: new, changed and unchanged documents', async () => {
    await store.upsert([
      { _id: 'book:same', title: 'Same' },
      { _id: 'book:edit', title: 'Old' },
    ]);
    const written = await store.upsert([
      { _id: 'book:same', title: 'Same' },
      { _id: 'book:edit', title: 'New' },
      { _id: 'book:new', title: 'Fresh' },
    ]);
    expect(written).toBe(2);
    expect((await get('book:edit')).title).toBe('New');
    expect((await get('book:new')).title).toBe('Fresh');
  });

  it('takes the last of two versions of one document in a batch', async () => {
    await store.upsert([
      { _id: 'book:twice', title: 'First' },
      { _id: 'book:twice', title: 'Second' },
    ]);
    expect((await get('book:twice')).title).toBe('Second');
  });

  it('writes a document again after it was deleted', async () => {
    await store.upsert([{ _id: 'book:back', title: 'Before' }]);
    await db.remove(await get('book:back'));
    expect(await store.upsert([{ _id: 'book:back', title: 'After' }])).toBe(1);
    expect((await get('book:back')).title).toBe('After');
  });

  it('marks the catalog with its schema, and refuses one a newer agent wrote, leaving it as it is', async () => {
    await store.ensureSchema();
    const mark = (await db.get(SCHEMA_DOC_ID)) as unknown as { version: number; _rev: string };
    expect(mark.version).toBe(SCHEMA_VERSION);
    await db.put({ ...mark, version: SCHEMA_VERSION + 1 });
    await expect(store.ensureSchema()).rejects.toThrow(/newer Colophon/);
    expect(((await db.get(SCHEMA_DOC_ID)) as unknown as { version: number }).version).toBe(
      SCHEMA_VERSION + 1,
    );
  });
});
