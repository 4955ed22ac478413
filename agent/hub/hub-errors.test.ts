import { describe, expect, it } from 'vitest';
import { readHubAddress } from '#core/hub/hub-address';
import { hubErrorSentence } from './hub-errors';

const hub = readHubAddress('https://colophon:longsecret99@couch.example:6984');

describe('a hub failure, said to an admin', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'a wrong password',
      { status: 401, name: 'unauthorized' },
      /refused the user name or password \(401\)/,
    ],
    [
      'no access',
      { status: 403, name: 'forbidden' },
      /does not let "colophon" use colophon-catalog \(403\)/,
    ],
    ['a missing database', { status: 404 }, /is gone from the hub.*makes it again/],
    [
      'a hub away',
      { name: 'FetchError', code: 'ECONNREFUSED', message: 'x' },
      /cannot be reached \(ECONNREFUSED\)/,
    ],
    ['an unknown name', { code: 'ENOTFOUND', message: 'x' }, /is not found \(ENOTFOUND\)/],
    [
      'an untrusted certificate',
      { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      /not trusted.*NODE_EXTRA_CA_CERTS/,
    ],
    [
      'anything else',
      { status: 500, reason: 'boom longsecret99' },
      /answered with an error \(500\): boom ••••/,
    ],
  ];
  for (const [what, error, sentence] of cases) {
    it(`says ${what}, naming the hub without its password`, () => {
      const said = hubErrorSentence(error, hub, 'colophon-catalog');
      expect(said).toMatch(sentence);
      expect(said).toContain('https://colophon@couch.example:6984/');
      expect(said).not.toContain('longsecret99');
    });
  }
});
