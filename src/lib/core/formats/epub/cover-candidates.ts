import { childrenNamed, type XmlElement } from '../../xml/parse-xml';
import type { CoverRef } from '../types';
import { childNamed } from './child-named';
import { resolveHref, type ManifestItem } from './manifest';
import type { MetadataIndex } from './metadata-index';

export type EntryCover = Extract<CoverRef, { kind: 'entry' }>;

const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|svg|bmp|avif)$/i;

function isImage(item: ManifestItem): boolean {
  return item.mediaType
    ? item.mediaType.startsWith('image/')
    : IMAGE_EXTENSION.test(item.path ?? '');
}

/** Cover entries in order of trust: EPUB 3 property, EPUB 2 meta, guide, then by name. */
export function coverCandidates(
  root: XmlElement,
  manifest: ManifestItem[],
  meta: MetadataIndex,
  opfDir: string,
): EntryCover[] {
  const found: (ManifestItem | undefined)[] = [];
  found.push(manifest.find((item) => item.properties.includes('cover-image')));

  const coverMeta = meta.value('cover');
  if (coverMeta) {
    // Usually a manifest id; some files put the href there instead.
    const path = resolveHref(opfDir, coverMeta);
    const item =
      manifest.find((i) => i.id === coverMeta) ??
      manifest.find((i) => i.href === coverMeta || (path !== undefined && i.path === path));
    found.push(item ?? (path ? { href: coverMeta, path, properties: [] } : undefined));
  }

  const guide = childNamed(root, 'guide');
  for (const ref of guide ? childrenNamed(guide, 'reference') : []) {
    const type = ref.attributes['type']?.trim().toLowerCase() ?? '';
    const href = ref.attributes['href']?.trim();
    const path = href === undefined ? undefined : resolveHref(opfDir, href);
    if (!path || !(type === 'cover' || type.includes('coverimage'))) continue;
    // A cover page (XHTML) needs its own parse to find the image; that is for later.
    found.push(manifest.find((i) => i.path === path) ?? { href: path, path, properties: [] });
  }

  const images = manifest.filter(isImage);
  found.push(images.find((i) => /cover/i.test(i.id ?? '') || /cover/i.test(i.href)));
  found.push(images[0]);

  const covers: EntryCover[] = [];
  for (const item of found) {
    if (!item?.path || !isImage(item) || covers.some((c) => c.path === item.path)) continue;
    covers.push(
      item.mediaType
        ? { kind: 'entry', path: item.path, mediaType: item.mediaType }
        : { kind: 'entry', path: item.path },
    );
  }
  return covers;
}
