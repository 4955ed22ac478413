import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCalibreLibrary } from '#test-support/make-calibre-library';
import { tempDir } from '#test-support/temp';
import { CalibreLibraryError } from './library-error';
import { probeCalibreLibrary, readCalibreLibrary } from './read-library';

describe('reading a Calibre library', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('read-calibre');
  });
  afterEach(() => dir.remove());

  const refusal = (path: string) => {
    try {
      readCalibreLibrary(path);
    } catch (error) {
      expect(error).toBeInstanceOf(CalibreLibraryError);
      return (error as Error).message;
    }
    throw new Error('read');
  };

  it('reads the tables an older Calibre has, given the folder or its metadata.db', async () => {
    await makeCalibreLibrary(dir.path, [
      { title: 'Emma', author: 'Jane Austen', tags: ['novel'], formats: ['EPUB', 'missing'] },
    ]);
    const library = readCalibreLibrary(join(dir.path, 'metadata.db'));
    expect(library.root).toBe(dir.path);
    expect(library.books).toEqual([
      expect.objectContaining({
        id: 1,
        title: 'Emma',
        authors: [{ name: 'Jane Austen', sort: 'Austen, Jane' }],
        tags: ['novel'],
        languages: [],
        identifiers: [],
        formats: [
          { format: 'EPUB', name: 'Emma - Jane Austen' },
          { format: 'PDF', name: 'Emma - Jane Austen' },
        ],
      }),
    ]);
    expect(probeCalibreLibrary(dir.path)).toEqual({
      root: dir.path,
      books: 1,
      files: 2,
      cataloged: 2,
    });
  });

  it('says what is wrong with a folder that is no Calibre library', () => {
    expect(refusal(join(dir.path, 'nope'))).toMatch(/does not exist/);
    expect(refusal(dir.path)).toMatch(/has no metadata\.db, so it is not a Calibre library/);
    writeFileSync(join(dir.path, 'metadata.db'), 'not a database at all, just text');
    expect(refusal(dir.path)).toMatch(
      /cannot be read as a Calibre library \(file is not a database\)/,
    );
    expect(refusal(join(dir.path, 'metadata.db'))).toMatch(/cannot be read as a Calibre library/);
  });

  it('refuses a database that is not Calibre’s, naming the tables it lacks', () => {
    const db = new Database(join(dir.path, 'metadata.db'));
    db.exec('CREATE TABLE books (id INTEGER PRIMARY KEY)');
    db.close();
    expect(refusal(dir.path)).toMatch(/it has no authors, books_authors_link, data table/);
  });
});
