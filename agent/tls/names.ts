import { hostname, networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { isIP } from 'node:net';

/** The names a server certificate must cover: host names (DNS) and addresses (IP). */
export interface ServerNames {
  dns: string[];
  ip: string[];
}

const LOOPBACK_NAMES = ['localhost'];
const LOOPBACK_IPS = ['127.0.0.1', '::1'];

/** A host name as a certificate holds it: lower case, no trailing dot. */
const normal = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

/** Whether text can be a DNS name in a certificate (labels of letters, digits and hyphens). */
export function isHostName(name: string): boolean {
  const n = normal(name);
  return (
    n.length > 0 &&
    n.length <= 253 &&
    n.split('.').every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label))
  );
}

/**
 * The names this machine is reached by on a home network: its host name,
 * `<host>.local` (mDNS), its current addresses, loopback, and any extra
 * names the user gives (`--name nas.example.lan`). Sorted, so two lists of
 * the same names compare equal.
 */
export function serverNames(
  extra: readonly string[] = [],
  host: string = hostname(),
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): ServerNames {
  const dns = new Set(LOOPBACK_NAMES);
  const ip = new Set(LOOPBACK_IPS);
  const short = normal(host).split('.')[0] ?? '';
  if (isHostName(host)) dns.add(normal(host));
  if (isHostName(short)) {
    dns.add(short);
    dns.add(`${short}.local`);
  }
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      // Link-local IPv6 addresses carry a zone (fe80::1%eth0) a certificate cannot name.
      if (info.family === 'IPv6' && info.address.toLowerCase().startsWith('fe80')) continue;
      ip.add(info.address);
    }
  }
  for (const name of extra) {
    if (isIP(name)) ip.add(name);
    else if (isHostName(name)) dns.add(normal(name));
    else throw new Error(`"${name}" is neither a host name nor an IP address.`);
  }
  return { dns: [...dns].sort(), ip: [...ip].sort() };
}

/** The short host name the agent announces itself by ("Colophon on HOST"). */
export function shortHostName(host: string = hostname()): string {
  return normal(host).split('.')[0] || 'colophon';
}
