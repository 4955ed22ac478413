import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookDetailsSchema } from '#core/api/book-details';
import { bookView } from '#core/books/book-view';
import { readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { lookupDocId, type LookupDoc } from '#core/schema/lookup-doc';
import { setSetting } from '../../agent/db/settings';
import { openContext } from '../../agent/context';
import { LOOKUP_JOB } from '../../agent/metadata/lookups/lookup-job';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

/** A replicated book document is read by every browser: this many bytes at most for a real book. */
const MAX_REPLICATED_BYTES = 3 * 1024;

const short = (id: string) => id.slice(id.lastIndexOf(':') + 1);

/** How many candidates a document carries for its most-answered field. */
const mostPerField = (doc: BookDoc) => {
  const counts = new Map<string, number>();
  for (const c of doc.extraction?.candidates ?? [])
    counts.set(c.field, (counts.get(c.field) ?? 0) + 1);
  return Math.max(0, ...counts.values());
};

describe.skipIf(!corpusDir)('catalog documents sized for replication (corpus EPUBs)', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const data = tempDir('book-details-data');
  let agent: TestAgent;
  let reader: TestSession;
  let replicated: BookDoc[] = [];
  const raw = new Map<string, string>();

  beforeAll(async () => {
    agent = await startTestAgent(data.path, [corpusPath('epub')]);
    agent.agent.settings.set('sources', {
      openlibrary: false,
      googlebooks: false,
      comicvine: false,
    });
    for (const job of agent.agent.runner.store.list())
      if (job.kind === LOOKUP_JOB) agent.agent.runner.cancel(job.id);
    reader = await agent.signIn('rita', 'reader');
    await agent.scan();
    // What a browser pulls: the catalog's book documents over the replication endpoint.
    const answer = await reader.fetch(
      `/db/catalog/_all_docs?include_docs=true&startkey=${encodeURIComponent('"book:"')}&endkey=${encodeURIComponent('"book:\uffff"')}`,
    );
    const rows = ((await answer.json()) as { rows: { doc: unknown }[] }).rows;
    replicated = rows.flatMap((row) => {
      const doc = readBookDoc(row.doc);
      if (doc) raw.set(doc._id, JSON.stringify(row.doc));
      return doc ? [doc] : [];
    });
  }, 120_000);
  afterAll(async () => {
    await agent?.close();
    data.remove();
  });

  /** The book whose file gave the most candidates (kept on the agent). */
  const richest = () => {
    const details = agent.agent.ctx.catalog.details;
    const kept = replicated.map((doc) => ({ doc, kept: details?.get(doc._id) ?? [] }));
    return kept.sort((a, b) => b.kept.length - a.kept.length)[0] as (typeof kept)[number];
  };

  it('replicates each book with one answer per field, no candidate lists or source answers, in a bounded size', () => {
    expect(replicated.length).toBeGreaterThan(5);
    for (const doc of replicated) {
      expect(mostPerField(doc), doc.path).toBeLessThanOrEqual(1);
      const json = raw.get(doc._id) ?? '';
      expect(json).not.toMatch(/"lookups"|"covers"|"match"/);
      expect(json.length, doc.path).toBeLessThan(MAX_REPLICATED_BYTES);
    }
    // The candidates are kept on the agent, not lost: a real OPF gives several per field.
    const { doc, kept } = richest();
    expect(kept.length).toBeGreaterThan(doc.extraction?.candidates.length ?? 0);
  });

  it('lists each book as before: the answers merge to the values, confidences and sources every candidate merged to', () => {
    const details = agent.agent.ctx.catalog.details;
    for (const doc of replicated) {
      const kept = details?.get(doc._id);
      if (!kept || !doc.extraction) continue;
      const fat = { ...doc, extraction: { ...doc.extraction, candidates: kept } };
      const [slim, whole] = [bookView(doc).resolved, bookView(fat).resolved];
      expect(slim.metadata, doc.path).toEqual(whole.metadata);
      // Each value as sure, and from the same place, as when every candidate was counted.
      const said = (m: typeof slim) =>
        Object.entries(m.fields).map(([f, d]) => [f, d.confidence, d.source, d.origin]);
      expect(said(slim), doc.path).toEqual(said(whole));
    }
  });

  it('answers every candidate and source answer on the details route, to readers and admins alike', async () => {
    const { doc, kept } = richest();
    const lookup: LookupDoc = {
      _id: lookupDocId(doc.library, short(doc._id), 'openlibrary'),
      type: 'lookup',
      v: 1,
      library: doc.library,
      book: doc._id,
      source: 'openlibrary',
      fetchedAt: new Date().toISOString(),
      candidates: [
        {
          field: 'title',
          value: 'A Study in Suggestion',
          origin: 'openlibrary:search',
          confidence: 0.5,
        },
      ],
      covers: [],
      match: { score: 0.4, applied: false },
    };
    await agent.agent.ctx.catalog.upsert([lookup]);
    for (const who of [reader, agent.admin]) {
      const response = await who.fetch(`/api/books/${short(doc._id)}/details`);
      expect(response.status).toBe(200);
      const details = bookDetailsSchema.parse(await response.json());
      expect(details.book).toBe(doc._id);
      const listed = Object.values(details.fields).reduce((n, d) => n + d.candidates.length, 0);
      expect(listed).toBe(kept.length);
      expect(details.lookups.map((l) => l.candidates[0]?.value)).toEqual(['A Study in Suggestion']);
    }
  });

  it('refuses the details route without a session, and names a book that is not there', async () => {
    const anonymous = await fetch(`${agent.url}/api/books/${short(richest().doc._id)}/details`);
    expect(anonymous.status).toBe(401);
    const missing = await reader.fetch('/api/books/nosuchbook/details');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: expect.stringMatching(/no book/) });
  });
});

