import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesFacts } from '#core/books/series-facts';
import { readBookDoc, type BookDoc } from '#core/schema/book-doc';
import type { Job } from '../../agent/jobs/types';
import { makeCbz } from '../support/make-comic';
import { startSourceServer, type SourceServer } from '../support/source-server';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

/**
 * A comic series' facts, end to end in a real agent: two issues whose
 * ComicInfo names their publisher, imprint and age rating are scanned, one
 * is looked up on Comic Vine (a stand-in server answering as the API
 * documents), and the series then has, once, the publisher its issues share,
 * the run's start year and the run's description from Comic Vine's volume.
 */

const cvEnvelope = (results: unknown) =>
  JSON.stringify({ error: 'OK', limit: 20, offset: 0, status_code: 1, results, version: '1.0' });
const VOLUME = {
  id: 49901,
  name: 'Saga',
  start_year: '2012',
  count_of_issues: 66,
  publisher: { id: 31, name: 'Image Comics' },
  description: '<p>An epic space opera about a family at war with the galaxy.</p>',
};
const ISSUE = {
  id: 338591,
  name: 'Chapter One',
  issue_number: '1',
  cover_date: '2012-03-31',
  volume: { id: 49901, name: 'Saga' },
};

describe('comic series facts', () => {
  const data = tempDir('series-facts-data');
  const library = tempDir('series-facts-library');
  const savedEnv = { ...process.env };
  let sources: SourceServer;
  let agent: TestAgent;
  let books: BookDoc[];

  const short = (book: BookDoc) => book._id.slice(book._id.lastIndexOf(':') + 1);
  const merged = async (book: BookDoc) => {
    const sourceList = [...(await agent.agent.metadata.sources.read()).values()];
    return (await agent.agent.metadata.states.one(short(book), sourceList))?.merged.metadata;
  };

  beforeAll(async () => {
    sources = await startSourceServer();
    Object.assign(process.env, sources.env);
    for (const number of ['1', '2']) {
      const cbz = await makeCbz({
        pages: 2,
        title: `Chapter ${number === '1' ? 'One' : 'Two'}`,
        info: {
          Series: 'Saga',
          Number: number,
          Year: '2012',
          Publisher: 'Image Comics',
          Imprint: 'Shadowline',
          AgeRating: 'Mature 17+',
          StoryArc: 'Book One',
          StoryArcNumber: number,
        },
      });
      writeFileSync(join(library.path, `Saga ${number.padStart(3, '0')}.cbz`), cbz);
    }
    agent = await startTestAgent(data.path, [library.path]);
    await agent.scan();
    const all = await agent.agent.ctx.catalog.db.allDocs({
      include_docs: true,
      startkey: 'book:',
      endkey: 'book:\uffff',
    });
    books = all.rows
      .flatMap((r) => readBookDoc(r.doc) ?? [])
      .sort((a, b) => a.path.localeCompare(b.path));
  });
  afterAll(async () => {
    await agent?.close();
    await sources?.close();
    process.env = savedEnv;
    data.remove();
    library.remove();
  });

  it('keeps what each issue says: publisher, imprint, age rating, story arc and position', async () => {
    expect(books).toHaveLength(2);
    expect(await merged(books[0] as BookDoc)).toMatchObject({
      publisher: 'Image Comics',
      ageRating: 'Mature 17+',
      collections: [{ name: 'Book One', number: 1, kind: 'set', group: 'story-arc' }],
    });
    expect((await merged(books[0] as BookDoc))?.imprint).toBe('Shadowline');
  });

  it('fills the series’ facts from Comic Vine’s volume after a lookup, said once for the series', async () => {
    const put = (key: string, value: unknown) =>
      agent.admin.fetch(`/api/settings/${key}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ value }),
      });
    expect((await put('comicvineKey', 'cv-key')).status).toBe(200);
    expect(
      (await put('sources', { ...agent.agent.settings.get('sources'), comicvine: true })).status,
    ).toBe(200);
    await expect
      .poll(async () => (await agent.agent.metadata.sources.read()).get('comicvine')?.enabled)
      .toBe(true);
    sources.script('/cv/api/volumes/', { status: 200, body: cvEnvelope([VOLUME]) });
    sources.script('/cv/api/issues/', { status: 200, body: cvEnvelope([ISSUE]) });
    sources.script('/cv/api/issue/4000-338591/', { status: 200, body: cvEnvelope(ISSUE) });

    const first = books[0] as BookDoc;
    const response = await agent.admin.fetch(`/api/books/${short(first)}/lookup`, {
      method: 'POST',
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as Job;
    await expect
      .poll(() => agent.agent.runner.store.get(id)?.state, { timeout: 20_000 })
      .toBe('done');

    const issues = await Promise.all(books.map(merged));
    expect(issues[0]).toMatchObject({
      seriesDescription: '<p>An epic space opera about a family at war with the galaxy.</p>',
      seriesStartYear: 2012,
    });
    const facts = seriesFacts(
      'Saga',
      issues.flatMap((m) => m ?? []),
    );
    expect(facts).toEqual({
      publisher: { value: 'Image Comics' },
      imprint: { value: 'Shadowline' },
      ageRating: { value: 'Mature 17+' },
      startYear: 2012,
      description: '<p>An epic space opera about a family at war with the galaxy.</p>',
    });
  });
});
