import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { authorSortName } from '#core/merge/normalise/authors';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';

/**
 * Our sort names against calibre's for the authors of the corpus's real
 * calibre library (calibre 6.13, default tweaks): the same, name for name.
 * Where we differ on purpose (Spanish double surnames, a comma before "Jr.")
 * the unit cases in authors.test.ts say so.
 */
describe.skipIf(!corpusDir)('authorSortName agrees with calibre’s author_sort', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const authors = corpusDir
    ? (() => {
        const db = new Database(corpusPath('calibre/library/metadata.db'), { readonly: true });
        try {
          return db.prepare('SELECT name, sort FROM authors ORDER BY name').all() as {
            name: string;
            sort: string;
          }[];
        } finally {
          db.close();
        }
      })()
    : [];

  it('reads the library’s authors', () => expect(authors.length).toBeGreaterThan(5));
  it.each(authors)('$name → $sort', ({ name, sort }) => expect(authorSortName(name)).toBe(sort));
});
