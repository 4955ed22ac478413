import { describe, expect, it } from 'vitest';
import { sampleBookDoc } from '#test-support/sample-book';
import { calibreDoc } from './calibre-doc';
import { coverDoc } from './cover-doc';
import { readSyncedDoc } from './documents';
import { emptyEditDoc } from './edit-doc';
import { folderDoc } from './folder-doc';
import { schemaDoc, SCHEMA_VERSION } from './version';

const book = sampleBookDoc('b1', 'a/b.epub');

describe('reading replicated documents', () => {
  it('dispatches on type and reads what the constructors write', () => {
    const size = { width: 1, height: 2 };
    const docs = [
      book,
      coverDoc({
        library: 'lib',
        bookId: 'b1',
        source: 'embedded',
        hash: 'h',
        original: size,
        small: size,
        medium: size,
      }),
      emptyEditDoc('lib', 'b1'),
      folderDoc('lib', 'f1', 'Books'),
      calibreDoc({
        library: 'lib',
        bookId: 'b1',
        folder: 'f1',
        calibreLibrary: '4708486f',
        calibreId: 1,
        uuid: 'd33109f0',
        formats: ['EPUB', 'MOBI'],
        importedAt: '2026-01-01T00:00:00.000Z',
        candidates: [{ field: 'rating', value: 4, origin: 'calibre', confidence: 1 }],
      }),
    ];
    for (const doc of docs) {
      const reading = readSyncedDoc(JSON.parse(JSON.stringify(doc)));
      expect(reading).toEqual({ kind: 'read', doc });
    }
  });

  it('knows the schema document, and a newer one as newer', () => {
    expect(readSyncedDoc(schemaDoc('lib'))).toEqual({ kind: 'schema', version: SCHEMA_VERSION });
    expect(readSyncedDoc({ ...schemaDoc('lib'), version: SCHEMA_VERSION + 1 })).toEqual({
      kind: 'newer',
    });
  });

  it('keeps a newer document apart from an invalid one', () => {
    expect(readSyncedDoc({ ...book, v: 99 })).toEqual({ kind: 'newer' });
    expect(readSyncedDoc({ ...book, size: -1 })).toEqual({ kind: 'skipped' });
    expect(readSyncedDoc({ _id: 'x', type: 'unknown-kind', v: 1 })).toEqual({ kind: 'skipped' });
    expect(readSyncedDoc(null)).toEqual({ kind: 'skipped' });
  });

  it('takes only Calibre values into a Calibre document', () => {
    const doc = calibreDoc({
      library: 'lib',
      bookId: 'b1',
      folder: 'f1',
      calibreLibrary: '4708486f',
      calibreId: 1,
      formats: ['EPUB'],
      importedAt: '2026-01-01T00:00:00.000Z',
      candidates: [{ field: 'title', value: 'Dune', origin: 'openlibrary', confidence: 1 }],
    });
    expect(readSyncedDoc(doc)).toEqual({ kind: 'skipped' });
  });
});
