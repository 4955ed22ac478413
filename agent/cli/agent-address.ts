import { getSetting, setSetting } from '../db/settings';
import type { Db } from '../db/sqlite';

/** Where the running agent listens, as this machine reaches it (kept in the data dir's database). */
const KEY = 'agent_address';

/** The address a command on this machine reaches an agent listening on `host` at. */
export function localAddress(scheme: 'http' | 'https', host: string, port: number): string {
  const reach =
    host === '0.0.0.0' || host === ''
      ? '127.0.0.1'
      : host === '::'
        ? '[::1]'
        : host.includes(':')
          ? `[${host}]`
          : host;
  return `${scheme}://${reach}:${port}`;
}

/** Called by `serve` once it listens: commands such as `backup` then ask it rather than the files. */
export function recordAgentAddress(
  db: Db,
  scheme: 'http' | 'https',
  host: string,
  port: number,
): void {
  setSetting(db, KEY, localAddress(scheme, host, port));
}

export function agentAddress(db: Db): string | undefined {
  return getSetting(db, KEY);
}
