import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openedBookDoc } from '#core/schema/opened-book-doc';
import {
  RECENT_SEARCHES_STORED,
  recentSearchDoc,
  type RecentSearchDoc,
} from '#core/schema/recent-search-doc';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

interface CouchAnswer {
  id?: string;
  ok?: boolean;
  error?: string;
  reason?: string;
}

const json = { 'content-type': 'application/json' };
const AT = new Date('2026-03-01T12:00:00Z');

function search(query: string): RecentSearchDoc {
  const doc = recentSearchDoc(query, 'phone', AT);
  if (!doc) throw new Error(`"${query}" is not remembered`);
  return doc;
}

describe('recent searches and opened books in a user database', () => {
  const data = tempDir('user-search-docs');
  let agent: TestAgent;
  let reader: TestSession;
  let other: TestSession;
  let dbName: string;

  const put = (session: TestSession, doc: { _id: string; [field: string]: unknown }) =>
    session.fetch(`/db/${dbName}/${encodeURIComponent(doc._id)}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify(doc),
    });
  const bulk = async (docs: object[]) => {
    const response = await reader.fetch(`/db/${dbName}/_bulk_docs`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ docs }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as CouchAnswer[];
  };

  beforeAll(async () => {
    agent = await startTestAgent(data.path, []);
    reader = await agent.signIn('sara', 'reader');
    other = await agent.signIn('omar', 'reader');
    dbName = `user-${agent.agent.auth.users.byName('sara')?.id}`;
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
  });

  it('stores a valid recent search and opened book, and replicates them to another device', async () => {
    expect((await put(reader, search('author:zola germinal'))).status).toBe(201);
    expect((await put(reader, openedBookDoc('book:lib:b1', 'phone', AT))).status).toBe(201);
    const device = new PouchDB(`search-docs-${Math.random()}`, { adapter: 'memory' });
    await device.replicate.from(reader.remote(dbName));
    const ids = (await device.allDocs()).rows.map((row) => row.id);
    expect(ids).toContain(search('author:zola germinal')._id);
    expect(ids).toContain('opened:book:lib:b1');
    await device.destroy();
  });

  it('refuses a wrong type, a wrong id, an extra field or an oversize query, saying why', async () => {
    const good = search('nana');
    const cases: [{ _id: string; [field: string]: unknown }, RegExp][] = [
      [{ ...good, query: 42 }, /not valid as a recent search: query/],
      [{ ...good, at: 'yesterday' }, /not valid as a recent search: at/],
      [{ ...good, _id: 'search:0000000000000000' }, /search:<hash of the query>/],
      [{ ...good, _id: 'search:not-a-hash' }, /not valid as a recent search: _id/],
      [{ ...good, results: ['book:lib:1'] }, /not valid as a recent search/],
      [{ ...good, query: ' nana  ' }, /not valid as a recent search: query/],
      [{ ...search('x'.repeat(300)), query: 'x'.repeat(301) }, /not valid as a recent search/],
      [{ ...good, padding: 'x'.repeat(4000) }, /at most 2048 bytes/],
      [
        { ...openedBookDoc('book:lib:b2', 'phone', AT), _id: 'opened:book:lib:b3' },
        /opened:<book>/,
      ],
      [{ ...openedBookDoc('book:lib:b2', 'phone', AT), book: 7 }, /recently opened book: book/],
    ];
    for (const [doc, reason] of cases) {
      const response = await put(reader, doc);
      expect(response.status, JSON.stringify(doc).slice(0, 80)).toBe(403);
      expect(((await response.json()) as CouchAnswer).reason, doc._id).toMatch(reason);
    }
  });

  it('keeps them from another user: their database is not reachable, for reading or writing', async () => {
    const doc = search('secret query');
    expect((await put(reader, doc)).status).toBe(201);
    const read = await other.fetch(`/db/${dbName}/${encodeURIComponent(doc._id)}`);
    expect(read.status).toBe(404);
    const written = await put(other, search('planted by omar'));
    expect(written.status).toBe(404);
    expect(
      (await reader.fetch(`/db/${dbName}/${encodeURIComponent(search('planted by omar')._id)}`))
        .status,
    ).toBe(404);
  });

  it('holds recent searches to their most, yet takes a batch that deletes before it adds', async () => {
    const existing = (await (
      await reader.fetch(`/db/${dbName}/_all_docs?startkey="search:"&endkey="search:\ufff0"`)
    ).json()) as { rows: { id: string; value: { rev: string } }[] };
    const room = RECENT_SEARCHES_STORED - existing.rows.length;
    const fill = Array.from({ length: room }, (_, i) => search(`filler ${i}`));
    const filled = await bulk(fill);
    expect(filled.every((entry) => entry.ok)).toBe(true);

    const [refused] = await bulk([search('one too many')]);
    expect(refused?.error).toBe('forbidden');
    expect(refused?.reason).toMatch(/100 recent searches already/);
    const one = await put(reader, search('one too many'));
    expect(one.status).toBe(403);

    // Running a known search again replaces its document: always accepted.
    const again = await reader.fetch(`/db/${dbName}/${encodeURIComponent(fill[0]!._id)}`);
    const rev = ((await again.json()) as { _rev: string })._rev;
    expect(
      (await put(reader, { ...fill[0]!, at: new Date().toISOString(), _rev: rev })).status,
    ).toBe(201);

    // A pruning device deletes the oldest and adds the new one in one batch.
    const oldest = fill[1]!;
    const oldRev = (
      (await (await reader.fetch(`/db/${dbName}/${encodeURIComponent(oldest._id)}`)).json()) as {
        _rev: string;
      }
    )._rev;
    const pruned = await bulk([
      { _id: oldest._id, _rev: oldRev, _deleted: true },
      search('one too many'),
    ]);
    expect(pruned.map((entry) => entry.ok)).toEqual([true, true]);
  });
});
