import { withFolderYear } from '../formats/comic/series-year';
import type { BookFormat } from '../formats/types';
import { ORIGIN_CONFIDENCE } from './confidence';
import { stripExtension } from './path/clean-name';
import { guessFromName, type NameGuess } from './path/file-name';
import { calibreLayout, guessFromFolders, type FolderGuess } from './path/folders';
import { candidate, type FieldCandidate, type SeriesPosition } from './types';

const COMIC_FORMATS: ReadonlySet<BookFormat> = new Set(['cbz', 'cbr', 'cb7', 'cbt']);

/**
 * Guesses metadata from a file's path below its library folder
 * ("Fantasy/Tolkien, J.R.R./The Hobbit (1937).epub"), for files that carry
 * little or none of their own. The file name gives `filename` candidates; the
 * folders fill only what the name left open, as `folder` candidates. When a
 * reading is unsure, no candidate is made. Pure and platform-free.
 */
export function pathCandidates(relPath: string, format: BookFormat): FieldCandidate[] {
  const dirs = relPath.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  const fileName = dirs.pop();
  if (fileName === undefined) return [];
  const stem = stripExtension(fileName);
  const comic = COMIC_FORMATS.has(format);
  const calibre = calibreLayout(dirs, stem);
  const name = guessFromName(stem, { comic, authorLast: calibre !== undefined });
  const folders = guessFromFolders(dirs, name, { comic, calibre });
  const found = [...nameCandidates(name), ...folderCandidates(folders, name)];
  // A comic run's folder year ("Batman (2016)/") is part of its series' identity.
  if (!comic) return found;
  return found.map((c) =>
    c.field === 'series' ? { ...c, value: withFolderYear(c.value, dirs) } : c,
  );
}

function nameCandidates(name: NameGuess): FieldCandidate[] {
  const confidence = ORIGIN_CONFIDENCE.filename;
  const out: FieldCandidate[] = [];
  if (name.title) out.push(candidate('title', name.title, 'filename', confidence));
  if (name.authors) out.push(candidate('authors', name.authors, 'filename', confidence));
  if (name.seriesName) {
    const series = seriesPosition(name.seriesName, name.seriesNumber);
    out.push(candidate('series', series, 'filename', confidence));
  }
  if (name.published) out.push(candidate('published', name.published, 'filename', confidence));
  if (name.identifiers) {
    out.push(candidate('identifiers', name.identifiers, 'filename', confidence));
  }
  return out;
}

function folderCandidates(folders: FolderGuess, name: NameGuess): FieldCandidate[] {
  const confidence = ORIGIN_CONFIDENCE.folder;
  const out: FieldCandidate[] = [];
  if (folders.title && !name.title) {
    out.push(candidate('title', folders.title, 'folder', confidence));
  }
  if (folders.authors && !name.authors) {
    out.push(candidate('authors', folders.authors, 'folder', confidence));
  }
  if (folders.seriesName && !name.seriesName) {
    // The folder names the series; the file's own name still gives the position.
    const series = seriesPosition(folders.seriesName, name.seriesNumber);
    out.push(candidate('series', series, 'folder', confidence));
  }
  return out;
}

/** Leaves `number` out rather than present-but-undefined, so values compare and store cleanly. */
function seriesPosition(name: string, number: number | undefined): SeriesPosition {
  return number === undefined ? { name, kind: 'series' } : { name, number, kind: 'series' };
}
