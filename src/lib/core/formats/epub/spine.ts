import { childrenNamed, type XmlElement } from '../../xml/parse-xml';
import { childNamed } from './child-named';
import { readManifest } from './manifest';

/** One item of the reading order. */
export interface SpineItem {
  idref: string;
  /** The itemref's own id, which a CFI's spine step may assert (`/6/4[id]`). */
  id?: string;
  /** Archive path of the content document; undefined when the manifest has no such item. */
  path?: string;
  mediaType?: string;
  linear: boolean;
}

export interface Spine {
  /** The CFI step of <spine> among the package's child elements (6 when it follows metadata and manifest). */
  step: number;
  items: SpineItem[];
}

/** The package's reading order (<spine>), each item resolved through the manifest. */
export function readSpine(root: XmlElement, opfPath: string): Spine {
  const spine = childNamed(root, 'spine');
  const opfDir = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/')) : '';
  const manifest = new Map(readManifest(root, opfDir).map((item) => [item.id, item]));
  const items = (spine ? childrenNamed(spine, 'itemref') : []).flatMap((ref): SpineItem[] => {
    const idref = ref.attributes['idref']?.trim();
    if (!idref) return [];
    const item = manifest.get(idref);
    const id = ref.attributes['id']?.trim();
    return [
      {
        idref,
        ...(id ? { id } : {}),
        ...(item?.path ? { path: item.path } : {}),
        ...(item?.mediaType ? { mediaType: item.mediaType } : {}),
        linear: ref.attributes['linear']?.trim() !== 'no',
      },
    ];
  });
  return { step: spine ? (root.children.indexOf(spine) + 1) * 2 : 6, items };
}