describe('an existing data dir', () => {
  it('has its book documents rewritten slim once, on start, the candidates kept on the agent', async () => {
    const data = tempDir('book-details-migrate');
    try {
      const candidates = [
        { field: 'title', value: 'Dune', origin: 'embedded:opf', confidence: 0.9 },
        { field: 'title', value: 'dune', origin: 'filename', confidence: 0.3 },
        {
          field: 'authors',
          value: [{ name: 'Frank Herbert', roles: ['aut'] }],
          origin: 'embedded:opf',
          confidence: 0.9,
        },
      ] as const;
      const fat = {
        _id: 'book:lib:old1',
        type: 'book',
        v: 1,
        library: 'lib',
        folder: 'f1',
        path: 'dune.epub',
        format: 'epub',
        size: 10,
        mtimeMs: 1,
        addedAt: new Date(0).toISOString(),
        scannedAt: new Date(0).toISOString(),
        status: 'ok',
        extraction: { format: 'epub', candidates, flags: {}, warnings: [] },
      };
      // As an older agent left it: the document written whole, the rewrite not yet done.
      const before = await openContext(data.path);
      await before.catalog.db.put(fat);
      setSetting(before.db, 'catalog_books_slim', '0');
      await before.close();

      const after = await openContext(data.path);
      try {
        const doc = readBookDoc(await after.catalog.get('book:lib:old1'));
        // The file's answer per field: the OPF's title and authors (as the merge presents them).
        expect(doc?.extraction?.candidates.map((c) => [c.field, c.value, c.origin])).toEqual([
          ['title', 'Dune', 'embedded:opf'],
          [
            'authors',
            [{ name: 'Frank Herbert', roles: ['aut'], sortName: 'Herbert, Frank' }],
            'embedded:opf',
          ],
        ]);
        expect(after.catalog.details?.get('book:lib:old1')).toEqual(candidates);
        // Deleting the book forgets its candidates too.
        await after.catalog.remove(['book:lib:old1']);
        expect(after.catalog.details?.get('book:lib:old1')).toBeUndefined();
      } finally {
        await after.close();
      }
    } finally {
      data.remove();
    }
  });
});
