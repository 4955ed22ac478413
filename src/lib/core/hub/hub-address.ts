/**
 * A CouchDB hub's address as an admin gives it (`https://user:pass@couch:5984`),
 * split so the password is kept apart: the agent sends it as a header and
 * never shows or logs it; everything said about the hub uses `shown`.
 */
export interface HubAddress {
  /** The server's address without credentials, ending in `/`. */
  base: string;
  user: string;
  password: string;
}

/** Why a text is not a hub address, or undefined when it is one (or empty: no hub). */
export function hubAddressProblem(text: string): string | undefined {
  if (text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'The hub address must be a full address, e.g. https://user:password@couch.example:6984.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `The hub address must start with https:// (or http://), not ${url.protocol}//.`;
  if (url.search || url.hash) return 'The hub address is the server alone: no ?query or #fragment.';
  if (url.pathname !== '/' && url.pathname !== '')
    return 'The hub address is the server alone (Colophon names its databases), e.g. https://couch.example:6984.';
  return undefined;
}

/** The parts of a valid, non-empty hub address. */
export function readHubAddress(text: string): HubAddress {
  const url = new URL(text);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return { base: url.href, user, password };
}

/** The address as written back into the setting, credentials included. */
export function hubAddressText(address: HubAddress): string {
  const url = new URL(address.base);
  url.username = encodeURIComponent(address.user);
  url.password = encodeURIComponent(address.password);
  return url.href;
}

/** The address as it may be shown or logged: the user name, never the password. */
export function shownHubAddress(address: HubAddress): string {
  if (!address.user) return address.base;
  const url = new URL(address.base);
  url.username = encodeURIComponent(address.user);
  return url.href;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A warning for an address that would send the hub's password in the clear
 * (plain http:// to another machine), or undefined. Said, not refused: a hub
 * on a network that is the user's alone may be plain http.
 */
export function hubAddressCaution(address: HubAddress): string | undefined {
  const url = new URL(address.base);
  if (!address.password || url.protocol !== 'http:' || LOOPBACK.has(url.hostname)) return undefined;
  return `The hub's password travels unencrypted over http:// to ${url.hostname}: anyone on the network between can read it. Use https:// (CouchDB serves it on port 6984) unless that network is yours alone.`;
}
