import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibreImportSummarySchema, type CalibreImportSummary } from '#core/api/calibre';
import { languageKey } from '#core/metadata/languages';
import type { Identifier } from '#core/metadata/types';
import { calibreDocId, readCalibreDoc } from '#core/schema/calibre-doc';
import { coverDocId, readCoverDoc } from '#core/schema/cover-doc';
import type { Agent } from '../../agent/agent';
import type { BookState } from '../../agent/metadata/book-state';
import { FileIndex } from '../../agent/scan/file-index';
import {
  calibreLibraryPath,
  calibreListed,
  copyCalibreLibrary,
  fingerprint,
} from '../support/calibre-corpus';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { makeCalibreLibrary } from '../support/make-calibre-library';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

/** Calls a Calibre route as `who`: the status and the JSON answer. */
async function calibreCall(who: TestSession, route: 'check' | 'import', path: string) {
  const response = await who.fetch(`/api/calibre/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Runs an import through the API to its end: the summary. */
async function importThroughApi(agent: TestAgent, path: string): Promise<CalibreImportSummary> {
  const answer = await calibreCall(agent.admin, 'import', path);
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  await agent.agent.runner.idle();
  const job = agent.agent.runner.store.get(Number(answer.body.id));
  expect(job?.state, job?.error).toBe('done');
  return calibreImportSummarySchema.parse(job?.result);
}

/** The merged state of the book a file of the library folder is. */
async function stateOf(agent: Agent, folder: string, rel: string): Promise<BookState> {
  const row = new FileIndex(agent.ctx.db).at(folder, rel);
  if (!row) throw new Error(`${rel} is not cataloged`);
  const state = await agent.metadata.states.one(row.book_id, await agent.metadata.syncSources());
  if (!state) throw new Error(`${rel} has no book document`);
  return state;
}

/** Identifiers as Calibre names them: "isbn", or the name an "other" one carries. */
function asCalibre(ids: readonly Identifier[]): Record<string, string> {
  return Object.fromEntries(
    ids.map((id) => {
      const at = id.value.indexOf(':');
      return id.scheme === 'other' && at > 0
        ? [id.value.slice(0, at), id.value.slice(at + 1)]
        : [id.scheme, id.value];
    }),
  );
}

describe.skipIf(!corpusDir)('importing the corpus’s curated Calibre library', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const data = tempDir('calibre-import');
  let agent: TestAgent;
  let summary: CalibreImportSummary;
  let before: Record<string, string>;
  const library = corpusDir ? calibreLibraryPath() : '';

  beforeAll(async () => {
    before = fingerprint(library);
    agent = await startTestAgent(data.path, []);
    summary = await importThroughApi(agent, library);
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
  });

  it('never writes to the library: every file the same size, time and hash, none added', () => {
    expect(fingerprint(library)).toEqual(before);
  });

  it('makes the library a library folder, cataloged where its files are', () => {
    expect(agent.agent.ctx.db.prepare('SELECT root FROM folders').all()).toEqual([
      { root: library },
    ]);
  });

  it('reports what it imported, and the book Calibre lists without a file', () => {
    expect(summary).toMatchObject({
      library,
      books: 13,
      imported: 12,
      files: 12,
      severalFormats: 0,
      notImported: 1,
      covers: 12,
      removed: 0,
      moreProblems: 0,
      scan: 'done',
    });
    expect(summary.problems).toEqual([
      {
        calibreId: 13,
        title: 'A Book Without Files',
        reason: 'Calibre lists no file for this book.',
      },
    ]);
  });

  const withFiles = corpusDir ? calibreListed().filter((b) => b.formats.length > 0) : [];
  it.each(withFiles.map((b) => [b.title, b] as const))(
    'gives “%s” its curated values',
    async (_title, listed) => {
      const state = await stateOf(agent.agent, summary.folder, listed.formats[0] ?? '');
      const m = state.merged.metadata;
      expect([m.title, m.subtitle].filter(Boolean).join(': ')).toBe(listed.title);
      expect(m.authors?.map((a) => a.name).join(' & ')).toBe(listed.authors);
      expect(m.authors?.map((a) => a.sortName).join(' & ')).toBe(listed.author_sort);
      expect(m.series).toEqual({
        name: listed.series,
        number: listed.series_index,
        kind: 'series',
      });
      expect([...(m.subjects ?? [])].sort()).toEqual([...listed.tags].sort());
      expect(m.publisher).toBe(listed.publisher);
      expect(m.published).toBe(listed.pubdate);
      expect(m.languages).toEqual(listed.languages.map(languageKey));
      expect(asCalibre(m.identifiers ?? [])).toMatchObject(listed.identifiers);
      expect(m.rating).toBe((listed.rating ?? 0) / 2);
      for (const field of ['title', 'authors', 'series', 'subjects', 'rating'] as const)
        expect(state.merged.fields[field]?.source, field).toBe('calibre');
      const doc = readCalibreDoc(
        await agent.agent.ctx.catalog.get(calibreDocId(agent.agent.ctx.library, state.bookId)),
      );
      expect(doc).toMatchObject({
        calibreId: listed.id,
        formats: ['EPUB'],
        folder: summary.folder,
      });
    },
  );

  it('keeps the title edited in Calibre against the file’s own, and says they disagree', async () => {
    const [edited] = withFiles;
    const state = await stateOf(agent.agent, summary.folder, edited?.formats[0] ?? '');
    expect(state.merged.metadata.title).toBe('Title Corrected In Calibre');
    expect(state.merged.fields.title?.conflict).toBe(true);
    expect(state.merged.fields.title?.candidates.map((c) => [c.source, c.value])).toContainEqual([
      'file',
      'The Three Musketeers',
    ]);
    // The title sort Calibre kept from before the edit (and the file's) sorts the old title.
    expect(state.merged.metadata.sortTitle).toBe('Title Corrected In Calibre');
  });

  it('keeps comments as Calibre has them: HTML, sanitised where it is shown', async () => {
    const [edited] = withFiles;
    const state = await stateOf(agent.agent, summary.folder, edited?.formats[0] ?? '');
    expect(state.merged.metadata.description).toBe('<p>Edited <b>in</b> Calibre.</p>');
    expect(state.merged.fields.description?.source).toBe('calibre');
  });

  it('makes each book’s cover.jpg its Calibre cover', async () => {
    const state = await stateOf(agent.agent, summary.folder, withFiles[0]?.formats[0] ?? '');
    const cover = readCoverDoc(
      await agent.agent.ctx.catalog.get(
        coverDocId(agent.agent.ctx.library, state.bookId, 'calibre'),
      ),
    );
    expect(cover).toMatchObject({ source: 'calibre', original: { width: 1240, height: 1754 } });
  });

  it('lets admins only check or import, and says why a folder is no Calibre library', async () => {
    const rita = await agent.signIn('rita', 'reader');
    expect((await calibreCall(rita, 'check', library)).status).toBe(403);
    expect((await calibreCall(rita, 'import', library)).status).toBe(403);
    const check = await calibreCall(agent.admin, 'check', library);
    expect(check).toEqual({
      status: 200,
      body: { ok: true, library, books: 13, files: 12, cataloged: 12 },
    });
    const wrong = await calibreCall(agent.admin, 'check', data.path);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'invalid-calibre-library' });
    expect(String(wrong.body.message)).toMatch(
      /has no metadata\.db, so it is not a Calibre library/,
    );
  });
});

describe.skipIf(!corpusDir)('importing a Calibre library again after more curation', () => {
  const data = tempDir('calibre-reimport');
  const copy = tempDir('calibre-copy');
  let agent: TestAgent;
  let library: string;
  let first: CalibreImportSummary;
  let second: CalibreImportSummary;
  const listed = corpusDir ? calibreListed() : [];
  const fileOf = (id: number) => listed.find((b) => b.id === id)?.formats[0] ?? '';
  const AZW3 = 'Emile Zola/Germinal (4)/Germinal - Emile Zola.azw3';

  /** Edits the copy's metadata.db as Calibre would (its triggers call Calibre's own functions). */
  function curate(sql: string, ...params: unknown[]): void {
    const db = new Database(join(library, 'metadata.db'));
    db.function('title_sort', (title: unknown) => String(title));
    db.function('uuid4', () => crypto.randomUUID());
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    library = copyCalibreLibrary(join(copy.path, 'Calibre Library'));
    agent = await startTestAgent(data.path, []);
    first = await importThroughApi(agent, library);
    const sherlock = await stateOf(agent.agent, first.folder, fileOf(3));
    // The user's own title in Colophon, before Calibre's title changes too.
    const answer = await agent.admin.fetch(`/api/books/${sherlock.bookId}/fields/title`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: 'My Own Princess' }),
    });
    expect(answer.status).toBe(200);

    curate("UPDATE books SET title = 'Holmes, Curated Again' WHERE id = 2");
    curate(
      'UPDATE books_ratings_link SET rating = (SELECT id FROM ratings WHERE rating = 4) WHERE book = 2',
    );
    curate("UPDATE books SET title = 'Princess, Curated Again' WHERE id = 3");
    // A second format of Germinal: the AZW3 Calibre made of it.
    copyFileSync(corpusPath('mobi/calibre_germinal.azw3'), join(library, AZW3));
    curate(
      "INSERT INTO data (book, format, uncompressed_size, name) VALUES (4, 'AZW3', 1, 'Germinal - Emile Zola')",
    );
    // A format whose file is gone, one Colophon does not catalog, and a book removed.
    curate(
      "INSERT INTO data (book, format, uncompressed_size, name) VALUES (5, 'PDF', 1, 'Notes from Underground - Fyodor Dostoevsky')",
    );
    writeFileSync(
      join(library, 'H. G. Wells/The Time Machine (6)/The Time Machine - H. G. Wells.txt'),
      'Text',
    );
    curate(
      "INSERT INTO data (book, format, uncompressed_size, name) VALUES (6, 'TXT', 4, 'The Time Machine - H. G. Wells')",
    );
    curate('DELETE FROM books WHERE id = 7');
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    copy.remove();
  });

  it('replaces the Calibre values, and never writes to the library', async () => {
    const before = fingerprint(library);
    second = await importThroughApi(agent, library);
    expect(fingerprint(library)).toEqual(before);
    const holmes = await stateOf(agent.agent, second.folder, fileOf(2));
    expect(holmes.merged.metadata).toMatchObject({ title: 'Holmes, Curated Again', rating: 2 });
  });

  it('leaves the user’s own value in place, with the new Calibre value beneath it', async () => {
    const princess = await stateOf(agent.agent, second.folder, fileOf(3));
    expect(princess.merged.fields.title).toMatchObject({
      value: 'My Own Princess',
      source: 'user',
    });
    expect(princess.calibre?.candidates).toContainEqual({
      field: 'title',
      value: 'Princess, Curated Again',
      origin: 'calibre',
      confidence: 1,
    });
  });

  it('gives every format of a book the same values, and counts the books in several formats', async () => {
    expect(second).toMatchObject({ severalFormats: 1, imported: 11, files: 12, removed: 1 });
    for (const rel of [fileOf(4), AZW3]) {
      const germinal = await stateOf(agent.agent, second.folder, rel);
      expect(germinal.merged.metadata.series).toEqual({
        name: 'Curated Shelf',
        number: 4.5,
        kind: 'series',
      });
      expect(germinal.calibre?.formats).toEqual(['AZW3', 'EPUB']);
    }
  });

  it('tells each file that did not come across, and why', () => {
    expect(second.problems).toEqual([
      {
        calibreId: 13,
        title: 'A Book Without Files',
        reason: 'Calibre lists no file for this book.',
      },
      {
        calibreId: 5,
        title: 'Notes from Underground',
        file: 'Fyodor Dostoevsky/Notes from Underground (5)/Notes from Underground - Fyodor Dostoevsky.pdf',
        reason: 'The file is not in the library folder (moved or deleted outside Calibre?).',
      },
      {
        calibreId: 6,
        title: 'The Time Machine',
        file: 'H. G. Wells/The Time Machine (6)/The Time Machine - H. G. Wells.txt',
        reason: 'Colophon does not catalog .txt files.',
      },
    ]);
  });

  it('takes the Calibre values back from a book removed from Calibre', async () => {
    const hogg = await stateOf(agent.agent, second.folder, fileOf(7));
    expect(hogg.calibre).toBeUndefined();
    expect(hogg.merged.fields.title?.source).toBe('file');
    const cover = await agent.agent.ctx.catalog.get(
      coverDocId(agent.agent.ctx.library, hogg.bookId, 'calibre'),
    );
    expect(cover).toBeUndefined();
  });

  it('writes nothing when nothing changed in Calibre', async () => {
    const seq = (await agent.agent.ctx.catalog.db.info()).update_seq;
    const third = await importThroughApi(agent, library);
    expect(third).toEqual({ ...second, removed: 0 });
    const after = await agent.agent.ctx.catalog.db.changes({ since: seq });
    // Only the folder document and scan facts may move; no Calibre or cover document does.
    expect(after.results.filter((r) => /^(calibre|cover):/.test(r.id))).toEqual([]);
  });
});

describe('a Calibre library inside a library folder', () => {
  const data = tempDir('calibre-nested');
  const books = tempDir('calibre-nested-books');
  let agent: TestAgent;

  beforeAll(async () => {
    mkdirSync(join(books.path, 'Calibre Library'));
    await makeCalibreLibrary(join(books.path, 'Calibre Library'), [
      { title: 'Emma', author: 'Jane Austen', series: { name: 'Austen', index: 2 } },
      { title: 'Persuasion', author: 'Jane Austen', formats: ['missing'] },
    ]);
    agent = await startTestAgent(data.path, [books.path]);
    await agent.scan();
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    books.remove();
  });

  it('gives the files the folder cataloged their values, without cataloging them twice', async () => {
    const summary = await importThroughApi(
      agent,
      join(books.path, 'Calibre Library', 'metadata.db'),
    );
    const [folder] = agent.agent.ctx.db.prepare<[], { id: string }>('SELECT id FROM folders').all();
    expect(summary).toMatchObject({ folder: folder?.id, books: 2, imported: 1, notImported: 1 });
    const emma = await stateOf(
      agent.agent,
      summary.folder,
      'Calibre Library/Jane Austen/Emma (1)/Emma - Jane Austen.epub',
    );
    expect(emma.merged.metadata.series).toEqual({ name: 'Austen', number: 2, kind: 'series' });
    expect(summary.problems).toEqual([
      {
        calibreId: 2,
        title: 'Persuasion',
        file: 'Calibre Library/Jane Austen/Persuasion (2)/Persuasion - Jane Austen.pdf',
        reason: 'The file is not in the library folder (moved or deleted outside Calibre?).',
      },
    ]);
  });
});
