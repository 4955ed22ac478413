import { isbnCheckDigitValid } from '../../metadata/isbn';
import type { Identifier } from '../../metadata/types';
import type { MetadataIndex } from './metadata-index';
import { clean } from '../../metadata/text-values';
import { safeDecode } from './values';

/** ONIX code list 5 values EPUB 3 uses in `identifier-type` refinements. */
const ONIX_IDENTIFIER_TYPES: Record<string, string> = {
  '02': 'isbn',
  '15': 'isbn',
  '06': 'doi',
  '22': 'urn',
  '01': 'proprietary',
};

export function readIdentifiers(meta: MetadataIndex): Identifier[] | undefined {
  const found: Identifier[] = [];
  for (const el of meta.dc('identifier')) {
    const value = clean(el.text);
    if (!value) continue;
    const refinement = meta.refined(el, 'identifier-type')[0];
    const scheme =
      clean(el.attributes['scheme']) ??
      (refinement?.scheme?.toLowerCase().startsWith('onix')
        ? ONIX_IDENTIFIER_TYPES[refinement.value]
        : refinement?.value);
    const id = classifyIdentifier(value, scheme);
    if (!found.some((f) => f.scheme === id.scheme && f.value === id.value)) found.push(id);
  }
  return found.length > 0 ? found : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOI = /^10\.\d{4,9}\/\S+$/;

/** Sorts an identifier into a scheme by prefix, declared scheme, then shape. */
export function classifyIdentifier(value: string, declaredScheme?: string): Identifier {
  const prefixed = /^(?:urn:)?([a-z][a-z0-9-]*):(.+)$/i.exec(value);
  const prefix = prefixed?.[1]?.toLowerCase();
  const rest = prefixed?.[2]?.trim() ?? '';
  if (/^https?:\/\//i.test(value)) {
    const doi = /^https?:\/\/(?:dx\.)?doi\.org\/(.+)$/i.exec(value)?.[1];
    return doi ? { scheme: 'doi', value: safeDecode(doi) ?? doi } : { scheme: 'uri', value };
  }
  switch (prefix) {
    case 'isbn':
      return isbn(rest, true) ?? { scheme: 'other', value };
    case 'uuid':
      return { scheme: 'uuid', value: rest.toLowerCase() };
    case 'doi':
      return { scheme: 'doi', value: rest };
    case 'issn':
      return { scheme: 'issn', value: rest };
    case 'asin':
    case 'mobi-asin':
    case 'amazon':
      return { scheme: 'asin', value: rest };
    case 'uri':
    case 'url':
      return { scheme: 'uri', value: rest };
    case 'calibre':
      return { scheme: 'other', value };
  }
  const scheme = declaredScheme?.trim().toLowerCase();
  switch (scheme) {
    case 'isbn':
      return isbn(value, true) ?? { scheme: 'other', value: `isbn:${value}` };
    case 'uuid':
      return { scheme: 'uuid', value: value.toLowerCase() };
    case 'doi':
    case 'issn':
      return { scheme, value };
    case 'asin':
    case 'mobi-asin':
    case 'amazon':
      return { scheme: 'asin', value };
    case 'uri':
    case 'url':
      return { scheme: 'uri', value };
  }
  if (UUID.test(value)) return { scheme: 'uuid', value: value.toLowerCase() };
  if (DOI.test(value)) return { scheme: 'doi', value };
  const shaped = isbn(value, false);
  if (shaped) return shaped;
  // Keep the scheme the file declared, so "GOOGLE" ids stay recognisable.
  const keep =
    scheme && !value.toLowerCase().startsWith(`${scheme}:`) ? `${scheme}:${value}` : value;
  return { scheme: 'other', value: keep };
}

/** Normalised ISBN digits; a value not declared as an ISBN must also pass its check digit. */
function isbn(value: string, declared: boolean): Identifier | undefined {
  const digits = value.replace(/[\s-]/g, '').toUpperCase();
  const shaped = /^\d{9}[\dX]$/.test(digits) || /^97[89]\d{10}$/.test(digits);
  const shapedIfDeclared = shaped || /^\d{13}$/.test(digits);
  if (!(declared ? shapedIfDeclared : shaped && isbnCheckDigitValid(digits))) return undefined;
  return { scheme: 'isbn', value: digits };
}
