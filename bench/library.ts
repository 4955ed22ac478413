import { copyFileSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatFromName } from '#core/formats/detect';
import { corpusDir, corpusFiles, corpusPath } from '../tests/support/corpus';
import { makeEpub } from '../tests/support/make-epub';
import { progress } from './report';

const PER_FOLDER = 500;
const FOLDERS = ['epub', 'mobi', 'pdf', 'comics'];

/**
 * Builds a synthetic library of `count` files in `dir` by copying the corpus's
 * readable books round-robin under unique names (hard-linking them instead
 * with `link`, for very large libraries: same bytes, no disk). Without the
 * corpus, generated EPUBs stand in. Returns the number of distinct sources.
 */
export async function buildLibrary(dir: string, count: number, link: boolean): Promise<number> {
  const sources = FOLDERS.flatMap((folder) => corpusFiles(folder)).filter((rel) =>
    formatFromName(rel),
  );
  const started = Date.now();
  if (sources.length === 0) {
    console.error('Corpus not found: the library is made of generated EPUBs.');
    for (let i = 0; i < count; i++) {
      const folder = join(dir, `shelf-${Math.floor(i / PER_FOLDER)}`);
      if (i % PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, `book-${i}.epub`),
        await makeEpub({ title: `Book ${i}`, authors: ['Bench Author'] }),
      );
      if (i % 100 === 0 || i === count - 1) progress('building library', i + 1, count, started);
    }
    return 1;
  }
  for (let i = 0; i < count; i++) {
    const rel = sources[i % sources.length] as string;
    const folder = join(dir, `shelf-${Math.floor(i / PER_FOLDER)}`);
    if (i % PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    const target = join(folder, `${i}-${basename(rel)}`);
    if (link) linkSync(corpusPath(rel), target);
    else copyFileSync(corpusPath(rel), target);
    if (i % 200 === 0 || i === count - 1) progress('building library', i + 1, count, started);
  }
  return corpusDir ? sources.length : 0;
}
