import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestPosition } from '#core/reading/reading-state';
import { resolveStatus } from '#core/reading/resolve-status';
import { readProgressDoc, type ProgressDoc } from '#core/schema/progress-doc';
import { readReadingStatusDoc, type ReadingStatusDoc } from '#core/schema/reading-status-doc';
import { samplePosition, sampleStatus } from '../support/sample-reading';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

interface CouchAnswer {
  error?: string;
  reason?: string;
}
interface BulkEntry extends CouchAnswer {
  id: string;
  ok?: boolean;
}

const json = { 'content-type': 'application/json' };

/** A browser's replica of a user database (in memory). */
const device = () => new PouchDB(`reading-${Math.random()}`, { adapter: 'memory' });

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const has = (db: PouchDB.Database, id: string) =>
  db.get(id).then(
    () => true,
    () => false,
  );

/** Every live revision of a document (the winner and its conflicts). */
async function leaves(db: PouchDB.Database, id: string): Promise<unknown[]> {
  const revs = await db.get(id, { open_revs: 'all' });
  return revs.flatMap((r) =>
    'ok' in r && !(r.ok as { _deleted?: boolean })._deleted ? [r.ok] : [],
  );
}

describe("reading progress: each user's own database, on every device", () => {
  const data = tempDir('reading-progress');
  let agent: TestAgent;
  let reader: TestSession;
  let other: TestSession;
  let dbName: string;
  const opened: PouchDB.Database[] = [];
  const open = () => {
    const db = device();
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    agent = await startTestAgent(data.path, []);
    reader = await agent.signIn('reta', 'reader');
    other = await agent.signIn('otto', 'reader');
    dbName = `user-${agent.agent.auth.users.byName('reta')?.id}`;
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.destroy()));
    await agent?.close();
    data.remove();
  });

  it('replicates positions and statuses both ways, live, between two devices of one user', async () => {
    const phone = open();
    const laptop = open();
    await phone.bulkDocs([
      samplePosition('b1', 'phone', 0.3),
      sampleStatus('b1', 'reading', 'phone'),
    ]);
    const options = { live: true, retry: true };
    const syncs = [
      phone.sync(reader.remote(dbName), options),
      laptop.sync(reader.remote(dbName), options),
    ];
    try {
      await until(() => has(laptop, sampleStatus('b1')._id), 'the laptop has the phone’s status');
      const later = samplePosition('b1', 'laptop', 0.6, 5);
      await laptop.put(later);
      await until(() => has(phone, later._id), 'the phone has the laptop’s position');
      const positions = await phone.allDocs({
        include_docs: true,
        startkey: 'progress:',
        endkey: 'progress:\ufff0',
      });
      const docs = positions.rows
        .map((r) => readProgressDoc(r.doc))
        .filter((d): d is ProgressDoc => !!d);
      expect(docs).toHaveLength(2);
      expect(latestPosition(docs)).toMatchObject({ device: 'laptop', percentage: 0.6 });
    } finally {
      for (const sync of syncs) sync.cancel();
    }
  });

  it('settles a status two devices set while apart the same way on both, and on the agent', async () => {
    const phone = open();
    const laptop = open();
    await phone.put(sampleStatus('b2', 'finished', 'phone', 10));
    await laptop.put(sampleStatus('b2', 'unread', 'laptop', 20));
    for (const db of [phone, laptop, phone]) await db.sync(reader.remote(dbName));
    const id = sampleStatus('b2')._id;
    const settled = async (db: PouchDB.Database) => {
      const revisions = (await leaves(db, id)).map(readReadingStatusDoc);
      expect(revisions.length).toBe(2);
      return resolveStatus(revisions.filter((r): r is ReadingStatusDoc => !!r))?.status;
    };
    expect(await settled(phone)).toBe('unread');
    expect(await settled(laptop)).toBe('unread');
    expect(await settled(agent.agent.databases.user(dbName.slice('user-'.length)).db)).toBe(
      'unread',
    );
  });

  it('keeps them from every other user', async () => {
    const id = samplePosition('b1', 'phone', 0.3)._id;
    for (const path of [
      `/db/${dbName}`,
      `/db/${dbName}/_all_docs`,
      `/db/${dbName}/${encodeURIComponent(id)}`,
      `/db/${dbName}/_changes`,
    ]) {
      const response = await other.fetch(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as CouchAnswer).reason).toMatch(/your own database/);
    }
    const written = await other.fetch(`/db/${dbName}/${encodeURIComponent(id)}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify(samplePosition('b1', 'intruder')),
    });
    expect(written.status).toBe(404);
    const stolen = open();
    await expect(stolen.replicate.from(other.remote(dbName))).rejects.toMatchObject({
      status: 404,
    });
    expect((await stolen.allDocs()).rows).toEqual([]);
    // Their own database has none of it.
    const own = open();
    await own.replicate.from(other.remote(`user-${agent.agent.auth.users.byName('otto')?.id}`));
    expect((await own.allDocs()).rows).toEqual([]);
  });

  it('refuses a document of another kind, or an invalid one, saying why', async () => {
    const put = (doc: { _id: string; [field: string]: unknown }) =>
      reader.fetch(`/db/${dbName}/${encodeURIComponent(doc._id)}`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify(doc),
      });
    const cases: [{ _id: string; [field: string]: unknown }, RegExp][] = [
      [
        { _id: 'note', text: 'a note' } as { _id: string },
        /does not store documents of this kind \("note"\)/,
      ],
      [{ _id: 'bookmark:favourites' }, /does not store documents of this kind/],
      [{ _id: 'shelf:favourites' }, /not valid as a shelf/],
      [{ ...samplePosition('b3'), percentage: 2 }, /not valid as a reading position: percentage/],
      [
        { ...sampleStatus('b3'), status: 'abandoned' } as { _id: string },
        /not valid as a reading status: status/,
      ],
      [{ ...sampleStatus('b3'), _id: 'reading-status:book:lib:other' }, /reading-status:<book>/],
      [{ ...sampleStatus('b3'), v: 9 }, /newer Colophon/],
      [
        {
          ...sampleStatus('b3'),
          _attachments: { 'a.txt': { content_type: 'text/plain', data: 'aGk=' } },
        },
        /has no attachments/,
      ],
    ];
    for (const [doc, reason] of cases) {
      const response = await put(doc);
      expect(response.status, doc._id).toBe(403);
      expect(((await response.json()) as CouchAnswer).reason, doc._id).toMatch(reason);
    }
    // In a bulk write each refusal answers in its place, and the valid documents are stored.
    const good = samplePosition('b3', 'tablet');
    const bulk = await reader.fetch(`/db/${dbName}/_bulk_docs`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ docs: [{ _id: 'note' }, good, { ...good, _id: 'progress:x' }] }),
    });
    expect(bulk.status).toBe(201);
    const entries = (await bulk.json()) as BulkEntry[];
    expect(entries.map((e) => [e.id, e.ok ?? e.error])).toEqual([
      ['note', 'forbidden'],
      [good._id, true],
      ['progress:x', 'forbidden'],
    ]);
    expect(entries[0]?.reason).toMatch(/does not store documents of this kind/);
    expect((await reader.fetch(`/db/${dbName}/note`)).status).toBe(404);
    expect((await reader.fetch(`/db/${dbName}/${encodeURIComponent(good._id)}`)).status).toBe(200);
    // Deleting: a known kind may be deleted, no other.
    expect((await reader.fetch(`/db/${dbName}/note?rev=1-x`, { method: 'DELETE' })).status).toBe(
      403,
    );
  });

  it('replicates past a refused document: PouchDB says it was denied, and goes on', async () => {
    const tablet = open();
    const valid = samplePosition('b4', 'tablet', 0.9);
    await tablet.bulkDocs([
      { _id: 'note', text: 'not a kind Colophon keeps' },
      { ...samplePosition('b4', 'tablet'), _id: samplePosition('b5', 'tablet')._id },
      valid,
    ]);
    const denied: CouchAnswer[] = [];
    const replication = tablet.replicate.to(reader.remote(dbName));
    void replication.on('denied', (error) => denied.push(error as CouchAnswer));
    const result = await replication;
    expect(result.docs_written).toBe(1);
    expect(result.doc_write_failures).toBe(2);
    expect(denied.map((d) => d.reason)).toEqual([
      expect.stringMatching(/does not store documents of this kind \("note"\)/),
      expect.stringMatching(/progress:<book>:<device>/),
    ]);
    expect((await reader.fetch(`/db/${dbName}/${encodeURIComponent(valid._id)}`)).status).toBe(200);
    // A deletion of a known kind replicates like a write.
    await tablet.remove(await tablet.get(valid._id));
    await tablet.replicate.to(reader.remote(dbName));
    expect((await reader.fetch(`/db/${dbName}/${encodeURIComponent(valid._id)}`)).status).toBe(404);
  });
});
