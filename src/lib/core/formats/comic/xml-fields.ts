import { clean } from '../../metadata/text-values';
import { entityWarning, parseXml, type XmlElement } from '../../xml/parse-xml';

/**
 * Reading the flat, element-per-field documents comic taggers write
 * (ComicInfo, MetronInfo, CoMet) tolerantly: element names match ignoring
 * case, a repeated single-value element keeps its first value (with a
 * warning), and text still holding a reference to an entity the DOCTYPE
 * declared (left unexpanded by parseXml) is dropped rather than stored.
 */
export interface XmlFields {
  root: XmlElement;
  /** The cleaned text of the first child with this name; warns when there are several. */
  text(name: string, parent?: XmlElement): string | undefined;
  /** The cleaned text of every child with this name. */
  all(name: string, parent?: XmlElement): string[];
  /** Children with this name (ignoring case). */
  children(name: string, parent?: XmlElement): XmlElement[];
  /** The first child with this name (ignoring case). */
  child(name: string, parent?: XmlElement): XmlElement | undefined;
  /** Cleaned, entity-checked text of any element or attribute value. */
  value(raw: string | undefined): string | undefined;
  /** Every warning so far: the caller's own plus what reading found. */
  finish(): string[];
  /** Adds a warning, prefixed with the document's name. */
  warn(message: string): void;
}

/** Parses a metadata document; throws BookFormatError when it is not well-formed XML. */
export function readXmlFields(xml: string, name: string): XmlFields {
  const doc = parseXml(xml, { name });
  const warnings: string[] = [];
  const entities = entityWarning(doc, name);
  if (entities) warnings.push(entities);
  const declared = doc.declaredEntities.map((e) => `&${e.name};`);
  const dropped = new Set<string>();

  const value = (raw: string | undefined): string | undefined => {
    const text = clean(raw);
    if (text === undefined || !declared.some((ref) => text.includes(ref))) return text;
    dropped.add(text.length > 40 ? `${text.slice(0, 40)}…` : text);
    return undefined;
  };
  const children = (tag: string, parent: XmlElement = doc.root) => {
    const lower = tag.toLowerCase();
    return parent.children.filter((c) => c.name.toLowerCase() === lower);
  };
  const fields: XmlFields = {
    root: doc.root,
    children,
    child: (tag, parent) => children(tag, parent)[0],
    all: (tag, parent) => children(tag, parent).flatMap((c) => value(c.text) ?? []),
    text: (tag, parent) => {
      const found = children(tag, parent).flatMap((c) => value(c.text) ?? []);
      if (found.length > 1) {
        warnings.push(
          `${name} has ${found.length} <${tag}> elements; the first ("${found[0]}") was used.`,
        );
      }
      return found[0];
    },
    value,
    warn: (message) => warnings.push(`${name}: ${message}`),
    finish: () => {
      if (dropped.size > 0) {
        warnings.push(
          `${name}: values using the declared entities were dropped (${[...dropped].join(', ')}).`,
        );
        dropped.clear();
      }
      return warnings;
    },
  };
  return fields;
}
