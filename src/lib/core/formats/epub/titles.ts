import type { BookMetadata } from '../../metadata/types';
import { fileAs, type MetadataIndex } from './metadata-index';
import { clean } from '../../metadata/text-values';

/** Title, subtitle and sort title from the dc:title elements and their title-type. */
export function readTitles(
  meta: MetadataIndex,
): Pick<BookMetadata, 'title' | 'subtitle' | 'sortTitle'> {
  const titles = meta
    .dc('title')
    .map((el) => ({
      el,
      text: clean(el.text),
      type: (
        meta.refined(el, 'title-type')[0]?.value ?? el.attributes['title-type']
      )?.toLowerCase(),
    }))
    .filter((t) => t.text !== undefined);
  const main =
    titles.find((t) => t.type === 'main') ??
    titles.find((t) => t.type === undefined) ??
    titles.find((t) => t.type === 'expanded' || t.type === 'extended') ??
    titles[0];
  if (!main) return {};
  const subtitle = titles.find((t) => t.type === 'subtitle');
  return { title: main.text, subtitle: subtitle?.text, sortTitle: fileAs(meta, main.el) };
}
