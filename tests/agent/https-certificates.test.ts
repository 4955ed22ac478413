import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_LIFETIME_DAYS } from '../../agent/tls/certificates';
import { ensureLocalTls, RENEW_BEFORE_DAYS } from '../../agent/tls/local-ca';
import { serverNames } from '../../agent/tls/names';
import { tempDir } from '../support/temp';

const DAY = 86_400_000;
const interfaces = {
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
  eth0: [
    { address: '192.168.1.20', family: 'IPv4', internal: false },
    { address: 'fe80::1', family: 'IPv6', internal: false },
    { address: 'fd00::20', family: 'IPv6', internal: false },
  ],
} as unknown as Parameters<typeof serverNames>[2];

/** The names a certificate covers, as Node's own X.509 parser reads them. */
function altNames(pem: string): string[] {
  return (new X509Certificate(pem).subjectAltName ?? '').split(', ').sort();
}

describe('the names a server certificate covers', () => {
  it('are the host name, HOST.local, loopback, the addresses and the names given', () => {
    const names = serverNames(['nas.example.lan', '10.0.0.5'], 'Bookshelf.home', interfaces);
    expect(names.dns).toEqual([
      'bookshelf',
      'bookshelf.home',
      'bookshelf.local',
      'localhost',
      'nas.example.lan',
    ]);
    // A link-local address (fe80::) carries a zone no certificate can name.
    expect(names.ip).toEqual(['10.0.0.5', '127.0.0.1', '192.168.1.20', '::1', 'fd00::20']);
  });

  it('refuses a name that is neither a host name nor an address', () => {
    expect(() => serverNames(['not a name'], 'nas', interfaces)).toThrow(/neither a host name/);
  });
});

describe('the local CA and its server certificate', () => {
  const data = tempDir('https-certs');
  afterAll(() => data.remove());
  const names = serverNames(['colophon-nas.test'], 'nas', interfaces);
  const now = new Date('2026-12-01T12:00:00Z');

  it('are made on first use, keys readable by the owner only', () => {
    const tls = ensureLocalTls(data.path, names, 'nas', now);
    expect(tls.change).toEqual({ kind: 'issued', reason: 'a new local CA was made' });
    for (const key of ['ca.key', 'server.key'])
      expect(statSync(join(tls.dir, key)).mode & 0o777, key).toBe(0o600);
    expect(statSync(tls.dir).mode & 0o777).toBe(0o700);

    const ca = new X509Certificate(tls.caCertPem);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('CN=Colophon local CA (nas)');

    const server = new X509Certificate(tls.server.certPem);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(altNames(tls.server.certPem)).toEqual(
      [
        'DNS:colophon-nas.test',
        'DNS:localhost',
        'DNS:nas',
        'DNS:nas.local',
        'IP Address:127.0.0.1',
        'IP Address:192.168.1.20',
        'IP Address:0:0:0:0:0:0:0:1',
        'IP Address:FD00:0:0:0:0:0:0:20',
      ].sort(),
    );
    expect(server.checkHost('colophon-nas.test')).toBe('colophon-nas.test');
    expect(server.checkIP('192.168.1.20')).toBe('192.168.1.20');
    expect(server.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth
  });

  it('is valid from now for about a year (Apple refuses more than 825 days)', () => {
    const tls = ensureLocalTls(data.path, names, 'nas', now);
    const server = new X509Certificate(tls.server.certPem);
    const from = new Date(server.validFrom).getTime();
    const to = new Date(server.validTo).getTime();
    expect(from).toBeLessThanOrEqual(now.getTime());
    expect(to).toBe(now.getTime() + SERVER_LIFETIME_DAYS * DAY);
    expect(to - from).toBeLessThan(825 * DAY);
  });

  it('is kept while its names hold and its end is far', () => {
    const before = readFileSync(join(data.path, 'tls/server.crt'), 'utf8');
    const later = new Date(now.getTime() + 100 * DAY);
    const tls = ensureLocalTls(data.path, names, 'nas', later);
    expect(tls.change).toEqual({ kind: 'kept' });
    expect(tls.server.certPem).toBe(before);
  });

  it('is renewed a month before it ends, by the same CA', () => {
    const ca = readFileSync(join(data.path, 'tls/ca.crt'), 'utf8');
    const late = new Date(now.getTime() + (SERVER_LIFETIME_DAYS - RENEW_BEFORE_DAYS + 1) * DAY);
    const tls = ensureLocalTls(data.path, names, 'nas', late);
    expect(tls.change.kind).toBe('renewed');
    expect(tls.change).toMatchObject({ reason: 'it expires on 2028-01-02' });
    expect(tls.caCertPem).toBe(ca);
    const server = new X509Certificate(tls.server.certPem);
    expect(new Date(server.validTo).getTime()).toBe(late.getTime() + SERVER_LIFETIME_DAYS * DAY);
  });

  it('is renewed when the machine’s addresses change', () => {
    const moved = serverNames(['colophon-nas.test'], 'nas', {
      eth0: [{ address: '192.168.7.9', family: 'IPv4', internal: false }],
    } as unknown as Parameters<typeof serverNames>[2]);
    const tls = ensureLocalTls(data.path, moved, 'nas', now);
    expect(tls.change).toEqual({
      kind: 'renewed',
      reason: 'the machine’s names or addresses changed',
    });
    const server = new X509Certificate(tls.server.certPem);
    expect(server.checkIP('192.168.7.9')).toBe('192.168.7.9');
    expect(server.checkIP('192.168.1.20')).toBeUndefined();
  });

  it('is reissued when the stored one is not the CA’s (a replaced file)', () => {
    writeFileSync(join(data.path, 'tls/server.crt'), 'not a certificate');
    const tls = ensureLocalTls(data.path, names, 'nas', now);
    expect(tls.change).toEqual({
      kind: 'renewed',
      reason: 'the stored certificate could not be read',
    });
  });
});
