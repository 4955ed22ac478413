import { randomInt } from 'node:crypto';
import type { Db } from '../db/sqlite';
import { getSetting, setSetting } from '../db/settings';

const KEY = 'setup_code';
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Until the first admin exists, creating it needs this code, printed by the
 * agent in its terminal: someone else on the network cannot claim a fresh
 * agent first.
 */
export function setupCode(db: Db): string {
  let code = getSetting(db, KEY);
  if (!code) {
    const pick = () =>
      Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    code = `${pick()}-${pick()}`;
    setSetting(db, KEY, code);
  }
  return code;
}

export function checkSetupCode(db: Db, given: string): boolean {
  const code = getSetting(db, KEY);
  return !!code && given.trim().toUpperCase() === code;
}

export function clearSetupCode(db: Db): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(KEY);
}
