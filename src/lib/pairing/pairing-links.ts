import type { PairingInfo } from '#core/api/pairing';

/**
 * The address a new device opens first. With the local CA it is the plain
 * http:// one: a device that does not trust the CA yet cannot see any page
 * at https:// (the browser stops at its warning), while http:// on the same
 * port answers with the CA download, the steps, and the https:// link.
 * With the user's own (already trusted) certificate, the https:// address.
 */
export function firstAddress(info: PairingInfo, address: string): string {
  return info.caName ? address.replace(/^https:/, 'http:') : address;
}
