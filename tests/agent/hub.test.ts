import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubStatus } from '#core/hub/hub-status';
import { bookDoc } from '#core/schema/book-doc';
import { manualShelfDoc, type ShelfDoc } from '#core/schema/shelf-doc';
import { AgentProcess, freePort } from '../e2e/support/agent-process';
import { HUB_PASSWORD, HUB_USER, HubServer, waitFor } from '../support/hub-server';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';

const AT = new Date('2026-03-01T12:00:00Z');

/** A signed-in admin of a running agent, over HTTP as the app is. */
interface Session {
  userId: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  db(name: string): PouchDB.Database;
}

async function signIn(agent: AgentProcess): Promise<Session> {
  const answer = await fetch(`${agent.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(agent.admin),
  });
  expect(answer.status).toBe(200);
  const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { user, csrf } = (await answer.json()) as { user: { id: string }; csrf: string };
  const headersFor = (method: string, extra?: HeadersInit) => {
    const headers = new Headers(extra);
    headers.set('cookie', cookie);
    if (!['GET', 'HEAD'].includes(method)) headers.set('x-csrf-token', csrf);
    return headers;
  };
  return {
    userId: user.id,
    fetch: (path, init = {}) =>
      fetch(`${agent.url}${path}`, {
        ...init,
        headers: headersFor(init.method ?? 'GET', init.headers),
      }),
    db: (name) =>
      new PouchDB(`${agent.url}/db/${name}`, {
        skip_setup: true,
        fetch: (url: string | Request, options?: RequestInit) =>
          PouchDB.fetch(url, {
            ...options,
            headers: headersFor(options?.method ?? 'GET', options?.headers),
          }),
      } as PouchDB.Configuration.RemoteDatabaseConfiguration),
  };
}

const hubStatus = async (session: Session): Promise<HubStatus> =>
  (await (await session.fetch('/api/settings/hub')).json()) as HubStatus;

/** The ids of a database's documents that start with `prefix`. */
async function idsStarting(db: PouchDB.Database, prefix: string): Promise<string[]> {
  const all = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` });
  return all.rows.map((row) => row.id);
}

