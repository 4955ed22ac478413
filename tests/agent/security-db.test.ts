import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/temp';
import { samplePosition, sampleStatus } from '../support/sample-reading';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

/**
 * A map function that, if the agent ever ran it, would reach the agent's
 * real `process` (Node's `vm` is no security boundary: PouchDB's host code
 * calls the sandbox's `forEach` with a host function, whose constructor is
 * the host's Function) and write a marker file: the marker must never exist.
 */
function escape(marker: string): string {
  return `function (doc) {
    Array.prototype.forEach = function (callback) {
      var p = callback.constructor('return process')();
      p.getBuiltinModule('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');
    };
    emit(doc._id, null);
  }`;
}

interface CouchAnswer {
  error?: string;
  reason?: string;
  message?: string;
}

const json = { 'content-type': 'application/json' };

/** The document the reader's database starts with (a user database holds only Colophon's kinds). */
const NOTE = sampleStatus('noted');
const docPath = (id: string) => encodeURIComponent(id);

describe('security: /db serves the replication protocol and runs no client code', () => {
  const data = tempDir('security-db');
  const markers = tempDir('security-db-markers');
  let agent: TestAgent;
  let reader: TestSession;
  let readerDb: string;
  let markerCount = 0;
  const marker = () => join(markers.path, `ran-${++markerCount}`);

  beforeAll(async () => {
    agent = await startTestAgent(data.path, [], {
      replication: {
        storage: { documentBytes: 64 * 1024, userDatabaseBytes: 2 * 1024 * 1024 },
        checkpoints: { documentBytes: 8 * 1024, userBytes: 16 * 1024 },
        waitingFeedsPerUser: 20,
      },
    });
    reader = await agent.signIn('fresh-reader', 'reader');
    readerDb = `/db/user-${agent.agent.auth.users.byName('fresh-reader')?.id}`;
    expect((await reader.fetch(readerDb, { method: 'PUT' })).status).toBe(201);
    await reader.fetch(`${readerDb}/${docPath(NOTE._id)}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify(NOTE),
    });
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    markers.remove();
  });

  it('refuses a temporary view, and does not run its map function', async () => {
    const file = marker();
    const response = await reader.fetch(`${readerDb}/_temp_view`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ map: escape(file) }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as CouchAnswer).reason).toMatch(/replication protocol/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses design documents however they are written, and their views', async () => {
    const file = marker();
    const design = { _id: '_design/evil', views: { v: { map: escape(file) } } };
    const attempts = [
      reader.fetch(`${readerDb}/_design/evil`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify(design),
      }),
      reader.fetch(`${readerDb}/_design%2Fevil`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify(design),
      }),
      reader.fetch(`${readerDb}/_bulk_docs`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ docs: [design] }),
      }),
      // A plain address with a design document's id in the body.
      reader.fetch(`${readerDb}/innocent`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify(design),
      }),
      reader.fetch(readerDb, { method: 'POST', headers: json, body: JSON.stringify(design) }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('content-type')).toMatch(/json/);
    }
    for (const path of ['_design/evil/_view/v', '_design/evil', '_design/evil/_info']) {
      expect((await reader.fetch(`${readerDb}/${path}`)).status, path).toBe(403);
    }
    const all = (await (await reader.fetch(`${readerDb}/_all_docs`)).json()) as {
      rows: { id: string }[];
    };
    expect(all.rows.map((r) => r.id)).toEqual([NOTE._id]);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses filter functions and views on the changes feed', async () => {
    for (const query of ['filter=evil/f', 'filter=_view&view=evil/v', 'view=evil/v']) {
      const response = await reader.fetch(`${readerDb}/_changes?${query}`);
      expect(response.status, query).toBe(403);
      expect(((await response.json()) as CouchAnswer).reason).toMatch(/not (run|served)/);
    }
    const post = await reader.fetch(`${readerDb}/_changes?filter=evil/f`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    expect(post.status).toBe(403);
  });

  it('serves the filters that run no code: _doc_ids and _selector', async () => {
    const byId = await reader.fetch(`${readerDb}/_changes?filter=_doc_ids`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ doc_ids: [NOTE._id] }),
    });
    expect(((await byId.json()) as { results: { id: string }[] }).results.map((r) => r.id)).toEqual(
      [NOTE._id],
    );
    const bySelector = await reader.fetch(`${readerDb}/_changes?filter=_selector`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ selector: { status: 'no such status' } }),
    });
    expect(((await bySelector.json()) as { results: unknown[] }).results).toEqual([]);
  });

  it('refuses every other CouchDB feature, for admins too, on both databases', async () => {
    const adminDb = `/db/user-${agent.agent.auth.users.byName('admin')?.id}`;
    await agent.admin.fetch(adminDb, { method: 'PUT' });
    const features: [string, string][] = [
      ['POST', '_temp_view'],
      ['GET', '_design/x/_view/v'],
      ['GET', '_design/x/_show/s/note'],
      ['GET', '_design/x/_list/l/v'],
      ['POST', '_design/x/_update/u/note'],
      ['POST', '_compact'],
      ['POST', '_purge'],
      ['GET', '_security'],
      ['PUT', '_security'],
      ['POST', '_view_cleanup'],
      ['POST', '_find'],
      ['POST', '_index'],
      ['POST', '_explain'],
      ['GET', '_design_docs'],
      ['COPY', 'note'],
      ['DELETE', ''],
    ];
    for (const db of ['/db/catalog', adminDb]) {
      for (const [method, path] of features) {
        const response = await agent.admin.fetch(`${db}/${path}`, {
          method,
          headers: json,
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
        expect(response.status, `${method} ${db}/${path}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${method} ${db}/${path}`).not.toBe(500);
        const answer = (await response.json()) as CouchAnswer;
        expect(answer.reason, `${method} ${db}/${path}`).toBeTruthy();
      }
    }
    for (const path of [
      '/db/_all_dbs',
      '/db/_users',
      '/db/_session',
      '/db/_uuids',
      '/db/_config',
    ]) {
      expect((await agent.admin.fetch(path)).status, path).toBe(404);
    }
  });

  it('caps a document at the size limit, on every way in, with a JSON 413', async () => {
    const big = 'x'.repeat(100 * 1024);
    const attempts = [
      reader.fetch(`${readerDb}/big`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ big }),
      }),
      reader.fetch(`${readerDb}/_local/big`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ big }),
      }),
      reader.fetch(`${readerDb}/_bulk_docs`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ docs: [{ _id: 'big', big }] }),
      }),
      // An attachment counts: it travels inline, in base64.
      reader.fetch(`${readerDb}/_bulk_docs`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          docs: [
            {
              _id: 'with-attachment',
              _attachments: {
                'a.bin': {
                  content_type: 'application/octet-stream',
                  data: Buffer.alloc(80 * 1024).toString('base64'),
                },
              },
            },
          ],
        }),
      }),
      reader.fetch('/db/catalog/_local/big', {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ big }),
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(413);
      expect(((await response.json()) as CouchAnswer).message).toMatch(/at most \d+ KiB/);
    }
    expect((await reader.fetch(`${readerDb}/big`)).status).toBe(404);
  });

  it("holds each user's database to a quota", async () => {
    const quota = await agent.signIn('quota-reader', 'reader');
    const db = `/db/user-${agent.agent.auth.users.byName('quota-reader')?.id}`;
    await quota.fetch(db, { method: 'PUT' });
    // Random, so LevelDB's compression cannot shrink it below what was sent.
    const chunk = () => randomBytes(45 * 1024).toString('base64');
    let refused: Response | undefined;
    for (let i = 0; i < 100 && !refused; i++) {
      const response = await quota.fetch(`${db}/_bulk_docs`, {
        method: 'POST',
        headers: json,
        // Local documents (replication checkpoints) count towards the quota like any other.
        body: JSON.stringify({
          docs: Array.from({ length: 4 }, (_, j) => ({ _id: `_local/d${i}-${j}`, chunk: chunk() })),
        }),
      });
      if (response.status === 413) refused = response;
      else expect(response.status).toBe(201);
    }
    expect(refused, 'the quota was never reached').toBeDefined();
    expect(((await refused?.json()) as CouchAnswer).message).toMatch(/database is full/);
    // Reading still works, and other users are not affected.
    expect((await quota.fetch(`${db}/_all_docs?limit=1`)).status).toBe(200);
    const small = sampleStatus('small');
    expect(
      (
        await reader.fetch(`${readerDb}/${docPath(small._id)}`, {
          method: 'PUT',
          headers: json,
          body: JSON.stringify(small),
        })
      ).status,
    ).toBe(201);
  });

  it("keeps each user's catalog checkpoints apart, and within a quota", async () => {
    const put = (session: TestSession, id: string, body: object) =>
      session.fetch(`/db/catalog/_local/${id}`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify(body),
      });
    const written = await put(reader, 'shared-id', { last_seq: 5 });
    expect(written.status).toBe(201);
    expect((await agent.admin.fetch('/db/catalog/_local/shared-id')).status).toBe(404);
    expect((await put(agent.admin, 'shared-id', { last_seq: 9 })).status).toBe(201);
    const mine = (await (await reader.fetch('/db/catalog/_local/shared-id')).json()) as {
      last_seq: number;
      _rev: string;
    };
    expect(mine.last_seq).toBe(5);
    // A stale revision is a conflict, as in CouchDB.
    expect((await put(reader, 'shared-id', { last_seq: 6 })).status).toBe(409);
    expect((await put(reader, 'shared-id', { last_seq: 6, _rev: mine._rev })).status).toBe(201);
    // Many checkpoints together stop at the user's quota (16 KiB in this agent).
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await put(reader, `n${i}`, { pad: 'p'.repeat(4000) })).status);
    expect(statuses).toContain(413);
    // The catalog store itself is never written by a client.
    const local = await agent.agent.ctx.catalog.db.get('_local/shared-id').then(
      () => 'found',
      () => 'absent',
    );
    expect(local).toBe('absent');
  });

  it('answers a write that meets a full disk with a JSON 507', async () => {
    const id = agent.agent.auth.users.byName('fresh-reader')?.id ?? '';
    const db = agent.agent.databases.user(id).db;
    const spy = vi.spyOn(db, 'put').mockRejectedValue(
      Object.assign(new Error('IO error: ./000005.log: No space left on device'), {
        status: 500,
      }),
    );
    try {
      const full = sampleStatus('full');
      const response = await reader.fetch(`${readerDb}/${docPath(full._id)}`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify(full),
      });
      expect(response.status).toBe(507);
      expect(((await response.json()) as CouchAnswer).error).toBe('disk-full');
    } finally {
      spy.mockRestore();
    }
  });

  it('answers _bulk_get with no documents at once', async () => {
    const response = await reader.fetch('/db/catalog/_bulk_get', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ docs: [] }),
      signal: AbortSignal.timeout(20_000),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ results: [] });
  });

  it('answers bad input with a JSON error, not a page with a stack', async () => {
    const cases = [
      reader.fetch(`${readerDb}/%E0%A4%A`),
      reader.fetch(`${readerDb}/bad`, { method: 'PUT', headers: json, body: '{not json' }),
      reader.fetch(`${readerDb}/_all_docs?limit=many`),
      reader.fetch(`${readerDb}/form`, {
        method: 'PUT',
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      }),
    ];
    for (const response of await Promise.all(cases)) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const text = await response.text();
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      expect(text).not.toMatch(/\bat \S+ \(|node_modules|\/work\//);
    }
  });

  it('wakes many long polls with one change, without piling up listeners', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const info = (await (await reader.fetch('/db/catalog')).json()) as { update_seq: number };
      const polls = Array.from({ length: 15 }, () =>
        reader
          .fetch(
            `/db/catalog/_changes?feed=longpoll&since=${info.update_seq}&heartbeat=1000&timeout=20000`,
            {
              signal: AbortSignal.timeout(25_000),
            },
          )
          .then((r) => r.json() as Promise<{ results: { id: string }[] }>),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await agent.agent.ctx.catalog.db.put({ _id: 'longpoll-probe', type: 'probe' });
      const answers = await Promise.all(polls);
      for (const answer of answers)
        expect(answer.results.map((r) => r.id)).toEqual(['longpoll-probe']);
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('still replicates both ways with PouchDB, keeping checkpoints per user', async () => {
    const local = new PouchDB(`security-db-${Math.random()}`, { adapter: 'memory' });
    try {
      await local.put(samplePosition('b1'));
      const pushed = await local.replicate.to(reader.remote(readerDb.slice('/db/'.length)));
      expect(pushed.docs_written).toBe(1);
      await local.replicate.from(reader.remote(readerDb.slice('/db/'.length)));
      expect((await local.get(NOTE._id))._id).toBe(NOTE._id);
      const first = await local.replicate.from(reader.remote('catalog'));
      expect(first.docs_read).toBeGreaterThan(0);
      const again = await local.replicate.from(reader.remote('catalog'));
      expect(again.docs_read).toBe(0);
      const rows = agent.agent.ctx.db
        .prepare('SELECT COUNT(*) AS n FROM catalog_checkpoints WHERE user_id = ?')
        .get(agent.agent.auth.users.byName('fresh-reader')?.id) as { n: number };
      expect(rows.n).toBeGreaterThan(0);
    } finally {
      await local.destroy();
    }
  });
});
