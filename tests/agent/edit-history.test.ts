import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditEntryListing } from '#core/api/metadata';
import { readBookDoc } from '#core/schema/book-doc';
import { editDocId, readEditDoc } from '#core/schema/edit-doc';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

describe("a book's edit history: listed, and put back change by change", () => {
  const data = tempDir('edit-history-data');
  const library = tempDir('edit-history-library');
  let agent: TestAgent;
  let reader: TestSession;
  let book = '';

  const send = (path: string, method: string, body?: unknown, session = agent.admin) =>
    session.fetch(path, {
      method,
      ...(body !== undefined && {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
  const history = async () =>
    (await (await send(`/api/books/${book}/history`, 'GET')).json()) as EditEntryListing[];
  const revert = (id: number, session = agent.admin) =>
    send(`/api/books/${book}/history/${id}/revert`, 'POST', undefined, session);
  const manualTitle = async () => {
    const catalog = agent.agent.ctx.catalog;
    return readEditDoc(await catalog.get(editDocId(catalog.library, book)))?.fields.title;
  };

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
    const id = readBookDoc(all.rows[0]?.doc)?._id ?? '';
    book = id.slice(id.lastIndexOf(':') + 1);
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('lists each change newest first, who made it, and which one is in force', async () => {
    expect((await send(`/api/books/${book}/fields/title`, 'PUT', { value: 'Dune I' })).status).toBe(
      200,
    );
    expect(
      (await send(`/api/books/${book}/fields/title`, 'PUT', { value: 'Dune (1965)' })).status,
    ).toBe(200);
    const [newest, older] = await history();
    expect(newest).toMatchObject({
      field: 'title',
      action: 'set',
      after: 'Dune (1965)',
      before: 'Dune I',
      by: 'admin',
      inForce: true,
    });
    expect(older).toMatchObject({
      field: 'title',
      action: 'set',
      after: 'Dune I',
      before: 'Dune',
      inForce: false,
    });
  });

  it('refuses to put back a change a later one replaced, saying which to put back', async () => {
    const [, older] = await history();
    const answer = await revert(older?.id ?? 0);
    expect(answer.status).toBe(409);
    expect(((await answer.json()) as { error: string; message: string }).message).toMatch(
      /later change to title/,
    );
    expect(await manualTitle()).toBe('Dune (1965)');
  });

  it('putting back a change restores the value it replaced; putting back that, the one before', async () => {
    const [newest] = await history();
    expect((await revert(newest?.id ?? 0)).status).toBe(200);
    expect(await manualTitle()).toBe('Dune I');
    const [back] = await history();
    expect(back).toMatchObject({ action: 'set', after: 'Dune I', inForce: true });
    expect((await revert(back?.id ?? 0)).status).toBe(200);
    expect(await manualTitle()).toBe('Dune (1965)');
  });

  it('a value set over an automatic one goes back to automatic; a cleared value comes back', async () => {
    await send(`/api/books/${book}/fields/title`, 'DELETE');
    expect(await manualTitle()).toBeUndefined();
    const [cleared] = await history();
    expect(cleared).toMatchObject({ action: 'clear', before: 'Dune (1965)', inForce: true });
    expect((await revert(cleared?.id ?? 0)).status).toBe(200);
    expect(await manualTitle()).toBe('Dune (1965)');

    await send(`/api/books/${book}/fields/publisher`, 'PUT', { value: 'Chilton' });
    const [publisher] = await history();
    expect((await revert(publisher?.id ?? 0)).status).toBe(200);
    const catalog = agent.agent.ctx.catalog;
    const edit = readEditDoc(await catalog.get(editDocId(catalog.library, book)));
    expect(edit?.fields.publisher).toBeUndefined();
    expect(edit?.fields.title).toBe('Dune (1965)');
  });

  it('is an admin’s: a reader can neither read it nor put anything back; an unknown change is 404', async () => {
    expect((await send(`/api/books/${book}/history`, 'GET', undefined, reader)).status).toBe(403);
    const [newest] = await history();
    expect((await revert(newest?.id ?? 0, reader)).status).toBe(403);
    const unknown = await revert(999_999);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toMatch(/at .*\.ts:/);
  });
});
