import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, corpusPath } from '../../support/corpus';
import { makeCbz } from '../../support/make-comic';
import { makeEpub, type EpubSpec } from '../../support/make-epub';
import { makePdf } from '../../support/make-pdf';

/**
 * A library as people have them: long titles and author names, many genres,
 * series with half-numbered volumes, comics and a PDF — the text that wraps,
 * truncates and crowds a page. Corpus books (real covers) join when present.
 */
const BOOKS: EpubSpec[] = [
  {
    title:
      'The Extraordinarily Long and Winding Chronicle of a Lighthouse Keeper Who Catalogued Every Storm',
    authors: ['Maximiliana Konstantinopoulou-Vanderbilt', 'J. R. Hartley'],
    subjects: ['Historical fiction', 'Maritime', 'Weather', 'Biography', 'Coastal life'],
    series: { name: 'Chronicles of the Northern Lighthouses and Their Keepers', number: 1 },
    description:
      'Forty years of storms, logged by hand. A quiet book about patience, paper and the sea.',
    date: '2019',
    publisher: 'Harbour & Hartley',
  },
  {
    title: 'Second Watch',
    authors: ['Maximiliana Konstantinopoulou-Vanderbilt'],
    subjects: ['Historical fiction', 'Maritime'],
    series: { name: 'Chronicles of the Northern Lighthouses and Their Keepers', number: 2.5 },
    date: '2021',
  },
  {
    title: 'Germinal',
    authors: ['Émile Zola'],
    language: 'fr',
    subjects: ['Coal miners', 'Strikes', 'Naturalism'],
    series: { name: 'Les Rougon-Macquart', number: 13 },
    date: '1885',
  },
  {
    title: 'Nana',
    authors: ['Émile Zola'],
    language: 'fr',
    series: { name: 'Les Rougon-Macquart', number: 9 },
    date: '1880',
  },
  {
    title: 'Supercalifragilisticexpialidociousnessandotherunbrokenwordsthatneverwrap',
    authors: ['Anonymous'],
    subjects: ['Linguistics'],
  },
  {
    title: 'A Field Guide to the Mosses, Lichens and Liverworts of Temperate Rainforests',
    authors: ['Dr. Aoife Ní Bhriain'],
    subjects: ['Botany', 'Nature', 'Field guides', 'Ecology', 'Reference', 'Science'],
    date: '2008',
  },
  { title: 'Ozma of Oz', authors: ['L. Frank Baum'], series: { name: 'Oz', number: 3 } },
  {
    title: 'The Time Traveller’s Notebook',
    authors: ['H. G. Wells'],
    subjects: ['Science fiction'],
  },
];

/** Writes the realistic library into `library`. */
export async function fillRealisticCatalog(library: string): Promise<void> {
  for (const [i, spec] of BOOKS.entries())
    writeFileSync(join(library, `book-${i}.epub`), await makeEpub(spec));
  mkdirSync(join(library, 'comics'));
  writeFileSync(
    join(library, 'comics', 'The Amazing Adventures of Captain Longname 001.cbz'),
    await makeCbz({ pages: 3, title: 'The Amazing Adventures of Captain Longname #1' }),
  );
  writeFileSync(
    join(library, 'comics', 'Pocket Comic 002.cbz'),
    await makeCbz({ pages: 2, title: 'Pocket Comic #2', rightToLeft: true }),
  );
  writeFileSync(
    join(library, 'annual-report.pdf'),
    makePdf({
      title: 'Annual Report of the Society for Very Long Document Titles',
      author: 'The Society',
    }),
  );
  if (!corpusDir) return;
  copyFileSync(
    corpusPath('epub/se_h-g-wells_the-time-machine.epub'),
    join(library, 'The Time Machine.epub'),
  );
  copyFileSync(
    corpusPath('comics/comicbox_Captain Science #001.cbz'),
    join(library, 'comics', 'Captain Science 001.cbz'),
  );
}

/** The realistic book that the reader route opens (a generated EPUB, there with or without the corpus). */
export const EPUB_TO_READ = 'Germinal';
