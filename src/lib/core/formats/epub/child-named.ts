import { firstChild, type XmlElement } from '../../xml/parse-xml';

/** A package section (metadata, manifest, guide) by name, falling back to any letter case. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return firstChild(element, name) ?? element.children.find((c) => c.name.toLowerCase() === name);
}
