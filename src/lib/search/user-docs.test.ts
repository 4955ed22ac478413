import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { recentSearchDoc, type RecentSearchDoc } from '#core/schema/recent-search-doc';
import { removeAll, upsert } from './user-docs';

PouchDB.plugin(memoryAdapter);

const opened: PouchDB.Database[] = [];
const device = () => {
  const db = new PouchDB(`user-docs-${Math.random()}`, { adapter: 'memory' });
  opened.push(db);
  return db;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

const search = (query: string, device: string, minute: number) =>
  recentSearchDoc(query, device, new Date(Date.UTC(2026, 2, 1, 12, minute))) as RecentSearchDoc;

describe('small per-user documents written from any device', () => {
  it('writes a search again over the revision this replica has', async () => {
    const db = device();
    await upsert(db, search('zola', 'phone', 1));
    await upsert(db, search('zola', 'phone', 2));
    const doc = await db.get<RecentSearchDoc>(search('zola', 'phone', 0)._id);
    expect(doc.at).toBe('2026-03-01T12:02:00.000Z');
  });

  it('clears every revision: a search two devices ran apart does not come back after a clear', async () => {
    const phone = device();
    const laptop = device();
    await upsert(phone, search('zola', 'phone', 1));
    await upsert(laptop, search('zola', 'laptop', 2));
    await upsert(laptop, search('wells', 'laptop', 3));
    await phone.sync(laptop);
    const id = search('zola', 'phone', 0)._id;
    const both = await phone.get(id, { conflicts: true });
    expect(both._conflicts).toHaveLength(1);

    await removeAll(phone, [id, search('wells', 'laptop', 0)._id, 'search:never-written']);
    await phone.sync(laptop);
    for (const db of [phone, laptop]) {
      await expect(db.get(id)).rejects.toMatchObject({ status: 404 });
      expect((await db.allDocs()).rows).toEqual([]);
    }
  });
});
