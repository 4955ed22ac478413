import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CoverSize } from '#core/images/cover-sizes';

/** SHA-256 of an original cover image: the name its thumbnails are stored under. */
export function coverHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * Thumbnails on disk under `<data>/covers/ab/<hash>-<size>.webp`, named by
 * the hash of the original image: the same cover in two books is stored once,
 * and a name never points at different bytes.
 */
export class CoverStore {
  readonly dir: string;

  /** `dir` is `<data>/covers`. */
  constructor(dir: string) {
    this.dir = dir;
  }

  /** The file for a hash and size; undefined for anything that is not a well-formed hash. */
  path(hash: string, size: CoverSize): string | undefined {
    if (!HASH.test(hash)) return undefined;
    return join(this.dir, hash.slice(0, 2), `${hash}-${size}.webp`);
  }

  has(hash: string, size: CoverSize): boolean {
    const path = this.path(hash, size);
    return path !== undefined && existsSync(path);
  }

  /** Writes atomically (temporary file, then rename), so a reader never sees half a thumbnail. */
  put(hash: string, size: CoverSize, bytes: Uint8Array): void {
    const path = this.path(hash, size);
    if (!path) throw new Error(`Not a cover hash: ${hash}`);
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  }
}
