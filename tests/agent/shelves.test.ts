import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualShelfDoc, MAX_SHELVES, smartShelfDoc, type ShelfDoc } from '#core/schema/shelf-doc';
import { basicAuth, openOpdsLibrary, type OpdsLibrary } from '../support/opds-library';
import { parseOpds1, parseOpds2, type ParsedFeed } from '../support/opds-parsers';
import type { TestSession } from '../support/test-agent';

const AT = new Date('2026-03-01T12:00:00Z');
const json = { 'content-type': 'application/json' };

interface Denied {
  direction: string;
  doc: { id: string; reason: string };
}

/** A device's replica, in memory, as the browser's is in IndexedDB. */
const device = () => new PouchDB(`shelves-${Math.random()}`, { adapter: 'memory' });

describe('shelves: written on a device, replicated to the agent, served over OPDS to their owner', () => {
  let lib: OpdsLibrary;
  let rita: TestSession;
  let omar: TestSession;
  let ritaDb: string;
  let omarDb: string;
  const book = (file: string) => `book:${lib.agent.agent.ctx.library}:${lib.bookId(file)}`;
  const titles = (feed: ParsedFeed) => (feed.publications ?? []).map((p) => p.metadata.title);

  beforeAll(async () => {
    lib = await openOpdsLibrary();
    rita = await lib.agent.signIn('rita', 'reader');
    omar = await lib.agent.signIn('omar', 'reader');
    const id = (name: string) => lib.agent.agent.auth.users.byName(name)?.id ?? '';
    ritaDb = `user-${id('rita')}`;
    omarDb = `user-${id('omar')}`;
  });
  afterAll(async () => {
    await lib?.close();
  });

  it('takes a shelf made on a device through replication, and a change to it', async () => {
    const phone = device();
    const shelf = manualShelfDoc({ key: 'summer2026', name: 'Summer', device: 'phone', at: AT }, [
      book('dune.epub'),
      book('left-hand.epub'),
    ]);
    await phone.put(shelf);
    const pushed = await phone.replicate.to(rita.remote(ritaDb));
    expect(pushed.docs_written).toBe(1);
    expect(pushed.doc_write_failures).toBe(0);

    const mine = await rita.remote(ritaDb).get<ShelfDoc>(shelf._id);
    expect(mine).toMatchObject({ name: 'Summer', books: shelf.books });

    // Reordered on the phone, the new order reaches the agent.
    const local = await phone.get<ShelfDoc & { kind: 'manual' }>(shelf._id);
    await phone.put({ ...local, books: [...local.books].reverse() });
    await phone.replicate.to(rita.remote(ritaDb));
    expect((await rita.remote(ritaDb).get<ShelfDoc & { kind: 'manual' }>(shelf._id)).books).toEqual(
      [book('left-hand.epub'), book('dune.epub')],
    );
    await phone.destroy();
  });

  it('refuses an invalid shelf through replication with the reason, and replicates the rest', async () => {
    const phone = device();
    const good = smartShelfDoc(
      { key: 'herbert01', name: 'Herbert', device: 'phone', at: AT },
      'author:herbert',
    );
    const bad: ShelfDoc[] = [
      {
        ...manualShelfDoc({ key: 'toolong01', name: 'x', device: 'phone', at: AT }),
        name: 'n'.repeat(101),
      },
      {
        ...smartShelfDoc({ key: 'bigquery1', name: 'Q', device: 'phone', at: AT }, 'a'),
        query: 'q'.repeat(1001),
      },
      {
        ...manualShelfDoc({ key: 'twicebook', name: 'Twice', device: 'phone', at: AT }),
        books: [book('dune.epub'), book('dune.epub')],
      },
    ];
    await phone.bulkDocs([good, ...bad]);
    const denied: Denied['doc'][] = [];
    const result = await phone.replicate
      .to(rita.remote(ritaDb))
      .on('denied', (error) => denied.push(error as unknown as Denied['doc']));
    expect(result.docs_written).toBe(1);
    expect(denied.map((d) => d.id).sort()).toEqual(bad.map((d) => d._id).sort());
    const reasons = Object.fromEntries(denied.map((d) => [d.id, d.reason]));
    expect(reasons['shelf:toolong01']).toMatch(
      /not valid as a shelf: name: A shelf name may be at most 100/,
    );
    expect(reasons['shelf:bigquery1']).toMatch(/query: A smart shelf's search may be at most 1000/);
    expect(reasons['shelf:twicebook']).toMatch(/A book is on a shelf only once/);
    expect((await rita.remote(ritaDb).get(good._id))._id).toBe(good._id);
    await phone.destroy();
  });

  it('keeps each reader to their own shelves: another user’s database is neither read nor written', async () => {
    const planted = manualShelfDoc({ key: 'planted01', name: 'Planted', device: 'omar', at: AT });
    const write = await omar.fetch(`/db/${ritaDb}/${planted._id}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify(planted),
    });
    expect(write.status).toBe(404);
    const phone = device();
    await phone.put(planted);
    await expect(phone.replicate.to(omar.remote(ritaDb))).rejects.toMatchObject({ status: 404 });
    expect((await rita.fetch(`/db/${ritaDb}/${planted._id}`)).status).toBe(404);
    expect((await omar.fetch(`/db/${ritaDb}/shelf:summer2026`)).status).toBe(404);
    await phone.destroy();
  });

  it('holds a user to 500 shelves', async () => {
    const existing = (await (
      await rita.fetch(`/db/${ritaDb}/_all_docs?startkey="shelf:"&endkey="shelf:\ufff0"`)
    ).json()) as { rows: unknown[] };
    const fill = Array.from({ length: MAX_SHELVES - existing.rows.length }, (_, i) =>
      manualShelfDoc({
        key: `fill${String(i).padStart(5, '0')}`,
        name: `Fill ${i}`,
        device: 'd',
        at: AT,
      }),
    );
    const bulk = (docs: object[]) =>
      rita
        .fetch(`/db/${ritaDb}/_bulk_docs`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ docs }),
        })
        .then((r) => r.json() as Promise<{ ok?: boolean; reason?: string }[]>);
    expect((await bulk(fill)).every((a) => a.ok)).toBe(true);
    const [refused] = await bulk([
      manualShelfDoc({ key: 'onetoomany', name: 'One too many', device: 'd', at: AT }),
    ]);
    expect(refused?.reason).toMatch(/500 shelves already/);
    // Deleting one makes room again.
    const first = (await rita.fetch(`/db/${ritaDb}/${fill[0]!._id}`).then((r) => r.json())) as {
      _rev: string;
    };
    const again = await bulk([
      { _id: fill[0]!._id, _rev: first._rev, _deleted: true },
      manualShelfDoc({ key: 'onetoomany', name: 'One too many', device: 'd', at: AT }),
    ]);
    expect(again.map((a) => a.ok)).toEqual([true, true]);
    // Back to a few, for the OPDS test.
    const all = (await (
      await rita.fetch(`/db/${ritaDb}/_all_docs?startkey="shelf:"&endkey="shelf:\ufff0"`)
    ).json()) as { rows: { id: string; value: { rev: string } }[] };
    const keep = new Set(['shelf:summer2026', 'shelf:herbert01']);
    await bulk(
      all.rows
        .filter((row) => !keep.has(row.id))
        .map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true })),
    );
  });

  it('lists a user’s own shelves in OPDS, each a feed of its books; never another user’s', async () => {
    const theirs = manualShelfDoc(
      { key: 'omarsecret', name: 'Omar’s secret', device: 'd', at: AT },
      [book('zola.epub')],
    );
    expect(
      (
        await omar.fetch(`/db/${omarDb}/${theirs._id}`, {
          method: 'PUT',
          headers: json,
          body: JSON.stringify(theirs),
        })
      ).status,
    ).toBe(201);

    const get = async (path: string) => {
      const [v1, v2] = await Promise.all([
        lib.get(`/opds${path}`).then((r) => r.text()),
        lib.get(`/opds/v2${path}`).then((r) => r.json()),
      ]);
      return { v1: parseOpds1(v1), v2: parseOpds2(v2), xml: v1 };
    };
    const root = await get('');
    expect(root.v2.navigation?.map((l) => l.title)).toContain('Shelves');

    const list = await get('/shelves');
    for (const feed of [list.v1, list.v2])
      expect(feed.navigation?.map((l) => l.title)).toEqual(['Herbert', 'Summer']);
    expect(list.xml).not.toContain('secret');

    const summer = await get('/shelves/summer2026');
    expect(titles(summer.v1)).toEqual(['The Left Hand of Darkness', 'Dune']);
    const herbert = await get('/shelves/herbert01');
    expect(titles(herbert.v2)).toEqual(['Children of Dune', 'Dune', 'Dune Messiah']);

    // Omar's shelf is not Rita's to see, by list or by address.
    expect((await lib.get('/opds/shelves/omarsecret')).status).toBe(404);
    const omarSecret = lib.agent.agent.auth.appPasswords.create(
      lib.agent.agent.auth.users.byName('omar')?.id ?? '',
      'Kindle',
    ).secret;
    const omarList = await fetch(`${lib.agent.url}/opds/v2/shelves`, {
      headers: { authorization: basicAuth('omar', omarSecret) },
    }).then((r) => r.json() as Promise<ParsedFeed>);
    expect(omarList.navigation?.map((l) => l.title)).toEqual(['Omar’s secret']);
  });
});
