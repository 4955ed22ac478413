import { resolve } from 'node:path';

export const DEFAULT_PORT = 4747;
export const DEFAULT_HOST = '127.0.0.1';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Whether only this machine can reach an agent listening on `host`. */
export const isLoopback = (host: string): boolean => LOOPBACK.has(host);

/** `--data DIR`, else COLOPHON_DATA, else ./data (relative to where the command runs). */
export function resolveDataDir(flag: string | undefined): string {
  return resolve(flag ?? process.env.COLOPHON_DATA ?? 'data');
}
