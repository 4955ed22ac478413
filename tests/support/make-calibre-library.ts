import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeEpub } from './make-epub';

/** A book of a generated Calibre library: its EPUB is made from its title and author. */
export interface FakeCalibreBook {
  title: string;
  author: string;
  series?: { name: string; index: number };
  tags?: string[];
  /** Formats with a file written; `missing` ones are listed in metadata.db only. */
  formats?: ('EPUB' | 'missing')[];
}

/**
 * The tables of a Calibre metadata.db that an import reads (Calibre's own
 * names and columns), for tests that cannot use the corpus's real library.
 */
const SCHEMA = `
  CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL DEFAULT 'Unknown',
    sort TEXT, timestamp TIMESTAMP, pubdate TIMESTAMP, series_index REAL NOT NULL DEFAULT 1.0,
    author_sort TEXT, isbn TEXT DEFAULT '', lccn TEXT DEFAULT '', path TEXT NOT NULL DEFAULT '',
    flags INTEGER NOT NULL DEFAULT 1, uuid TEXT, has_cover BOOL DEFAULT 0, last_modified TIMESTAMP);
  CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, sort TEXT, link TEXT NOT NULL DEFAULT '');
  CREATE TABLE books_authors_link (id INTEGER PRIMARY KEY, book INTEGER NOT NULL, author INTEGER NOT NULL);
  CREATE TABLE data (id INTEGER PRIMARY KEY, book INTEGER NOT NULL, format TEXT NOT NULL,
    uncompressed_size INTEGER NOT NULL, name TEXT NOT NULL);
  CREATE TABLE series (id INTEGER PRIMARY KEY, name TEXT NOT NULL, sort TEXT);
  CREATE TABLE books_series_link (id INTEGER PRIMARY KEY, book INTEGER NOT NULL, series INTEGER NOT NULL);
  CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE books_tags_link (id INTEGER PRIMARY KEY, book INTEGER NOT NULL, tag INTEGER NOT NULL);
  CREATE TABLE library_id (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL);
`;

/** Writes a small Calibre library into `dir`: metadata.db and each book's folder and EPUB. */
export async function makeCalibreLibrary(dir: string, books: FakeCalibreBook[]): Promise<void> {
  const db = new Database(join(dir, 'metadata.db'));
  try {
    db.exec(SCHEMA);
    db.prepare('INSERT INTO library_id (uuid) VALUES (?)').run(crypto.randomUUID());
    for (const [i, book] of books.entries()) {
      const id = i + 1;
      const path = `${book.author}/${book.title} (${id})`;
      const name = `${book.title} - ${book.author}`;
      db.prepare('INSERT INTO books (id, title, sort, path, uuid) VALUES (?, ?, ?, ?, ?)').run(
        id,
        book.title,
        book.title,
        path,
        crypto.randomUUID(),
      );
      db.prepare('INSERT INTO authors (id, name, sort) VALUES (?, ?, ?)').run(
        id,
        book.author,
        book.author.split(' ').reverse().join(', '),
      );
      db.prepare('INSERT INTO books_authors_link (book, author) VALUES (?, ?)').run(id, id);
      if (book.series) {
        db.prepare('INSERT INTO series (id, name) VALUES (?, ?)').run(id, book.series.name);
        db.prepare('INSERT INTO books_series_link (book, series) VALUES (?, ?)').run(id, id);
        db.prepare('UPDATE books SET series_index = ? WHERE id = ?').run(book.series.index, id);
      }
      for (const tag of book.tags ?? []) {
        const tagId = Number(
          db.prepare('INSERT INTO tags (name) VALUES (?)').run(tag).lastInsertRowid,
        );
        db.prepare('INSERT INTO books_tags_link (book, tag) VALUES (?, ?)').run(id, tagId);
      }
      for (const format of book.formats ?? ['EPUB']) {
        const bytes = await makeEpub({ title: book.title, authors: [book.author] });
        db.prepare(
          'INSERT INTO data (book, format, uncompressed_size, name) VALUES (?, ?, ?, ?)',
        ).run(id, format === 'missing' ? 'PDF' : format, bytes.byteLength, name);
        if (format === 'missing') continue;
        mkdirSync(join(dir, path), { recursive: true });
        writeFileSync(join(dir, path, `${name}.epub`), bytes);
      }
    }
  } finally {
    db.close();
  }
}
