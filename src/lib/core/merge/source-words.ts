import type { SourceId } from './sources';

/**
 * Where a metadata value came from, as the book and metadata pages name it:
 * "EPUB package (OPF)" and "Open Library", never "embedded:opf" or "openlibrary".
 */
export const SOURCE_WORDS: Record<SourceId, string> = {
  file: 'the file',
  openlibrary: 'Open Library',
  googlebooks: 'Google Books',
  comicvine: 'Comic Vine',
  calibre: 'Calibre',
  user: 'your value',
};

const ORIGIN_WORDS: Record<string, string> = {
  'embedded:opf': 'EPUB package (OPF)',
  'embedded:exth': 'MOBI EXTH',
  'embedded:mobi-header': 'MOBI header',
  'embedded:pdf-info': 'PDF Info',
  'embedded:xmp': 'PDF XMP',
  'embedded:comicinfo': 'ComicInfo.xml',
  'embedded:metroninfo': 'MetronInfo.xml',
  'embedded:comet': 'CoMet',
  'embedded:comicbookinfo': 'ComicBookInfo',
  filename: 'File name',
  folder: 'Folder names',
  user: 'Your value',
};

/**
 * A candidate's origin in words: "embedded:opf" → "EPUB package (OPF)",
 * "openlibrary:isbn" → "Open Library (by ISBN)"; unknown ones as they are.
 */
export function originWords(origin: string): string {
  const known = ORIGIN_WORDS[origin];
  if (known) return known;
  const [head = '', detail] = origin.split(/:(.*)/s);
  const name = SOURCE_WORDS[head as SourceId];
  if (!name || head === 'file' || head === 'user') return origin;
  return detail ? `${name} (by ${detail === 'isbn' ? 'ISBN' : detail})` : name;
}

/** A source id in words; unknown ones as they are. */
export function sourceWords(source: string): string {
  return SOURCE_WORDS[source as SourceId] ?? source;
}
