import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormatAction, FormatProposal, Formats } from '#core/api/formats';
import { BOOK_MEDIA_TYPES } from '#core/formats/media-types';
import { bookDocId, type BookDoc } from '#core/schema/book-doc';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { makeEpub } from '../support/make-epub';
import { makePdf } from '../support/make-pdf';
import { parseOpds1, parseOpds2 } from '../support/opds-parsers';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

const ACQUISITION = 'http://opds-spec.org/acquisition';
const SHERLOCK = 'the-adventures-of-sherlock-holmes';

describe.skipIf(!corpusDir)('formats of one book: proposed, grouped, split, undone', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const data = tempDir('formats-data');
  const library = tempDir('formats-library');
  let agent: TestAgent;
  let reader: TestSession;

  const post = (path: string, body: unknown, session = agent?.admin) =>
    session.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const list = async (): Promise<Formats> =>
    (await (await agent.admin.fetch('/api/formats')).json()) as Formats;
  const proposalOf = async (path: string): Promise<FormatProposal | undefined> =>
    (await list()).proposals.find((p) => p.books.some((b) => b.path === path));
  const idOf = (path: string) =>
    (
      agent.agent.ctx.db.prepare('SELECT book_id FROM files WHERE rel_path = ?').get(path) as {
        book_id: string;
      }
    ).book_id;
  const docOf = (path: string) =>
    agent.agent.ctx.catalog.get(bookDocId(agent.agent.ctx.library, idOf(path)));
  const act = async (path: string, body: unknown): Promise<FormatAction> => {
    const response = await post(path, body);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as FormatAction;
  };
  const opdsTitles = async () =>
    (parseOpds1(await (await agent.admin.fetch('/opds/all')).text()).publications ?? []).map(
      (p) => p.metadata.title,
    );

  beforeAll(async () => {
    const dune = { title: 'Dune', authors: ['Frank Herbert'] };
    writeFileSync(join(library.path, 'dune.epub'), await makeEpub(dune));
    writeFileSync(
      join(library.path, 'dune.pdf'),
      makePdf({ title: 'Dune', author: 'Frank Herbert' }),
    );
    writeFileSync(
      join(library.path, 'emma.epub'),
      await makeEpub({ title: 'Emma', authors: ['Jane Austen'] }),
    );
    // The same work as Standard Ebooks made it and as Calibre converted it: real files.
    copyFileSync(
      corpusPath(`epub/se_arthur-conan-doyle_${SHERLOCK}.epub`),
      join(library.path, 'sherlock.epub'),
    );
    copyFileSync(corpusPath(`mobi/calibre_${SHERLOCK}.mobi`), join(library.path, 'sherlock.mobi'));
    copyFileSync(corpusPath(`mobi/calibre_${SHERLOCK}.azw3`), join(library.path, 'sherlock.azw3'));
    // One comic issue as two taggers left it: a CBR with ComicBookInfo, a CBZ with ComicInfo.
    copyFileSync(
      corpusPath('comics/comicbox_Captain Science #001-cbi.cbr'),
      join(library.path, 'captain-science-1.cbr'),
    );
    copyFileSync(
      corpusPath('comics/comicbox_Captain Science #001.cbz'),
      join(library.path, 'captain-science-1.cbz'),
    );
    agent = await startTestAgent(data.path, [library.path]);
    reader = await agent.signIn('rita', 'reader');
    await agent.scan();
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('proposes the formats of one work from the catalog, and nothing for a book alone', async () => {
    const { proposals, groups } = await list();
    expect(groups).toEqual([]);
    expect(proposals).toHaveLength(3);
    const dune = await proposalOf('dune.epub');
    expect(dune?.books.map((b) => b.path).sort()).toEqual(['dune.epub', 'dune.pdf']);
    expect(dune?.reason).toBe('the same title and authors');
    const sherlock = await proposalOf('sherlock.epub');
    expect(sherlock?.books.map((b) => b.format).sort()).toEqual(['azw3', 'epub', 'mobi']);
    expect(sherlock?.books[0]?.title).toMatch(/Adventures of Sherlock Holmes/);
    expect(proposals.some((p) => p.books.some((b) => b.path === 'emma.epub'))).toBe(false);
    // A comic issue: by its series and number, whatever its story title and credits say.
    const comic = await proposalOf('captain-science-1.cbz');
    expect(comic?.books.map((b) => b.path).sort()).toEqual([
      'captain-science-1.cbr',
      'captain-science-1.cbz',
    ]);
    expect(comic?.reason).toBe('the same series and issue');
    // Proposed, never applied: every file is still a book of its own.
    expect((await docOf('dune.pdf'))?.formatOf).toBeUndefined();
  });

  it('refuses a reader, as JSON without a stack', async () => {
    for (const response of [
      await reader.fetch('/api/formats'),
      await post('/api/formats/group', { books: ['a', 'b'], main: 'a' }, reader),
      await post('/api/formats/actions/x/undo', {}, reader),
    ]) {
      expect(response.status).toBe(403);
      const body = (await response.json()) as { error: string; stack?: string };
      expect(body.error).toBe('forbidden');
      expect(body.stack).toBeUndefined();
    }
  });

  it('groups on confirmation: one book in the catalog and the feeds, a link per format', async () => {
    const [epub, pdf] = [idOf('dune.epub'), idOf('dune.pdf')];
    const action = await act('/api/formats/group', { books: [pdf, epub], main: epub });
    expect(action).toMatchObject({ kind: 'group', state: 'done' });
    expect(action.summary).toBe('Grouped “Dune” as one book: EPUB (main) · PDF.');
    const lib = agent.agent.ctx.library;
    expect((await docOf('dune.pdf'))?.formatOf).toBe(bookDocId(lib, epub));
    expect((await docOf('dune.epub'))?.formats).toEqual([
      { id: bookDocId(lib, pdf), format: 'pdf' },
    ]);
    const { proposals, groups } = await list();
    expect(proposals.some((p) => p.books.some((b) => b.path.startsWith('dune')))).toBe(false);
    expect(groups.map((g) => [g.main.path, g.others.map((o) => o.path)])).toEqual([
      ['dune.epub', ['dune.pdf']],
    ]);

    expect((await opdsTitles()).filter((t) => t === 'Dune')).toHaveLength(1);
    const feed = parseOpds2(await (await agent.admin.fetch('/opds/v2/all')).json());
    const dune = feed.publications?.find((p) => p.metadata.title === 'Dune');
    const links = dune?.links.filter((l) => l.rel === ACQUISITION) ?? [];
    expect(links.map((l) => l.type)).toEqual(['application/epub+zip', 'application/pdf']);
    const download = await agent.admin.fetch(links[1]?.href ?? '');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/Dune\.pdf/);
    expect(
      Buffer.from(await download.arrayBuffer()).equals(
        readFileSync(join(library.path, 'dune.pdf')),
      ),
    ).toBe(true);
  });

  it('keeps the group through a rescan that reads the files again', async () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(library.path, 'dune.pdf'), later, later);
    utimesSync(join(library.path, 'dune.epub'), later, later);
    await agent.scan();
    expect((await docOf('dune.pdf'))?.formatOf).toBe(
      bookDocId(agent.agent.ctx.library, idOf('dune.epub')),
    );
    expect((await docOf('dune.epub'))?.formats).toHaveLength(1);
  });

  it('splits a group again; the proposal stays hidden; undo groups it back', async () => {
    const split = await act('/api/formats/split', { main: idOf('dune.epub') });
    expect(split.summary).toBe('Split “Dune” into 2 books, one for each format.');
    expect((await docOf('dune.pdf'))?.formatOf).toBeUndefined();
    expect((await docOf('dune.epub'))?.formats).toBeUndefined();
    expect(await proposalOf('dune.epub')).toBeUndefined();
    expect((await opdsTitles()).filter((t) => t === 'Dune')).toHaveLength(2);

    const undone = await act(`/api/formats/actions/${split.id}/undo`, {});
    expect(undone.state).toBe('undone');
    expect((await docOf('dune.pdf'))?.formatOf).toBeDefined();
    expect((await list()).groups).toHaveLength(1);
  });

  it('undoes decisions only latest first, then the grouping itself', async () => {
    const grouping = (await list()).actions.find((a) => a.kind === 'group');
    const split = await act('/api/formats/split', { main: idOf('dune.epub') });
    const early = await post(`/api/formats/actions/${grouping?.id}/undo`, {});
    expect(early.status).toBe(409);
    expect(((await early.json()) as { message: string }).message).toMatch(/undo that later/);
    await act(`/api/formats/actions/${split.id}/undo`, {});
    await act(`/api/formats/actions/${grouping?.id}/undo`, {});
    expect((await docOf('dune.pdf'))?.formatOf).toBeUndefined();
    expect((await list()).groups).toEqual([]);
    // Undone and no split in force: the agent proposes it again.
    expect((await proposalOf('dune.pdf'))?.books).toHaveLength(2);
  });

  it('keeps books apart on request (undoable), and refuses one format twice', async () => {
    const sherlock = await proposalOf('sherlock.epub');
    const books = sherlock?.books.map((b) => b.bookId) ?? [];
    const apart = await act('/api/formats/keep-apart', { books });
    expect(await proposalOf('sherlock.epub')).toBeUndefined();
    await act(`/api/formats/actions/${apart.id}/undo`, {});
    expect(await proposalOf('sherlock.epub')).toBeDefined();

    const twice = await post('/api/formats/group', {
      books: [idOf('dune.epub'), idOf('emma.epub')],
      main: idOf('dune.epub'),
    });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { message: string }).message).toMatch(/both EPUB/);
  });

  it('lists the other formats again when the main leaves the catalog, and hides them when it comes back', async () => {
    const [epub, pdf] = [idOf('dune.epub'), idOf('dune.pdf')];
    await act('/api/formats/group', { books: [epub, pdf], main: epub });
    unlinkSync(join(library.path, 'dune.epub'));
    await agent.scan();
    const removed = await post('/api/missing/remove', { books: [epub] });
    expect(removed.status).toBe(200);
    const pdfDoc = () => agent.agent.ctx.catalog.get(bookDocId(agent.agent.ctx.library, pdf));
    expect((await pdfDoc())?.formatOf).toBeUndefined();
    expect((await opdsTitles()).filter((t) => t === 'Dune')).toHaveLength(1);
    expect((await list()).groups).toEqual([]);

    const { id } = (await removed.json()) as { id: string };
    expect((await post(`/api/maintenance/${id}/undo`, {})).status).toBe(200);
    expect((await pdfDoc())?.formatOf).toBe(bookDocId(agent.agent.ctx.library, epub));
  });

  it('follows a format whose file moves, leaves out one gone, and offers it again when it returns', async () => {
    const epub = idOf('sherlock.epub');
    const mobi = idOf('sherlock.mobi');
    const azw3 = idOf('sherlock.azw3');
    await act('/api/formats/group', { books: [epub, mobi, azw3], main: epub });
    const lib = agent.agent.ctx.library;
    const sherlockLinks = async () => {
      const feed = parseOpds2(await (await agent.admin.fetch('/opds/v2/all')).json());
      const book = feed.publications?.find((p) => /Sherlock Holmes/.test(p.metadata.title));
      return book?.links.filter((l) => l.rel === ACQUISITION) ?? [];
    };
    const formatsOfMain = async () =>
      ((await docOf('sherlock.epub')) as BookDoc | undefined)?.formats?.map((f) => f.format);

    // Moved on disk: the same book at its new path, downloaded from there.
    mkdirSync(join(library.path, 'moved'));
    renameSync(join(library.path, 'sherlock.mobi'), join(library.path, 'moved/holmes.mobi'));
    await agent.scan();
    expect((await agent.agent.ctx.catalog.get(bookDocId(lib, mobi)))?.path).toBe(
      'moved/holmes.mobi',
    );
    expect(await formatsOfMain()).toEqual(['azw3', 'mobi']);
    const mobiLink = (await sherlockLinks()).find(
      (l) => l.type === BOOK_MEDIA_TYPES.mobi && l.href.includes(mobi),
    );
    const download = await agent.admin.fetch(mobiLink?.href ?? '');
    expect(download.status).toBe(200);
    expect(
      Buffer.from(await download.arrayBuffer()).equals(
        readFileSync(join(library.path, 'moved/holmes.mobi')),
      ),
    ).toBe(true);

    // Gone: the main no longer offers it (no dead link), and the file stays hidden as a format.
    const away = join(data.path, 'sherlock.azw3');
    renameSync(join(library.path, 'sherlock.azw3'), away);
    await agent.scan();
    expect(await formatsOfMain()).toEqual(['mobi']);
    expect((await sherlockLinks()).map((l) => l.type)).not.toContain(BOOK_MEDIA_TYPES.azw3);
    expect((await agent.agent.ctx.catalog.get(bookDocId(lib, azw3)))?.status).toBe('missing');

    // Back where it was: offered again.
    renameSync(away, join(library.path, 'sherlock.azw3'));
    await agent.scan();
    expect(await formatsOfMain()).toEqual(['azw3', 'mobi']);
    expect((await sherlockLinks()).map((l) => l.type)).toContain(BOOK_MEDIA_TYPES.azw3);
  });
});
