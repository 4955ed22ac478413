import { describe, expect, it } from 'vitest';
import {
  hubAddressCaution,
  hubAddressProblem,
  hubAddressText,
  readHubAddress,
  shownHubAddress,
} from './hub-address';

describe('a hub address', () => {
  const cases: [string, RegExp | undefined][] = [
    ['', undefined],
    ['https://couch.example:6984', undefined],
    ['http://admin:s3cret@127.0.0.1:5984/', undefined],
    ['couch.example:5984', /must start with https|full address/],
    ['ftp://couch.example', /must start with https:\/\//],
    ['https://couch.example/colophon-catalog', /server alone/],
    ['https://couch.example/?x=1', /no \?query/],
    ['not an address', /full address/],
  ];
  for (const [text, problem] of cases) {
    it(`${JSON.stringify(text)} is ${problem ? 'refused' : 'taken'}`, () => {
      const found = hubAddressProblem(text);
      if (problem) expect(found).toMatch(problem);
      else expect(found).toBeUndefined();
    });
  }

  it('keeps the password apart, and shows the address without it', () => {
    const address = readHubAddress('https://col%40phon:p%40ss%3Aw0rd@couch.example:6984');
    expect(address).toEqual({
      base: 'https://couch.example:6984/',
      user: 'col@phon',
      password: 'p@ss:w0rd',
    });
    expect(shownHubAddress(address)).toBe('https://col%40phon@couch.example:6984/');
    expect(shownHubAddress(address)).not.toContain('w0rd');
    expect(readHubAddress(hubAddressText(address))).toEqual(address);
  });

  it('warns when the password would cross a network in the clear', () => {
    const caution = (text: string) => hubAddressCaution(readHubAddress(text));
    expect(caution('http://admin:s3cret@couch.lan:5984')).toMatch(
      /unencrypted over http:\/\/ to couch\.lan.*https:\/\//,
    );
    expect(caution('https://admin:s3cret@couch.lan:6984')).toBeUndefined();
    expect(caution('http://admin:s3cret@127.0.0.1:5984')).toBeUndefined();
    expect(caution('http://couch.lan:5984')).toBeUndefined();
  });
});
