import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSource } from '#core/merge/trust';
import { candidate } from '#core/metadata/types';
import { bookDoc, type BookDoc } from '#core/schema/book-doc';
import { sourceDoc } from '#core/schema/source-doc';
import { tempDir } from '../../tests/support/temp';
import { CatalogStore } from '../catalog/catalog-store';
import { CATALOG_DB, pouchFor } from '../catalog/pouch';
import { migrate, type Db } from '../db/sqlite';
import { OpdsBookStore } from './opds-book-store';
import { OpdsCatalog } from './opds-catalog';

function book(
  id: string,
  title: string,
  more: { author?: string; series?: [string, number?]; status?: BookDoc['status'] } = {},
): BookDoc {
  const origin = 'embedded:opf' as const;
  const candidates = [candidate('title', title, origin, 0.8)];
  if (more.author)
    candidates.push(candidate('authors', [{ name: more.author, roles: ['aut'] }], origin, 0.8));
  if (more.series) {
    const [name, number] = more.series;
    candidates.push(
      candidate(
        'series',
        { name, kind: 'series' as const, ...(number !== undefined && { number }) },
        origin,
        0.8,
      ),
    );
  }
  return bookDoc({
    library: 'lib',
    bookId: id,
    folderId: 'f',
    path: `${id}.epub`,
    format: 'epub',
    size: 1,
    mtimeMs: 0,
    addedAt: Date.UTC(2026, 0, Number(id.replace(/\D/g, '')) || 1),
    scannedAt: 0,
    status: more.status ?? 'ok',
    extraction: { format: 'epub', candidates, flags: {}, warnings: [] },
  });
}

describe('OpdsCatalog: the feeds’ index over the catalog, kept in step and stored', () => {
  let dir: ReturnType<typeof tempDir>;
  let pouch: PouchDB.Database;
  let catalog: CatalogStore;
  let db: Db;
  let opened: OpdsCatalog[] = [];
  /** An index over the test's catalog and store, as a (re)started agent makes it. */
  const open = () => {
    const made = new OpdsCatalog(catalog, new OpdsBookStore(db));
    opened.push(made);
    return made;
  };
  const titles = (c: OpdsCatalog) =>
    c.query({ sort: { key: 'title', direction: 'asc' }, limit: 100 }).items.map((b) => b.title);

  beforeEach(() => {
    dir = tempDir('opds-catalog');
    pouch = new (pouchFor(dir.path))(CATALOG_DB);
    catalog = new CatalogStore(pouch, 'lib');
    db = new Database(':memory:');
    migrate(db);
  });
  afterEach(async () => {
    for (const made of opened) made.close();
    opened = [];
    await pouch.close();
    db.close();
    dir.remove();
  });

  it('stores what it merged: a restart reads it back and merges only what changed meanwhile', async () => {
    await catalog.upsert([book('b1', 'Alpha'), book('b2', 'Beta'), book('b3', 'Gamma')]);
    const first = open();
    await first.current();
    expect(titles(first)).toEqual(['Alpha', 'Beta', 'Gamma']);

    first.close();
    // While the agent is down: a title changes, a book arrives.
    await catalog.upsert([book('b2', 'Beta Revised'), book('b4', 'Delta')]);
    // Marks a stored book, to see that it is read back rather than merged again.
    const stored = db.prepare("SELECT record FROM opds_books WHERE id = 'book:lib:b1'").get() as {
      record: string;
    };
    db.prepare("UPDATE opds_books SET record = ? WHERE id = 'book:lib:b1'").run(
      JSON.stringify({ ...JSON.parse(stored.record), title: 'Alpha (stored)' }),
    );
    const restarted = open();
    await restarted.current();
    expect(titles(restarted)).toEqual(['Alpha (stored)', 'Beta Revised', 'Delta', 'Gamma']);

    // A source's trust decides every merge: a change of it merges every book again.
    await catalog.upsert([sourceDoc('lib', { ...defaultSource('file'), trust: 0.9 })]);
    await restarted.current();
    expect(titles(restarted)).toEqual(['Alpha', 'Beta Revised', 'Delta', 'Gamma']);
    // A lookup's counters alone merge nothing again: a mark in the store survives them.
    db.prepare(
      "UPDATE opds_books SET record = json_set(record, '$.title', 'Gamma (stored)') WHERE id = 'book:lib:b3'",
    ).run();
    restarted.close();
    const counted = open();
    const file = defaultSource('file');
    await catalog.upsert([
      sourceDoc('lib', { ...file, trust: 0.9, stats: { ...file.stats, requests: 5 } }),
    ]);
    await counted.current();
    expect(titles(counted)).toContain('Gamma (stored)');
  });

  it('drops a book whose file went missing from every feed and group, and takes it back when it returns', async () => {
    await catalog.upsert([
      book('b1', 'One', { author: 'Ann Author', series: ['Saga', 2] }),
      book('b2', 'Two', { author: 'Ann Author', series: ['Saga', 1] }),
      book('b3', 'Three', { author: 'Ann Author', series: ['Saga'] }),
    ]);
    const feeds = open();
    await feeds.current();
    expect(feeds.seriesBooks('saga', 0, 10).items.map((b) => b.title)).toEqual([
      'Two',
      'One',
      'Three',
    ]);
    expect(feeds.author('ann-author')).toMatchObject({ name: 'Ann Author', count: 3 });

    await catalog.upsert([
      book('b1', 'One', { author: 'Ann Author', series: ['Saga', 2], status: 'missing' }),
    ]);
    await feeds.current();
    expect(titles(feeds)).toEqual(['Three', 'Two']);
    expect(feeds.author('ann-author')?.count).toBe(2);
    expect(feeds.seriesBooks('saga', 0, 10).items.map((b) => b.title)).toEqual(['Two', 'Three']);

    await catalog.upsert([book('b1', 'One', { author: 'Ann Author', series: ['Saga', 2] })]);
    await feeds.current();
    expect(feeds.author('ann-author')?.count).toBe(3);
    feeds.close();
    const restarted = open();
    await restarted.current();
    expect(titles(restarted)).toEqual(['One', 'Three', 'Two']);
  });
});
