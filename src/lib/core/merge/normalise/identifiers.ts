import type { Identifier, IdentifierScheme } from '../../metadata/types';
import { toIsbn13 } from '../../metadata/isbn';

/** Schemes in the order merged identifiers are listed. */
export const IDENTIFIER_SCHEMES: readonly IdentifierScheme[] = [
  'isbn',
  'issn',
  'gtin',
  'asin',
  'doi',
  'comicvine',
  'uuid',
  'uri',
  'other',
];

/**
 * An identifier's value in one canonical spelling, so that two sources
 * writing it differently agree: ISBNs as ISBN-13 digits, ASINs upper case,
 * DOIs and UUIDs bare and lower case. Undefined when it is no valid value of
 * its scheme (an ISBN with a wrong check digit).
 */
export function identifierValue(identifier: Identifier): string | undefined {
  const value = identifier.value.trim();
  let out: string | undefined;
  switch (identifier.scheme) {
    case 'isbn':
      out = toIsbn13(value);
      break;
    case 'asin':
      out = value.toUpperCase();
      break;
    case 'issn':
    case 'gtin':
      out = value.replace(/[\s-]/g, '').toUpperCase();
      break;
    case 'doi':
      out = value.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:)/i, '').toLowerCase();
      break;
    case 'uuid':
      out = value.replace(/^urn:uuid:/i, '').toLowerCase();
      break;
    default:
      out = value;
  }
  return out === '' ? undefined : out;
}
