import { childrenNamed, type XmlElement } from '../../xml/parse-xml';
import { childNamed } from './child-named';
import { safeDecode } from './values';

export interface ManifestItem {
  id?: string;
  href: string;
  /** Archive path, resolved against the OPF's folder; undefined when it leaves the archive. */
  path?: string;
  mediaType?: string;
  properties: string[];
}

export function readManifest(root: XmlElement, opfDir: string): ManifestItem[] {
  const manifest = childNamed(root, 'manifest');
  return (manifest ? childrenNamed(manifest, 'item') : []).flatMap((el) => {
    const href = el.attributes['href']?.trim();
    if (!href) return [];
    return [
      {
        id: el.attributes['id']?.trim(),
        href,
        path: resolveHref(opfDir, href),
        mediaType: el.attributes['media-type']?.trim().toLowerCase(),
        properties: (el.attributes['properties'] ?? '').split(/\s+/).filter(Boolean),
      },
    ];
  });
}

/**
 * An href from the OPF as an archive path: fragment and query dropped,
 * percent-decoded, `.`/`..` resolved. Undefined for URLs with a scheme and
 * for paths that climb out of the archive.
 */
export function resolveHref(baseDir: string, href: string): string | undefined {
  const bare = href.trim().replace(/[#?].*$/, '');
  if (!bare || /^[a-z][a-z0-9+.-]*:/i.test(bare)) return undefined;
  const decoded = safeDecode(bare) ?? bare;
  const parts = decoded.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') parts.push(segment);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}
