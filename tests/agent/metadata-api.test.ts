import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '#core/merge/trust';
import type { TrustChange } from '#core/merge/trust-adjust';
import { readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { coverDocId, readCoverDoc } from '#core/schema/cover-doc';
import { editDocId, readEditDoc } from '#core/schema/edit-doc';
import { LOOKUP_JOB } from '../../agent/metadata/lookups/lookup-job';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

describe('metadata API: the user’s fields, covers and series', () => {
  const data = tempDir('metadata-data');
  const library = tempDir('metadata-library');
  let agent: TestAgent;
  let reader: TestSession;
  const books = new Map<string, BookDoc>();

  const short = (path: string) => {
    const id = books.get(path)?._id ?? '';
    return id.slice(id.lastIndexOf(':') + 1);
  };
  const catalog = () => agent.agent.ctx.catalog;
  const send = (path: string, method: string, body?: unknown, session = agent.admin) =>
    session.fetch(path, {
      method,
      ...(body !== undefined && {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
  const upload = (path: string, bytes: Uint8Array<ArrayBuffer>, type: string) =>
    agent.admin.fetch(`/api/books/${short(path)}/covers`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: bytes,
    });
  const source = async (id: DataSource['id']) =>
    (await agent.agent.metadata.sources.read()).get(id) as DataSource;
  const merged = async (path: string) => {
    const sources = [...(await agent.agent.metadata.sources.read()).values()];
    return (await agent.agent.metadata.states.one(short(path), sources))?.merged;
  };
  const edit = async (path: string) =>
    readEditDoc(await catalog().get(editDocId(catalog().library, short(path))));

  beforeAll(async () => {
    const epubs = {
      'dune.epub': {
        title: 'Dune',
        authors: ['Frank Herbert'],
        series: { name: 'Dune Chronicles', number: 1 },
      },
      'messiah.epub': {
        title: 'Dune Messiah',
        authors: ['Frank Herbert'],
        series: { name: 'Dune Chronicles', number: 2 },
      },
      'children.epub': {
        title: 'Children of Dune',
        authors: ['Frank Herbert'],
        series: { name: 'Dune', number: 3 },
      },
    };
    for (const [name, spec] of Object.entries(epubs))
      writeFileSync(join(library.path, name), await makeEpub(spec));
    agent = await startTestAgent(data.path, [library.path]);
    // No outside source: nothing here may be asked on the network.
    agent.agent.settings.set('sources', {
      openlibrary: false,
      googlebooks: false,
      comicvine: false,
    });
    // The run an agent queues when it starts serving (sources were on then) is not wanted here.
    for (const job of agent.agent.runner.store.list())
      if (job.kind === LOOKUP_JOB) agent.agent.runner.cancel(job.id);
    reader = await agent.signIn('rita', 'reader');
    await agent.scan();
    const all = await catalog().db.allDocs({
      include_docs: true,
      startkey: 'book:',
      endkey: 'book:\uffff',
    });
    for (const row of all.rows) {
      const book = readBookDoc(row.doc);
      if (book) books.set(book.path, book);
    }
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('queues no lookup after a scan when every source is off', () => {
    const lookups = agent.agent.runner.store.list().filter((j) => j.kind === LOOKUP_JOB);
    expect(lookups.filter((j) => j.state !== 'cancelled')).toEqual([]);
  });

  it('lists the sources with their trust, probation and health', async () => {
    const response = await reader.fetch('/api/sources');
    expect(response.status).toBe(200);
    const listed = (await response.json()) as (DataSource & { health?: { circuit: string } })[];
    expect(listed.map((s) => s.id)).toEqual([
      'file',
      'openlibrary',
      'googlebooks',
      'comicvine',
      'calibre',
      'user',
    ]);
    expect(listed.find((s) => s.id === 'calibre')).toMatchObject({
      trust: 0.9,
      enabled: true,
      probation: false,
    });
    expect(listed.find((s) => s.id === 'file')).toMatchObject({
      trust: 0.7,
      enabled: true,
      probation: false,
    });
    expect(listed.find((s) => s.id === 'openlibrary')).toMatchObject({
      enabled: false,
      probation: { until: expect.any(String) as string },
      health: { circuit: 'closed', requests: 0, failures: 0 },
    });
  });

  it('lets an admin set a source’s trust, logged, and refuses what does not fit', async () => {
    const changed = await send('/api/sources/googlebooks', 'PUT', { trust: 0.4, priority: 7 });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ id: 'googlebooks', trust: 0.4, priority: 7 });
    expect((await source('googlebooks')).trust).toBe(0.4);
    const logged = agent.agent.oplog.list({ limit: 20 }).find((op) => op.kind === 'source.changed');
    expect(logged?.details).toMatchObject({ before: { trust: 0.6 }, after: { trust: 0.4 } });
    for (const [id, body, status] of [
      ['googlebooks', { trust: 2 }, 400],
      ['googlebooks', { colour: 'red' }, 400],
      ['user', { trust: 0.2 }, 400],
      ['nowhere', { trust: 0.2 }, 404],
    ] as const) {
      const response = await send(`/api/sources/${id}`, 'PUT', body);
      expect(response.status, `${id} ${JSON.stringify(body)}`).toBe(status);
      expect(((await response.json()) as { message: string }).message).toBeTruthy();
    }
  });

  it('keeps a source document in step when the settings switch the source on or off', async () => {
    const flags = agent.agent.settings.get('sources');
    const put = (value: unknown) => send('/api/settings/sources', 'PUT', { value });
    expect((await put({ ...flags, googlebooks: true })).status).toBe(200);
    await expect.poll(async () => (await source('googlebooks')).enabled).toBe(true);
    expect((await put(flags)).status).toBe(200);
    await expect.poll(async () => (await source('googlebooks')).enabled).toBe(false);
  });

  it('lets a field the user sets win at 1.0, nudges the sources, and takes it all back when cleared', async () => {
    const file = await source('file');
    expect(file.trust).toBe(0.7);
    const set = await send(`/api/books/${short('dune.epub')}/fields/title`, 'PUT', {
      value: 'Dune (Deluxe Edition)',
    });
    expect(set.status).toBe(200);
    const { ok, trustChanges } = (await set.json()) as { ok: boolean; trustChanges: TrustChange[] };
    expect(ok).toBe(true);
    expect(trustChanges).toEqual([
      { source: 'file', field: 'title', before: 0.7, after: 0.68, reason: 'overridden-by-user' },
    ]);
    const decided = (await merged('dune.epub'))?.fields.title;
    expect(decided).toMatchObject({
      value: 'Dune (Deluxe Edition)',
      confidence: 1,
      source: 'user',
    });
    expect((await edit('dune.epub'))?.fields.title).toBe('Dune (Deluxe Edition)');
    expect(await source('file')).toMatchObject({ trust: 0.68, stats: { overridden: 1 } });

    // Set again: the new value replaces the old one's trust step instead of adding another.
    await send(`/api/books/${short('dune.epub')}/fields/title`, 'PUT', {
      value: 'Dune: The Deluxe Edition',
    });
    expect(await source('file')).toMatchObject({ trust: 0.68, stats: { overridden: 1 } });

    const cleared = await send(`/api/books/${short('dune.epub')}/fields/title`, 'DELETE');
    expect(await cleared.json()).toEqual({ ok: true });
    expect(await source('file')).toEqual(file);
    expect((await merged('dune.epub'))?.metadata.title).toBe('Dune');
    expect((await edit('dune.epub'))?.fields.title).toBeUndefined();
    const kinds = agent.agent.oplog.list({ limit: 10 }).map((op) => op.kind);
    expect(kinds).toEqual(expect.arrayContaining(['metadata.edited', 'metadata.reverted']));
    const history = agent.agent.metadata.editLog.history(short('dune.epub'));
    expect(history.map((h) => [h.action, h.undone])).toEqual([
      ['clear', false],
      ['set', true],
      ['set', true],
    ]);
  });

  it('rewards the sources that agreed with the user', async () => {
    const path = `/api/books/${short('messiah.epub')}/fields/authors`;
    const set = await send(path, 'PUT', { value: [{ name: 'Frank Herbert', roles: ['aut'] }] });
    const { trustChanges } = (await set.json()) as { trustChanges: TrustChange[] };
    expect(trustChanges).toEqual([
      { source: 'file', field: 'authors', before: 0.7, after: 0.71, reason: 'agreed-with-user' },
    ]);
    await send(path, 'DELETE');
    expect((await source('file')).trust).toBe(0.7);
  });

  it('refuses a value that does not fit the field, saying why', async () => {
    const book = short('dune.epub');
    for (const [field, value, status] of [
      ['pageCount', 'many', 400],
      ['title', '   ', 400],
      ['authors', 'Frank Herbert', 400],
      ['series', { name: 'Dune', number: 'one', kind: 'series' }, 400],
      ['colour', 'red', 404],
    ] as const) {
      const response = await send(`/api/books/${book}/fields/${field}`, 'PUT', { value });
      expect(response.status, field).toBe(status);
      expect(((await response.json()) as { message: string }).message).toMatch(/\w/);
    }
    expect((await send('/api/books/nosuchbook/fields/title', 'PUT', { value: 'X' })).status).toBe(
      404,
    );
    expect((await source('file')).trust).toBe(0.7);
  });

  it('takes an uploaded PNG as an upload cover, and lets the user choose it', async () => {
    const png = await sharp({
      create: { width: 400, height: 600, channels: 3, background: { r: 20, g: 60, b: 200 } },
    })
      .png()
      .toBuffer();
    const response = await upload('dune.epub', new Uint8Array(png), 'image/png');
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(id).toBe(coverDocId(catalog().library, short('dune.epub'), 'upload'));
    const cover = readCoverDoc(await catalog().get(id));
    expect(cover).toMatchObject({ source: 'upload', original: { width: 400, height: 600 } });
    expect(agent.agent.covers.has(cover?.hash as string, 'small')).toBe(true);

    const chosen = await send(`/api/books/${short('dune.epub')}/cover`, 'PUT', { cover: id });
    expect(chosen.status).toBe(200);
    expect((await edit('dune.epub'))?.cover).toBe(id);
    // Another book's cover is not this book's to choose.
    const wrong = await send(`/api/books/${short('messiah.epub')}/cover`, 'PUT', { cover: id });
    expect(wrong.status).toBe(404);
    const back = await send(`/api/books/${short('dune.epub')}/cover`, 'DELETE');
    expect(back.status).toBe(200);
    expect((await edit('dune.epub'))?.cover).toBeUndefined();
    const kinds = agent.agent.oplog.list({ limit: 10 }).map((op) => op.kind);
    expect(kinds).toEqual(expect.arrayContaining(['cover.uploaded', 'cover.chosen']));
  });

  it('refuses what is not an image (415) and what is too big (413)', async () => {
    const text = new TextEncoder().encode('just some words, not a picture');
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    for (const [bytes, type] of [
      [text, 'text/plain'],
      [text, 'image/png'],
      [svg, 'image/png'],
      [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'image/png'],
    ] as const) {
      const response = await upload('messiah.epub', bytes, type);
      expect(response.status, `${type} ${bytes.length}`).toBe(415);
      expect(((await response.json()) as { message: string }).message).toMatch(/image/i);
    }
    const huge = new Uint8Array(11 * 1024 * 1024);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const tooBig = await upload('messiah.epub', huge, 'image/jpeg');
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { message: string }).message).toMatch(/large/);
    const none = await catalog().get(
      coverDocId(catalog().library, short('messiah.epub'), 'upload'),
    );
    expect(none).toBeUndefined();
  });

  it('merges one series into another, renames a series, and removes a book from its series', async () => {
    const merge = await send('/api/series/merge', 'POST', {
      from: 'Dune Chronicles',
      into: 'dune',
    });
    expect(await merge.json()).toEqual({ books: 2 });
    expect((await merged('dune.epub'))?.metadata.series).toEqual({
      name: 'Dune',
      number: 1,
      kind: 'series',
    });
    expect((await merged('messiah.epub'))?.metadata.series).toMatchObject({
      name: 'Dune',
      number: 2,
    });
    expect(
      (await send('/api/series/merge', 'POST', { from: 'Nothing', into: 'Dune' })).status,
    ).toBe(404);

    // Renaming onto another series' name would merge them unasked.
    await send(`/api/books/${short('children.epub')}/fields/series`, 'PUT', {
      value: { name: 'Arrakis', number: 3, kind: 'series' },
    });
    const clash = await send('/api/series/rename', 'POST', { from: 'Arrakis', into: 'Dune' });
    expect(clash.status).toBe(409);
    await send(`/api/books/${short('children.epub')}/fields/series`, 'DELETE');

    const rename = await send('/api/series/rename', 'POST', { from: 'Dune', into: 'Dune Saga' });
    expect(await rename.json()).toEqual({ books: 3 });
    expect((await merged('children.epub'))?.metadata.series).toMatchObject({
      name: 'Dune Saga',
      number: 3,
    });
    const kinds = agent.agent.oplog.list({ limit: 20 }).map((op) => op.kind);
    expect(kinds).toEqual(expect.arrayContaining(['series.merged', 'series.renamed']));

    // A decimal position, then no series at all (a series named "").
    const book = short('children.epub');
    await send(`/api/books/${book}/fields/series`, 'PUT', {
      value: { name: 'Dune Saga', number: 2.5, kind: 'series' },
    });
    expect((await merged('children.epub'))?.metadata.series?.number).toBe(2.5);
    await send(`/api/books/${book}/fields/series`, 'PUT', { value: { name: '', kind: 'series' } });
    expect((await merged('children.epub'))?.metadata.series?.name).toBe('');
  });

  it('refuses a reader every change', async () => {
    const book = short('dune.epub');
    const calls: [string, string, unknown][] = [
      [`/api/sources/file`, 'PUT', { trust: 0.1 }],
      [`/api/books/${book}/lookup`, 'POST', undefined],
      [`/api/books/${book}/fields/title`, 'PUT', { value: 'Mine' }],
      [`/api/books/${book}/fields/title`, 'DELETE', undefined],
      [`/api/books/${book}/cover`, 'PUT', { cover: 'cover:x' }],
      [`/api/books/${book}/cover`, 'DELETE', undefined],
      [`/api/books/${book}/covers`, 'POST', undefined],
      ['/api/series/rename', 'POST', { from: 'Dune Saga', into: 'Mine' }],
      ['/api/series/merge', 'POST', { from: 'Dune Saga', into: 'Mine' }],
    ];
    for (const [path, method, body] of calls) {
      const response = await send(path, method, body, reader);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await source('file')).trust).not.toBe(0.1);
  });
});
