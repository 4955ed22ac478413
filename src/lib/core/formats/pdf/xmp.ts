import type { BookMetadata, Person } from '../../metadata/types';
import {
  childrenNamed,
  descendantsNamed,
  entityWarning,
  parseXml,
  type XmlElement,
} from '../../xml/parse-xml';
import {
  cleanLanguage,
  cleanText,
  cleanTitle,
  splitKeywords,
  toIsoDate,
  toPeople,
  unique,
} from './info';

/**
 * An XMP packet (the PDF's /Metadata stream) → BookMetadata. Properties are
 * read from every top-level rdf:Description, written as elements or as
 * attributes. Names are matched without their prefixes (parseXml drops
 * them), which is safe for the handful read here: dc:title, dc:creator,
 * dc:language, dc:date, dc:publisher, dc:description, dc:subject,
 * xmp:CreateDate and pdf:Keywords.
 */

export interface XmpResult {
  metadata: BookMetadata;
  warnings: string[];
}

const NAME = 'The XMP metadata';

/** Throws BookFormatError ('invalid-xml', 'entry-too-large') when the packet is not XML. */
export function readXmp(text: string): XmpResult {
  const doc = parseXml(text, { name: NAME });
  const warnings: string[] = [];
  const entities = entityWarning(doc, NAME);
  if (entities) warnings.push(entities);
  const xmp = properties(descriptions(doc.root));
  const published =
    toIsoDate(cleanText(xmp.items('date')[0])) ??
    toIsoDate(cleanText(xmp.items('CreateDate')[0]), { fileDate: true });
  const metadata: BookMetadata = {
    title: cleanTitle(xmp.languageAlternative('title')),
    authors: people(xmp.items('creator')),
    languages: unique(xmp.items('language').flatMap((tag) => cleanLanguage(tag) ?? [])),
    published,
    publisher: cleanText(xmp.items('publisher')[0]),
    description: cleanText(xmp.languageAlternative('description')),
    // Writers like TCPDF put the whole keyword line in one dc:subject item: split both.
    subjects: unique(
      [...xmp.items('subject'), ...xmp.items('Keywords')].flatMap((line) =>
        splitKeywords(cleanText(line), warnings, 'The XMP subjects'),
      ),
    ),
  };
  return { metadata: compact(metadata), warnings };
}

/** The rdf:Description elements under rdf:RDF (which may itself be the root). */
function descriptions(root: XmlElement): XmlElement[] {
  const rdf = root.name === 'RDF' ? root : descendantsNamed(root, 'RDF')[0];
  return rdf ? childrenNamed(rdf, 'Description') : [];
}

interface Properties {
  /** The values of a simple property, or the items of an rdf:Seq/Bag/Alt one, in order. */
  items(name: string): string[];
  /** The x-default item of an rdf:Alt (else its first), or a simple value. */
  languageAlternative(name: string): string | undefined;
}

function properties(descriptions: XmlElement[]): Properties {
  const elements = (name: string) => descriptions.flatMap((d) => childrenNamed(d, name));
  const attributes = (name: string) => descriptions.flatMap((d) => d.attributes[name] ?? []);
  return {
    items: (name) => [...attributes(name), ...elements(name).flatMap((e) => itemsOf(e))],
    languageAlternative(name) {
      const items = elements(name).flatMap(listItems);
      const preferred = items.find((li) => li.attributes['lang']?.toLowerCase() === 'x-default');
      return (preferred ?? items[0])?.text ?? attributes(name)[0] ?? elements(name)[0]?.text;
    },
  };
}

const CONTAINERS = new Set(['Seq', 'Bag', 'Alt']);

/** The rdf:li items of a property's container, if it has one. */
function listItems(property: XmlElement): XmlElement[] {
  const container = property.children.find((child) => CONTAINERS.has(child.name));
  return container ? childrenNamed(container, 'li') : [];
}

function itemsOf(property: XmlElement): string[] {
  const items = listItems(property);
  return items.length > 0 ? items.map((li) => li.text) : [property.text];
}

/** dc:creator items are one person each, but some writers put "A; B" in one item. */
function people(items: string[]): Person[] {
  const all = items.flatMap((item) => toPeople(cleanText(item)));
  const seen = new Set<string>();
  return all.filter((person) => {
    const key = person.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Drops undefined values and empty lists. */
function compact(metadata: BookMetadata): BookMetadata {
  const entries = Object.entries(metadata).filter(
    ([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0),
  );
  return Object.fromEntries(entries) as BookMetadata;
}
