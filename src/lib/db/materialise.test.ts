import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSource } from '#core/merge/trust';
import { candidate } from '#core/metadata/types';
import type { BookDoc } from '#core/schema/book-doc';
import type { CoverDoc } from '#core/schema/cover-doc';
import { applyChanges, type Change } from './materialise';
import { ReadModel } from './read-model';

function bookDoc(id: string, title: string): BookDoc {
  return {
    _id: `book:lib:${id}`,
    type: 'book',
    v: 1,
    library: 'lib',
    folder: 'f1',
    path: `${id}.epub`,
    format: 'epub',
    size: 10,
    mtimeMs: 1,
    addedAt: '2026-01-01T00:00:00.000Z',
    scannedAt: '2026-01-01T00:00:00.000Z',
    status: 'ok',
    extraction: {
      format: 'epub',
      candidates: [candidate('title', title, 'embedded:opf', 0.8)],
      flags: {},
      warnings: [],
    },
  };
}

function coverDoc(
  bookId: string,
  hash: string,
): CoverDoc & { _attachments: Record<string, { data: Blob }> } {
  const size = { width: 400, height: 600 };
  return {
    _id: `cover:lib:${bookId}:embedded`,
    type: 'cover',
    v: 1,
    library: 'lib',
    book: `book:lib:${bookId}`,
    source: 'embedded',
    hash,
    original: size,
    small: size,
    medium: size,
    _attachments: {
      'small.webp': { data: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/webp' }) },
    },
  };
}

let seq = 0;
function change(doc: { _id: string }, deleted = false): Change {
  seq++;
  return {
    id: doc._id,
    seq,
    changes: [{ rev: '1-x' }],
    doc: doc as never,
    ...(deleted ? { deleted: true } : {}),
  };
}

describe('applyChanges', () => {
  let model: ReadModel;
  beforeEach(() => {
    model = new ReadModel(`test-${Math.random()}`);
  });
  afterEach(async () => {
    await model.delete();
  });

  it('turns book documents into rows and records the sequence', async () => {
    await applyChanges(model, [change(bookDoc('a', 'The Time Machine'))], 7);
    const row = await model.books.get('book:lib:a');
    expect(row?.title).toBe('The Time Machine');
    expect(row?.titleKey).toBe('time machine');
    expect((await model.meta.get('seq'))?.value).toBe(7);
  });

  it('joins a book with its cover whichever arrives first, and drops it when the cover goes', async () => {
    await applyChanges(model, [change(coverDoc('b', 'h1'))], 1);
    await applyChanges(model, [change(bookDoc('b', 'Covered'))], 2);
    expect((await model.books.get('book:lib:b'))?.cover?.hash).toBe('h1');
    expect((await model.covers.get('cover:lib:b:embedded'))?.small.size).toBe(3);

    await applyChanges(model, [change(coverDoc('b', 'h2'))], 3);
    expect((await model.books.get('book:lib:b'))?.cover?.hash).toBe('h2');

    await applyChanges(model, [change(coverDoc('b', 'h2'), true)], 4);
    expect((await model.books.get('book:lib:b'))?.cover).toBeUndefined();
  });

  it('skips invalid documents and applies the last change of a document in a batch', async () => {
    const broken = { _id: 'book:lib:c', type: 'book', v: 1 };
    await applyChanges(
      model,
      [change(broken), change(bookDoc('d', 'First')), change(bookDoc('d', 'Second'))],
      5,
    );
    expect(await model.books.get('book:lib:c')).toBeUndefined();
    expect((await model.books.get('book:lib:d'))?.title).toBe('Second');
    await applyChanges(model, [change(bookDoc('d', 'Second'), true)], 6);
    expect(await model.books.get('book:lib:d')).toBeUndefined();
  });
});

describe('applyChanges: outside sources, the user and trust', () => {
  let model: ReadModel;
  beforeEach(() => {
    model = new ReadModel(`test-${Math.random()}`);
  });
  afterEach(async () => {
    await model.delete();
  });

  const lookup = (bookId: string, title: string, applied = true) => ({
    _id: `lookup:lib:${bookId}:openlibrary`,
    type: 'lookup',
    v: 1,
    library: 'lib',
    book: `book:lib:${bookId}`,
    source: 'openlibrary',
    fetchedAt: '2026-01-01T00:00:00.000Z',
    candidates: [{ field: 'publisher', value: title, origin: 'openlibrary:isbn', confidence: 0.9 }],
    covers: [],
    ...(applied ? {} : { match: { score: 0.5, applied: false } }),
  });
  const OPEN_LIBRARY_OFF = {
    _id: 'source:lib:openlibrary',
    type: 'source',
    v: 1,
    library: 'lib',
    id: 'openlibrary',
    trust: 0.6,
    enabled: false,
    priority: 2,
    probation: false,
    stats: { requests: 0, failures: 0, accepted: 0, overridden: 0 },
  };
  const edit = (bookId: string, fields: object, cover?: string) => ({
    _id: `edit:lib:${bookId}`,
    type: 'edit',
    v: 1,
    library: 'lib',
    book: `book:lib:${bookId}`,
    fields,
    ...(cover ? { cover } : {}),
    updatedAt: '2026-01-01T00:00:00.000Z',
  });

  it('merges a sure lookup into the book, but not an unsure one', async () => {
    await applyChanges(
      model,
      [change(bookDoc('a', 'Germinal')), change(lookup('a', 'Gallimard'))],
      1,
    );
    expect((await model.books.get('book:lib:a'))?.resolved.metadata.publisher).toBe('Gallimard');
    await applyChanges(model, [change(lookup('a', 'Unsure Press', false))], 2);
    expect((await model.books.get('book:lib:a'))?.resolved.metadata.publisher).toBeUndefined();
  });

  it('lets the user’s value win at confidence 1, and follows the cover they chose', async () => {
    await applyChanges(model, [change(bookDoc('b', 'Germinal')), change(coverDoc('b', 'h1'))], 1);
    const upload = { ...coverDoc('b', 'h2'), _id: 'cover:lib:b:upload', source: 'upload' as const };
    await applyChanges(
      model,
      [change(upload), change(edit('b', { title: 'Germinal (1885)' }, 'cover:lib:b:upload'))],
      2,
    );
    const row = await model.books.get('book:lib:b');
    expect(row?.title).toBe('Germinal (1885)');
    expect(row?.resolved.fields.title?.confidence).toBe(1);
    expect(row?.resolved.fields.title?.source).toBe('user');
    expect(row?.cover?.hash).toBe('h2');
    await applyChanges(model, [change(edit('b', {}), true)], 3);
    expect((await model.books.get('book:lib:b'))?.title).toBe('Germinal');
    expect((await model.books.get('book:lib:b'))?.cover?.hash).toBe('h1');
  });

  it('recomputes every book when a source’s trust changes', async () => {
    await applyChanges(
      model,
      [change(bookDoc('c', 'Germinal')), change(lookup('c', 'Gallimard'))],
      1,
    );
    await applyChanges(model, [change(OPEN_LIBRARY_OFF)], 2);
    expect((await model.books.get('book:lib:c'))?.resolved.metadata.publisher).toBeUndefined();
  });

  const calibre = (bookId: string, title: string) => ({
    _id: `calibre:lib:${bookId}`,
    type: 'calibre',
    v: 1,
    library: 'lib',
    book: `book:lib:${bookId}`,
    folder: 'f1',
    calibreLibrary: '4708486f',
    calibreId: 7,
    formats: ['EPUB'],
    importedAt: '2026-01-01T00:00:00.000Z',
    candidates: [
      { field: 'title', value: title, origin: 'calibre', confidence: 1 },
      { field: 'rating', value: 4.5, origin: 'calibre', confidence: 1 },
    ],
  });

  it('merges a book’s Calibre values over its file’s, under the user’s, and its Calibre cover', async () => {
    const calibreCover = {
      ...coverDoc('e', 'hc'),
      _id: 'cover:lib:e:calibre',
      source: 'calibre' as const,
    };
    await applyChanges(
      model,
      [
        change(bookDoc('e', 'The Three Musketeers')),
        change(coverDoc('e', 'h1')),
        change(calibre('e', 'Title Corrected In Calibre')),
        change(calibreCover),
      ],
      1,
    );
    let row = await model.books.get('book:lib:e');
    expect(row).toMatchObject({ title: 'Title Corrected In Calibre', rating: 4.5 });
    expect(row?.resolved.fields.title?.source).toBe('calibre');
    expect(row?.cover?.hash).toBe('hc');
    // A re-import replaces the Calibre values; the user's edit still wins.
    await applyChanges(
      model,
      [change(edit('e', { title: 'Mine' })), change(calibre('e', 'Curated Again'))],
      2,
    );
    row = await model.books.get('book:lib:e');
    expect(row?.title).toBe('Mine');
    expect(row?.resolved.fields.title?.candidates.map((c) => c.value)).toContain('Curated Again');
    // Gone from Calibre: the file's own title again.
    await applyChanges(model, [change(edit('e', {}), true), change(calibre('e', ''), true)], 3);
    expect((await model.books.get('book:lib:e'))?.title).toBe('The Three Musketeers');
  });

  it('reports only the books whose rows a trust change altered', async () => {
    const added = await applyChanges(
      model,
      [
        change(bookDoc('c', 'Germinal')),
        change(lookup('c', 'Gallimard')),
        change(bookDoc('d', 'Nana')),
      ],
      1,
    );
    expect(added.sort()).toEqual(['book:lib:c', 'book:lib:d']);
    const distrusted = OPEN_LIBRARY_OFF;
    // Only "c" had a value from that source.
    expect(await applyChanges(model, [change(distrusted)], 2)).toEqual(['book:lib:c']);
    // Counting requests (a lookup job does it with every batch) weighs nothing.
    const counted = { ...distrusted, stats: { ...distrusted.stats, requests: 12, failures: 3 } };
    expect(await applyChanges(model, [change(counted)], 3)).toEqual([]);
    expect(await model.sources.get('openlibrary')).toMatchObject({ stats: { requests: 12 } });
    // The file's document at its defaults is what a merge assumed without it.
    const file = { ...distrusted, _id: 'source:lib:file', ...defaultSource('file') };
    expect(await applyChanges(model, [change(file)], 3)).toEqual([]);
    expect(await applyChanges(model, [change(bookDoc('d', 'Nana'), true)], 4)).toEqual([
      'book:lib:d',
    ]);
  });
});
