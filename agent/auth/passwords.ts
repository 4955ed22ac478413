import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { weakPasswordReason } from './password-strength';

/** scrypt (memory-hard): 2^15 iterations × 8 × 128 bytes = 32 MiB per hash, ~100 ms here. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

// Plain Uint8Arrays: @types/node's Buffer does not satisfy TypeScript 6's typed-array types.
function derive(
  password: string,
  salt: Uint8Array,
  params: { N: number; r: number; p: number },
): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options(params), (error, key) =>
      error ? reject(error) : resolve(new Uint8Array(key)),
    ),
  );
}

const options = (params: { N: number; r: number; p: number }): ScryptOptions => ({
  ...params,
  maxmem: 128 * params.N * params.r * 2,
});

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = new Uint8Array(randomBytes(16));
  return encoded(salt, await derive(password, salt, PARAMS), PARAMS);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = parseStored(stored);
  if (!parts) return false;
  return same(await derive(password, parts.salt, parts.params), parts.hash);
}

/**
 * Cheaper parameters for secrets the agent made itself (app passwords: 100
 * random bits). Guessing those from a stolen hash is hopeless at any cost; a
 * cheap hash keeps checking a device's password quick enough to do on the
 * request's own thread (N = 2^12: about 10 ms here).
 */
export const RANDOM_SECRET_PARAMS = { N: 2 ** 12, r: 8, p: 1 } as const;

/** The same hash format, computed on the calling thread (for stores that answer synchronously). */
export function hashPasswordSync(
  password: string,
  params: { N: number; r: number; p: number } = PARAMS,
): string {
  const salt = new Uint8Array(randomBytes(16));
  return encoded(salt, deriveSync(password, salt, params), params);
}

export function verifyPasswordSync(password: string, stored: string): boolean {
  const parts = parseStored(stored);
  return !!parts && same(deriveSync(password, parts.salt, parts.params), parts.hash);
}

function deriveSync(
  password: string,
  salt: Uint8Array,
  params: { N: number; r: number; p: number },
): Uint8Array {
  return new Uint8Array(scryptSync(password.normalize('NFKC'), salt, KEY_BYTES, options(params)));
}

const toText = (data: Uint8Array) => Buffer.from(data).toString('base64url');
const fromText = (data: string) => new Uint8Array(Buffer.from(data, 'base64url'));

function encoded(
  salt: Uint8Array,
  key: Uint8Array,
  params: { N: number; r: number; p: number },
): string {
  return ['scrypt', params.N, params.r, params.p, toText(salt), toText(key)].join('$');
}

function parseStored(stored: string) {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return undefined;
  return {
    params: { N: Number(n), r: Number(r), p: Number(p) },
    salt: fromText(salt),
    hash: fromText(hash),
  };
}

const same = (key: Uint8Array, expected: Uint8Array) =>
  key.length === expected.length && timingSafeEqual(key, expected);

/**
 * What is wrong with a password for this user, in words that say what to
 * change: too short, too long, or too easy to guess (zxcvbn, which also
 * knows the user's name).
 */
export async function passwordProblem(
  password: string,
  userName: string,
): Promise<string | undefined> {
  if (password.length < 10) return 'The password must be at least 10 characters long.';
  if (password.length > 512) return 'The password must be at most 512 characters long.';
  return weakPasswordReason(password, userName);
}

/** A random password for accounts made from the command line without one. */
export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
