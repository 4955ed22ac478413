import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bytesSource, type ByteSource } from '#core/bytes/byte-source';

/**
 * The shared test corpus (real ebooks, comics and hostile files) lives outside
 * the repo. Tests skip, saying so, when it is absent; COLOPHON_CORPUS overrides
 * where it is looked for.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const configured = process.env.COLOPHON_CORPUS ?? path.resolve(repoRoot, '../shared/corpus');

export const corpusDir: string | undefined = existsSync(configured) ? configured : undefined;

/** Said by tests that skip because there is no corpus. */
export const NO_CORPUS_MESSAGE = `Corpus not found at ${configured} (set COLOPHON_CORPUS); corpus tests skipped.`;

/** Absolute path of a corpus file, e.g. corpusPath('epub/x.epub'). */
export function corpusPath(rel: string): string {
  if (!corpusDir) throw new Error(NO_CORPUS_MESSAGE);
  return path.join(corpusDir, rel);
}

/** Corpus-relative paths of the files in one folder, optionally by extension ('.epub'). */
export function corpusFiles(folder: string, extension?: string): string[] {
  if (!corpusDir) return [];
  return readdirSync(corpusPath(folder))
    .filter((name) => !extension || name.toLowerCase().endsWith(extension.toLowerCase()))
    .sort()
    .map((name) => `${folder}/${name}`);
}

/** What calibre's ebook-meta reported for a file. */
export interface CalibreView {
  title: string | null;
  authors: string[];
  series: string | null;
  series_index: number | null;
  language: string[];
  publisher: string | null;
  pubdate: string | null;
  isbn: string | null;
  identifiers: Record<string, string>;
  tags: string[];
}

/** What a plain read of an EPUB's package document found. */
export interface OpfView {
  titles: Record<string, string>;
  authors: string[];
  author_file_as: Record<string, string>;
  collections: { name: string; position: string | null; type: string }[];
  date: string[];
  identifiers: string[];
  language: string[];
  publisher: string[];
  translators_editors: { name: string; roles: string[] }[];
}

/** One entry of expected.json; fields beyond these vary by format. */
export interface ExpectedEntry {
  format: string;
  size: number;
  note?: string;
  calibre?: CalibreView;
  opf?: OpfView;
  [key: string]: unknown;
}

let cache: Record<string, ExpectedEntry> | undefined;

/** expected.json, keyed by corpus-relative path. */
export function expected(): Record<string, ExpectedEntry> {
  cache ??= JSON.parse(readFileSync(corpusPath('expected.json'), 'utf8')) as Record<
    string,
    ExpectedEntry
  >;
  return cache;
}

/** A ByteSource over a corpus file, named by its corpus-relative path. */
export async function readCorpusSource(rel: string): Promise<ByteSource> {
  return bytesSource(new Uint8Array(await readFile(corpusPath(rel))), rel);
}
