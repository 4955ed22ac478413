import { z } from 'zod';
import { route } from './route';

/** Where the CA certificate is downloaded (outside /api: a device fetches it before signing in). */
export const CA_CERT_PATH = '/ca.crt';

export const pairingInfoSchema = z.object({
  /** The app's HTTPS addresses on the network, best first (host name, `.local`, IP addresses). */
  addresses: z.array(z.string()),
  /** The local CA's name as systems list it; absent with the user's own certificate (`--cert`). */
  caName: z.string().optional(),
  /**
   * The agent listens on this computer only (loopback): another device reaches
   * it only through something here that forwards to it (a reverse proxy,
   * `tailscale serve`).
   */
  localOnly: z.boolean(),
  /** Whether the agent announces itself on the network (mDNS); only an admin changes it. */
  announce: z.boolean(),
});
export type PairingInfo = z.infer<typeof pairingInfoSchema>;

/** What "Add a device" shows: addresses, and the CA to trust. Any signed-in user. */
export const PAIRING = {
  info: route({ method: 'GET', path: '/api/pairing', response: pairingInfoSchema }),
};
