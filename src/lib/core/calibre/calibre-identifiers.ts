import { toIsbn13 } from '../metadata/isbn';
import type { Identifier } from '../metadata/types';

/** Calibre's identifier types that are one of ours; the rest keep their name as "type:value". */
const SCHEMES: Readonly<Record<string, Identifier['scheme']>> = {
  isbn: 'isbn',
  asin: 'asin',
  amazon: 'asin',
  'mobi-asin': 'asin',
  doi: 'doi',
  issn: 'issn',
  uri: 'uri',
  url: 'uri',
  uuid: 'uuid',
};

/**
 * One row of Calibre's identifiers table as an identifier. Amazon's stores
 * ("amazon_de", "amazon_co_uk") are ASINs too; Goodreads, Google and the like
 * have no scheme of ours and stay "other", named ("goodreads:2767052"). So
 * does an ISBN whose check digit is wrong ("isbn:9780000000001"): it is the
 * user's and stays visible, but it is no ISBN to vote with or look up by.
 */
export function calibreIdentifier(type: string, value: string): Identifier | undefined {
  const name = type.trim().toLowerCase();
  const text = value.trim();
  if (!name || !text) return undefined;
  const scheme = SCHEMES[name] ?? (name.startsWith('amazon_') ? 'asin' : undefined);
  const valid = scheme !== 'isbn' || toIsbn13(text) !== undefined;
  return scheme && valid ? { scheme, value: text } : { scheme: 'other', value: `${name}:${text}` };
}
