import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EditEntryListing } from '#core/api/metadata';
import { fieldOutcome } from '#core/edits/field-edit-resolve';
import { readBookDoc } from '#core/schema/book-doc';
import { editDocId, readEditDoc } from '#core/schema/edit-doc';
import { fieldEditDoc, type FieldEditDoc } from '#core/schema/field-edit-doc';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

interface Denied {
  id: string;
  reason: string;
}

/** A device's replica, in memory, as the browser's is in IndexedDB. */
const device = () => new PouchDB(`edits-${Math.random()}`, { adapter: 'memory' });

let serial = 0;
const random = () => (serial++).toString(36).padStart(8, '0');

describe('metadata edits written on devices, replicated, checked and applied by the agent', () => {
  const data = tempDir('replicated-edits-data');
  const library = tempDir('replicated-edits-library');
  let agent: TestAgent;
  let reader: TestSession;
  let shortId = '';
  let bookId = '';
  const adminDb = () => `user-${agent.agent.auth.users.byName('admin')?.id ?? ''}`;
  const readerDb = () => `user-${agent.agent.auth.users.byName('rita')?.id ?? ''}`;

  const manual = async () => {
    const catalog = agent.agent.ctx.catalog;
    return readEditDoc(await catalog.get(editDocId(catalog.library, shortId)))?.fields ?? {};
  };
  const history = async () =>
    (await (await agent.admin.fetch(`/api/books/${shortId}/history`)).json()) as EditEntryListing[];

  const edit = (
    on: string,
    field: 'title' | 'publisher' | 'rating',
    value: unknown,
    at: string,
    replaces: readonly string[] = [],
  ): FieldEditDoc =>
    fieldEditDoc({
      book: bookId,
      field,
      value,
      at: new Date(at),
      device: on.toLowerCase(),
      deviceName: on,
      random: random(),
      replaces,
    });

  async function push(db: PouchDB.Database, remote: string, session = agent.admin) {
    const denied: Denied[] = [];
    const result = await db.replicate
      .to(session.remote(remote))
      .on('denied', (error) => denied.push(error as unknown as Denied));
    return { result, denied };
  }

  beforeAll(async () => {
    writeFileSync(join(library.path, 'dune.epub'), await makeEpub({ title: 'Dune' }));
    agent = await startTestAgent(data.path, [library.path]);
    agent.agent.settings.set('sources', {
      openlibrary: false,
      googlebooks: false,
      comicvine: false,
    });
    reader = await agent.signIn('rita', 'reader');
    await agent.scan();
    const all = await agent.agent.ctx.catalog.db.allDocs({
      include_docs: true,
      startkey: 'book:',
      endkey: 'book:\uffff',
    });
    bookId = readBookDoc(all.rows[0]?.doc)?._id ?? '';
    shortId = bookId.slice(bookId.lastIndexOf(':') + 1);
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('applies an edit made offline once it replicates, recording its device and time', async () => {
    const tablet = device();
    const title = edit('Tablet', 'title', 'Dune (tablet)', '2026-03-01T10:00:00.000Z');
    await tablet.put(title);
    const { result, denied } = await push(tablet, adminDb());
    expect(denied).toEqual([]);
    expect(result.docs_written).toBe(1);
    await vi.waitFor(async () => expect((await manual()).title).toBe('Dune (tablet)'));
    const [entry] = await history();
    expect(entry).toMatchObject({
      field: 'title',
      action: 'set',
      after: 'Dune (tablet)',
      device: 'Tablet',
      at: '2026-03-01T10:00:00.000Z',
      inForce: true,
    });
    await tablet.destroy();
  });

  it('settles the same field edited apart on two devices: the later wins, the other is kept', async () => {
    const tablet = device();
    const laptop = device();
    // Both start from what the tablet wrote before (pulled from the agent).
    await tablet.replicate.from(agent.admin.remote(adminDb()));
    await laptop.replicate.from(agent.admin.remote(adminDb()));
    const base = fieldOutcome(
      (await tablet.allDocs({ include_docs: true })).rows.map((r) => r.doc as FieldEditDoc),
      bookId,
      'title',
    );
    const heads = base?.heads.map((h) => h._id) ?? [];
    const onTablet = edit('Tablet', 'title', 'Dune: tablet', '2026-03-02T10:00:00.000Z', heads);
    const onLaptop = edit('Laptop', 'title', 'Dune: laptop', '2026-03-02T10:00:05.000Z', heads);
    const publisher = edit('Laptop', 'publisher', 'Chilton', '2026-03-02T10:00:06.000Z');
    await tablet.put(onTablet);
    await laptop.bulkDocs([onLaptop, publisher]);
    // The later edit reaches the agent first; the earlier one after: still the later one stands.
    expect((await push(laptop, adminDb())).denied).toEqual([]);
    await vi.waitFor(async () => expect((await manual()).title).toBe('Dune: laptop'));
    expect((await push(tablet, adminDb())).denied).toEqual([]);
    await vi.waitFor(async () =>
      expect((await history()).some((e) => e.after === 'Dune: tablet')).toBe(true),
    );
    expect(await manual()).toMatchObject({ title: 'Dune: laptop', publisher: 'Chilton' });
    const lost = (await history()).find((e) => e.after === 'Dune: tablet');
    expect(lost).toMatchObject({ lost: true, inForce: false, device: 'Tablet' });

    // A pick of the tablet's value, made on the tablet after it pulled the laptop's, settles it.
    await tablet.replicate.from(agent.admin.remote(adminDb()));
    const all = (await tablet.allDocs({ include_docs: true })).rows.map(
      (r) => r.doc as FieldEditDoc,
    );
    const conflict = fieldOutcome(all, bookId, 'title');
    expect(conflict?.conflict).toBe(true);
    const pick = edit(
      'Tablet',
      'title',
      'Dune: tablet',
      '2026-03-02T10:01:00.000Z',
      conflict?.heads.map((h) => h._id),
    );
    await tablet.put(pick);
    await push(tablet, adminDb());
    await vi.waitFor(async () => expect((await manual()).title).toBe('Dune: tablet'));
    expect(fieldOutcome([...all, pick], bookId, 'title')?.conflict).toBe(false);
    await tablet.destroy();
    await laptop.destroy();
  });

  it('refuses an edit a reader makes, one of a value the field does not take, and a deletion', async () => {
    const phone = device();
    const byReader = edit('Phone', 'title', 'Reader title', '2026-03-03T10:00:00.000Z');
    await phone.put(byReader);
    const refusedReader = await push(phone, readerDb(), reader);
    expect(refusedReader.denied.map((d) => d.reason)).toEqual([
      'Only an admin edits metadata: ask one to make this change.',
    ]);

    const admin = device();
    const badRating = edit('Phone', 'rating', 9, '2026-03-03T10:00:00.000Z');
    const blank = edit('Phone', 'title', '   ', '2026-03-03T10:00:01.000Z');
    await admin.bulkDocs([badRating, blank]);
    const { denied } = await push(admin, adminDb());
    expect(denied.map((d) => d.id).sort()).toEqual([badRating._id, blank._id].sort());
    expect(denied.find((d) => d.id === blank._id)?.reason).toMatch(/title cannot be empty/);
    expect(await manual()).toMatchObject({ title: 'Dune: tablet' });

    // A metadata edit stays as history: deleting one through replication is refused.
    await admin.replicate.from(agent.admin.remote(adminDb()));
    const kept = await admin.get(
      (await admin.allDocs({ startkey: 'field-edit:', endkey: 'field-edit:\ufff0' })).rows[0]?.id ??
        '',
    );
    await admin.remove(kept);
    const deletion = await push(admin, adminDb());
    expect(deletion.denied.map((d) => d.reason)).toEqual([
      'A metadata edit is kept as part of the book’s history and cannot be deleted.',
    ]);
    await phone.destroy();
    await admin.destroy();
  });

  it('keeps the edit route working beside them (the command line and older pages use it)', async () => {
    const res = await agent.admin.fetch(`/api/books/${shortId}/fields/title`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: 'Dune by hand' }),
    });
    expect(res.status).toBe(200);
    expect((await manual()).title).toBe('Dune by hand');
  });
});
