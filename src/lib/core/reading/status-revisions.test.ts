import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleStatus } from '#test-support/sample-reading';
import { readStatus, writeStatus } from './status-revisions';

PouchDB.plugin(memoryAdapter);

const BOOK = 'book:lib:b1';

describe('writing a reading status', () => {
  const dbs: PouchDB.Database[] = [];
  const open = () => {
    const db = new PouchDB(`status-${Math.random()}`, { adapter: 'memory' });
    dbs.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.destroy();
  });

  it('writes a new status, and nothing when it is already that', async () => {
    const db = open();
    await writeStatus(db, BOOK, 'reading', 'd1', new Date('2026-01-01T00:00:00Z'));
    const { stored, settled } = await readStatus(db, BOOK);
    expect(settled).toMatchObject({ status: 'reading', device: 'd1' });
    await writeStatus(db, BOOK, 'reading', 'd2', new Date('2026-02-01T00:00:00Z'));
    expect((await readStatus(db, BOOK)).stored?._rev).toBe(stored?._rev);
  });

  it('wins over the setting it replaces even with a clock behind, and settles conflicts', async () => {
    const db = open();
    await db.bulkDocs(
      [
        { ...sampleStatus('b1', 'finished', 'phone', 60), _rev: '1-aaaa' },
        { ...sampleStatus('b1', 'reading', 'laptop', 30), _rev: '1-ffff' },
      ],
      { new_edits: false },
    );
    const behind = new Date('2020-01-01T00:00:00Z');
    await writeStatus(db, BOOK, 'unread', 'tablet', behind);
    const { stored, settled } = await readStatus(db, BOOK);
    expect(settled?.status).toBe('unread');
    expect(Date.parse(settled?.setAt ?? '')).toBe(
      Date.parse(sampleStatus('b1', 'finished', 'phone', 60).setAt) + 1,
    );
    expect(stored?._conflicts ?? []).toEqual([]);
  });
});
