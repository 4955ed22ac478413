import { describe, expect, it } from 'vitest';
import { firstAddress } from './pairing-links';

describe('the address a new device opens first', () => {
  it('is plain http:// on the same port while the device must still trust the local CA', () => {
    const info = {
      addresses: [],
      caName: 'Colophon local CA (nas)',
      localOnly: false,
      announce: true,
    };
    expect(firstAddress(info, 'https://nas.local:4747/')).toBe('http://nas.local:4747/');
  });

  it('is the https:// address itself with the user’s own certificate', () => {
    const info = { addresses: [], localOnly: false, announce: true };
    expect(firstAddress(info, 'https://library.example.org/')).toBe('https://library.example.org/');
  });
});
