import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** A path from a request that may not be used: it leaves its root, or is malformed. */
export class UnsafePathError extends Error {
  override name = 'UnsafePathError';
}

/**
 * Resolves a relative path from a request inside a library root, following
 * symbolic links, and refuses anything that ends up outside it: `..` in any
 * spelling (decoded before this is called), absolute paths, NUL bytes, and
 * links that point out of the root.
 */
export async function resolveInsideRoot(root: string, requested: string): Promise<string> {
  if (requested.includes('\0')) throw new UnsafePathError('The path contains a NUL byte.');
  if (isAbsolute(requested) || /^[a-zA-Z]:/.test(requested) || requested.startsWith('\\')) {
    throw new UnsafePathError('Only paths inside a library folder can be used.');
  }
  if (requested.split(/[\\/]/).includes('..'))
    throw new UnsafePathError('The path may not contain "..".');
  const realRoot = await realpath(root);
  let real: string;
  try {
    real = await realpath(resolve(realRoot, requested));
  } catch {
    throw new UnsafePathError('There is no such file in the library.');
  }
  const inside = relative(realRoot, real);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    throw new UnsafePathError('The path leads outside the library folder.');
  }
  return real;
}
