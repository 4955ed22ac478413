import type { Identifier } from '../../metadata/types';
import { toIsbn13 } from '../../metadata/isbn';
import type { MergeCandidate } from '../../merge/sources';
import { authorsNamed, CandidateList, type MapContext } from '../candidates';
import type { EditionFacts } from '../edition';
import { yearOf } from '../published';
import type { SourceCover } from '../result';
import { cleanText } from '../text';
import type { GbImageLinks, GbVolume } from './schema';

/** The ISBN-13s a volume lists (ISBN_13 and ISBN_10 both), each once. */
export function volumeIsbns(volume: GbVolume): string[] {
  const ids = volume.volumeInfo.industryIdentifiers ?? [];
  const isbns = ids
    .filter((id) => id.type === 'ISBN_13' || id.type === 'ISBN_10')
    .flatMap((id) => toIsbn13(id.identifier) ?? []);
  return [...new Set(isbns)];
}

/**
 * A volume → merge candidates. The identifier is the ISBN asked for when the
 * lookup was by ISBN, else the volume's own (its ISBN-13 and ISBN-10 are one
 * ISBN). Categories become subjects as written ("Fiction / Fantasy / Epic").
 */
export function mapVolume(volume: GbVolume, context: MapContext, isbn?: string): MergeCandidate[] {
  const info = volume.volumeInfo;
  const isbn13 = isbn ? toIsbn13(isbn) : volumeIsbns(volume)[0];
  const identifiers: Identifier[] = isbn13 ? [{ scheme: 'isbn', value: isbn13 }] : [];
  return new CandidateList(context)
    .add('title', cleanText(info.title))
    .add('subtitle', cleanText(info.subtitle))
    .add('authors', authorsNamed(info.authors))
    .add('identifiers', identifiers)
    .add('publisher', cleanText(info.publisher))
    .add('published', cleanText(info.publishedDate))
    .add('description', cleanText(info.description))
    .add('pageCount', info.pageCount)
    .add('languages', info.language ? [info.language] : undefined)
    .add('subjects', info.categories).list;
}

/** Largest first: Google names its image sizes rather than giving pixels. */
const SIZES: readonly (keyof GbImageLinks)[] = [
  'extraLarge',
  'large',
  'medium',
  'small',
  'thumbnail',
  'smallThumbnail',
];

/**
 * The volume's largest cover, over https (Google lists http links that it
 * also serves over https, and a PWA on https cannot load http images), and
 * without the page-curl effect Google draws on thumbnails.
 */
export function volumeCovers(volume: GbVolume): SourceCover[] {
  const links = volume.volumeInfo.imageLinks ?? {};
  const url = SIZES.map((size) => links[size]).find((link) => link !== undefined);
  if (!url) return [];
  return [{ url: url.replace(/^http:\/\//i, 'https://').replace(/&edge=curl/, '') }];
}

/** What edition choice needs to know about a volume. */
export function volumeFacts(volume: GbVolume): EditionFacts {
  const info = volume.volumeInfo;
  const year = yearOf(info.publishedDate);
  return {
    ...(volume.saleInfo?.isEbook !== undefined && {
      format: volume.saleInfo.isEbook ? ('ebook' as const) : ('print' as const),
    }),
    ...(info.language && { languages: [info.language] }),
    ...(year !== undefined && { year }),
  };
}
