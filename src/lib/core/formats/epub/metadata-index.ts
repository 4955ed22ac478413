import type { XmlElement } from '../../xml/parse-xml';
import { clean } from '../../metadata/text-values';

/** The OPF's metadata section, indexed: Dublin Core elements, metas and EPUB 3 refinements. */

export interface Refinement {
  property: string;
  value: string;
  scheme?: string;
}

export interface MetadataIndex {
  /** Dublin Core elements with any of these local names (lower case), in document order. */
  dc(...names: string[]): XmlElement[];
  /** EPUB 3 `<meta property>` without `refines`, in document order. */
  properties(name: string): XmlElement[];
  /** A meta value by EPUB 3 property or EPUB 2 name/content. */
  value(key: string): string | undefined;
  /** Refinements (`<meta refines="#id">`) of an element, by property. */
  refined(element: XmlElement, property: string): Refinement[];
}

export function indexMetadata(metadata: XmlElement | undefined): MetadataIndex {
  // OEB 1.2 style packages nest the elements in <dc-metadata> and <x-metadata>.
  const elements = (metadata?.children ?? []).flatMap((el) =>
    /^(dc|x)-metadata$/i.test(el.name) ? el.children : [el],
  );
  // OEB 1.2 packages spell it <META>.
  const metas = elements.filter((el) => el.name.toLowerCase() === 'meta');
  const refinements = new Map<string, Refinement[]>();
  for (const el of metas) {
    const target = el.attributes['refines']?.trim();
    const property = el.attributes['property']?.trim();
    const value = clean(el.text);
    if (!target?.startsWith('#') || !property || value === undefined) continue;
    const list = refinements.get(target.slice(1)) ?? [];
    list.push({ property, value, scheme: el.attributes['scheme']?.trim() });
    refinements.set(target.slice(1), list);
  }
  const properties = (name: string) =>
    metas.filter((el) => el.attributes['property']?.trim() === name && !el.attributes['refines']);
  return {
    dc: (...names) => elements.filter((el) => names.includes(el.name.toLowerCase())),
    properties,
    value: (key) => {
      for (const el of metas) {
        if (el.attributes['name']?.trim() === key) return clean(el.attributes['content']);
      }
      return clean(properties(key)[0]?.text);
    },
    refined: (element, property) => {
      const id = element.attributes['id']?.trim();
      return (id && refinements.get(id)?.filter((r) => r.property === property)) || [];
    },
  };
}

/** The file-as of an element: EPUB 3 refinement, else EPUB 2 `opf:file-as`. */
export function fileAs(meta: MetadataIndex, el: XmlElement): string | undefined {
  return meta.refined(el, 'file-as')[0]?.value ?? clean(el.attributes['file-as']);
}
