import { isIP } from 'node:net';
import type { ServerNames } from './names';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const ANY = new Set(['0.0.0.0', '::']);

/** `https://name:port/`, with IPv6 addresses in brackets. */
export function httpsUrl(name: string, port: number): string {
  const host = isIP(name) === 6 ? `[${name}]` : name;
  return `https://${host}${port === 443 ? '' : `:${port}`}/`;
}

/**
 * The addresses another device can open, best first: the names the user
 * gave (always: the user says they reach this agent), then `<host>.local`,
 * the host name, IPv4 then IPv6 addresses. Loopback names only when the
 * agent listens on loopback alone and no name was given (then only this
 * machine can reach it).
 * Bound to one address, only that address and names.
 */
export function appAddresses(
  names: ServerNames,
  port: number,
  listenHost: string,
  given: readonly string[],
): string[] {
  const onlyLoopback = LOOPBACK.has(listenHost);
  const wanted = (name: string) => {
    if (given.includes(name)) return true;
    // On loopback with names given, something here forwards them: those are the addresses.
    if (onlyLoopback) return given.length === 0 && LOOPBACK.has(name);
    if (LOOPBACK.has(name)) return false;
    if (isIP(name) && !ANY.has(listenHost)) return name === listenHost;
    return true;
  };
  const rank = (name: string) =>
    given.includes(name)
      ? 0
      : name.endsWith('.local')
        ? 1
        : !isIP(name)
          ? 2
          : isIP(name) === 4
            ? 3
            : 4;
  const all = [...names.dns, ...names.ip].filter(wanted);
  return [...new Set(all)].sort((a, b) => rank(a) - rank(b)).map((name) => httpsUrl(name, port));
}
