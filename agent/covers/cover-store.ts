import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ORIGINAL_FORMATS, type OriginalFormat } from '#core/images/cover-quality';
import type { CoverSize } from '#core/images/cover-sizes';

/** SHA-256 of an original cover image: the name its thumbnails are stored under. */
export function coverHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const HASH = /^[0-9a-f]{64}$/;

const EXTENSIONS: Record<OriginalFormat, string> = { jpeg: 'jpg', png: 'png' };

/**
 * Covers on disk, named by the hash of the image as it was found: the
 * original as `<data>/covers/ab/<hash>-original.jpg` (or `.png`), its
 * thumbnails as `<hash>-<size>.webp`. The same cover in two books is stored
 * once, and a name never points at different bytes. Covers made before
 * originals were kept have thumbnails only.
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

  /** The original's file for a hash and format; undefined for anything that is not a hash. */
  originalPath(hash: string, format: OriginalFormat): string | undefined {
    if (!HASH.test(hash)) return undefined;
    return join(this.dir, hash.slice(0, 2), `${hash}-original.${EXTENSIONS[format]}`);
  }

  /** The stored original of a hash, whichever format it was kept in. */
  findOriginal(hash: string): { path: string; format: OriginalFormat } | undefined {
    for (const format of ORIGINAL_FORMATS) {
      const path = this.originalPath(hash, format);
      if (path && existsSync(path)) return { path, format };
    }
    return undefined;
  }

  has(hash: string, size: CoverSize): boolean {
    const path = this.path(hash, size);
    return path !== undefined && existsSync(path);
  }

  /** Writes atomically (temporary file, then rename), so a reader never sees half a thumbnail. */
  put(hash: string, size: CoverSize, bytes: Uint8Array): void {
    this.write(this.path(hash, size), hash, bytes);
  }

  putOriginal(hash: string, format: OriginalFormat, bytes: Uint8Array): void {
    this.write(this.originalPath(hash, format), hash, bytes);
  }

  private write(path: string | undefined, hash: string, bytes: Uint8Array): void {
    if (!path) throw new Error(`Not a cover hash: ${hash}`);
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  }
}