describe('a CouchDB hub between two agents', { timeout: 150_000 }, () => {
  const temp = tempDir('hub');
  let hub: HubServer;
  let a: AgentProcess;
  let b: AgentProcess;
  let onA: Session;
  let onB: Session;
  let libraryA: string;
  let libraryB: string;
  const hubUrl = () => `http://${HUB_USER}:${HUB_PASSWORD}@127.0.0.1:${hub.port}`;

  beforeAll(async () => {
    const hubDir = join(temp.path, 'hub');
    mkdirSync(hubDir);
    hub = new HubServer(await freePort(), hubDir);
    await hub.start();
    const books = join(temp.path, 'books-a');
    mkdirSync(books);
    writeFileSync(
      join(books, 'hub-test-book.epub'),
      await makeEpub({ title: 'The Hub Test Book', authors: ['Ada Hub'] }),
    );
    a = new AgentProcess(await freePort(), join(temp.path, 'agent-a'), [books], {}, [
      '--hub',
      hubUrl(),
    ]);
    b = new AgentProcess(await freePort(), join(temp.path, 'agent-b'), [], {}, ['--hub', hubUrl()]);
    await Promise.all([a.start(), b.start()]);
    onA = await signIn(a);
    onB = await signIn(b);
    const library = async (s: Session) =>
      ((await (await s.fetch('/api/status')).json()) as { library: string }).library;
    libraryA = await library(onA);
    libraryB = await library(onB);
  }, 180_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await hub?.stop();
    temp.remove();
  }, 60_000);

  it('never shows or logs the hub password', async () => {
    const status = await hubStatus(onA);
    expect(status).toMatchObject({ address: hub.url, user: HUB_USER, hasPassword: true });
    expect(JSON.stringify(status)).not.toContain(HUB_PASSWORD);
    const settings = await (await onA.fetch('/api/settings')).text();
    expect(settings).not.toContain(HUB_PASSWORD);
    expect(a.output).toContain(`Replicating with the CouchDB hub at http://${HUB_USER}@127.0.0.1`);
    expect(a.output).not.toContain(HUB_PASSWORD);
  });

  it("puts a book scanned on agent A into agent B's catalog", async () => {
    const ids = await waitFor(
      "A's book in B's catalog",
      () => idsStarting(onB.db('catalog'), `book:${libraryA}:`),
      (found) => found.length === 1,
    );
    const book = (await onB.db('catalog').get(ids[0] as string)) as { path: string };
    expect(book.path).toBe('hub-test-book.epub');
    // The hub holds library documents, in their agents' namespaces (B has no books), and nothing else.
    const onHub = await hub.db('colophon-catalog').allDocs();
    const namespaces = new Set(onHub.rows.map((row) => row.id.split(':')[1]));
    expect(namespaces.has(libraryA)).toBe(true);
    expect([...namespaces].every((n) => n === libraryA || n === libraryB)).toBe(true);
    expect(onHub.rows.some((row) => row.id.startsWith('colophon:'))).toBe(false);
    expect(onHub.rows.some((row) => row.id.startsWith('_design/'))).toBe(false);
    const status = await waitFor(
      'both agents caught up',
      () => Promise.all([hubStatus(onA), hubStatus(onB)]),
      (all) => all.every((s) => s.state === 'connected' && s.lastSync !== undefined),
    );
    expect(status[1]?.databases.map((d) => d.hub).sort()).toEqual([
      'colophon-catalog',
      'colophon-user-admin',
    ]);
  });

  it("brings a shelf made by a user on B to the same user's database on A", async () => {
    const bookOfA = (await idsStarting(onB.db('catalog'), `book:${libraryA}:`))[0] as string;
    const shelf = manualShelfDoc({ key: 'hubshelf1', name: 'From B', device: 'b', at: AT }, [
      bookOfA,
    ]);
    await onB.db(`user-${onB.userId}`).put(shelf);
    const onAgentA = await waitFor(
      'the shelf on A',
      () => onA.db(`user-${onA.userId}`).get<ShelfDoc>(shelf._id),
      (doc) => doc.name === 'From B',
    );
    expect(onAgentA).toMatchObject({ kind: 'manual', books: [bookOfA] });
  });

  it("keeps out what the hub holds that is another agent's to write or not valid", async () => {
    const catalog = hub.db('colophon-catalog');
    const facts = { folderId: 'f1', format: 'epub' as const, size: 10, mtimeMs: 1 };
    const times = { addedAt: 0, scannedAt: 0, status: 'ok' as const };
    const forged = bookDoc({
      library: libraryB,
      bookId: 'forged1',
      path: 'x.epub',
      ...facts,
      ...times,
    });
    const invalid = { _id: 'book:zzzother:bad1', type: 'book', v: 1, library: 'zzzother' };
    const design = {
      _id: '_design/evil',
      views: { all: { map: 'function (doc) { emit(doc._id) }' } },
    };
    const valid = bookDoc({
      library: 'zzzother',
      bookId: 'good1',
      path: 'good.epub',
      ...facts,
      ...times,
    });
    await catalog.bulkDocs([forged, invalid, design]);
    await catalog.put(valid);
    await waitFor(
      'the valid document on B',
      () => idsStarting(onB.db('catalog'), 'book:zzzother:'),
      (ids) => ids.includes(valid._id),
    );
    const onB_ = await onB.db('catalog').allDocs({ keys: [forged._id, invalid._id, design._id] });
    expect(onB_.rows.map((row) => ('error' in row ? row.error : 'found'))).toEqual([
      'not_found',
      'not_found',
      'not_found',
    ]);
    // /db never serves a design document; B's own catalog must not hold one either.
    const design_ = await onB
      .db('catalog')
      .get('_design/evil')
      .catch((e: { status: number }) => e);
    expect([403, 404]).toContain((design_ as { status: number }).status);
    const status = await hubStatus(onB);
    expect(
      status.databases.find((d) => d.hub === 'colophon-catalog')?.refused,
    ).toBeGreaterThanOrEqual(2);
    await catalog.remove(await catalog.get(valid._id));
  });

  it('resumes after the hub was down, even when it comes back empty', async () => {
    await hub.stop();
    await waitFor(
      'B to say the hub is away',
      () => hubStatus(onB),
      (s) =>
        s.state === 'error' &&
        /cannot be reached \(E[A-Z]+\); replication resumes by itself/.test(s.error ?? ''),
    );
    // Still serving its own catalog meanwhile.
    expect((await onB.fetch('/api/status')).status).toBe(200);
    await hub.start();
    // The hub lost its databases: A sends its catalog again.
    await waitFor(
      "A's book back on the hub",
      () => idsStarting(hub.db('colophon-catalog'), `book:${libraryA}:`),
      (ids) => ids.length === 1,
    );
    const shelf = manualShelfDoc({
      key: 'hubshelf2',
      name: 'After the outage',
      device: 'b',
      at: AT,
    });
    await onB.db(`user-${onB.userId}`).put(shelf);
    await waitFor(
      'the new shelf on A',
      () => onA.db(`user-${onA.userId}`).get<ShelfDoc>(shelf._id),
      (doc) => doc.name === 'After the outage',
    );
    await waitFor(
      'A connected again',
      () => hubStatus(onA),
      (s) => s.state === 'connected',
    );
  }, 240_000);

  it('says wrong credentials in the status, keeps serving, and connects once they are right', async () => {
    const put = (password: string) =>
      onB.fetch('/api/settings/hub/address', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ address: hub.url, user: HUB_USER, password }),
      });
    expect((await put('not-the-password')).status).toBe(200);
    const refused = await waitFor(
      'the refusal in the status',
      () => hubStatus(onB),
      (s) => s.state === 'error',
    );
    expect(refused.error).toMatch(/refused the user name or password \(401\)/);
    expect(JSON.stringify(refused)).not.toContain('not-the-password');
    expect((await onB.fetch('/api/status')).status).toBe(200);

    expect((await put(HUB_PASSWORD)).status).toBe(200);
    // Settings' history names the hub's address (so a change reads as one), never its password.
    const history = await (await onB.fetch('/api/settings/history')).text();
    expect(history).toContain(`"after":"http://${HUB_USER}@127.0.0.1:${hub.port}/"`);
    expect(history).not.toContain(HUB_PASSWORD);
    expect(history).not.toContain('not-the-password');
    await waitFor(
      'B connected again',
      () => hubStatus(onB),
      (s) => s.state === 'connected',
    );
  });

  it('refuses a hub address that is not one, and the hub is for signed-in admins', async () => {
    const answer = await onB.fetch('/api/settings/hub/address', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: 'ftp://couch.example', user: '' }),
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { message: string }).message).toMatch(/https:\/\//);
    const anonymous = await fetch(`${b.url}/api/settings/hub`);
    expect(anonymous.status).toBe(401);
  });
});
