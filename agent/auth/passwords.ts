import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
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
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(new Uint8Array(key)),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = new Uint8Array(randomBytes(16));
  const key = await derive(password, salt, PARAMS);
  const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, text(salt), text(key)].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = new Uint8Array(Buffer.from(hash, 'base64url'));
  const saltBytes = new Uint8Array(Buffer.from(salt, 'base64url'));
  const key = await derive(password, saltBytes, { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

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
