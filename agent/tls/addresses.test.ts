import { describe, expect, it } from 'vitest';
import { appAddresses } from './addresses';

const names = {
  dns: ['localhost', 'nas', 'nas.example.lan', 'nas.local'],
  ip: ['127.0.0.1', '192.168.1.20', '::1', 'fd00::20'],
};

describe('the addresses another device can open', () => {
  it('lists the names given first, then HOST.local, the host name and addresses, never loopback', () => {
    expect(appAddresses(names, 4747, '0.0.0.0', ['nas.example.lan'])).toEqual([
      'https://nas.example.lan:4747/',
      'https://nas.local:4747/',
      'https://nas:4747/',
      'https://192.168.1.20:4747/',
      'https://[fd00::20]:4747/',
    ]);
  });

  it('names only the address the agent is bound to', () => {
    expect(appAddresses(names, 443, '192.168.1.20', [])).toEqual([
      'https://nas.local/',
      'https://nas/',
      'https://nas.example.lan/',
      'https://192.168.1.20/',
    ]);
  });

  it('on loopback, lists the names given (a proxy in front), never loopback to another device', () => {
    expect(appAddresses(names, 4747, '127.0.0.1', ['nas.example.lan'])).toEqual([
      'https://nas.example.lan:4747/',
    ]);
  });

  it('on loopback with no name given, lists only loopback (this computer alone)', () => {
    expect(appAddresses(names, 4747, '127.0.0.1', [])).toEqual([
      'https://localhost:4747/',
      'https://127.0.0.1:4747/',
      'https://[::1]:4747/',
    ]);
  });
});
