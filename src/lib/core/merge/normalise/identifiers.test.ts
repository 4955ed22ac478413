import { describe, expect, it } from 'vitest';
import type { IdentifierScheme } from '../../metadata/types';
import { identifierValue } from './identifiers';

describe('identifierValue', () => {
  const cases: [IdentifierScheme, string, string | undefined][] = [
    ['isbn', '0-261-10334-2', '9780261103344'],
    ['isbn', '0261103343', undefined],
    ['asin', ' b000fc1pjm ', 'B000FC1PJM'],
    ['doi', 'https://doi.org/10.1000/XYZ', '10.1000/xyz'],
    ['doi', 'doi:10.1000/XYZ', '10.1000/xyz'],
    ['uuid', 'urn:uuid:ABC-DEF', 'abc-def'],
    ['issn', '0317-8471', '03178471'],
    ['other', '  calibre:42 ', 'calibre:42'],
    ['uri', '   ', undefined],
  ];
  it.each(cases)('%s %s → %s', (scheme, value, out) =>
    expect(identifierValue({ scheme, value })).toBe(out),
  );
});
