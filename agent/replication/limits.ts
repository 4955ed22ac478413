import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CouchError } from './couch-error';

/** What a client may store through /db. */
export interface StorageLimits {
  /** Largest document a client may write, attachments (inline, base64) included. */
  documentBytes: number;
  /** Largest database a user may have, measured on disk. */
  userDatabaseBytes: number;
}

export const DEFAULT_STORAGE_LIMITS: StorageLimits = {
  documentBytes: 1024 * 1024,
  userDatabaseBytes: 64 * 1024 * 1024,
};

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}

/** Refuses a document over the size cap (413, with both sizes). */
export function checkDocumentSize(doc: unknown, limits: StorageLimits): void {
  const bytes = Buffer.byteLength(JSON.stringify(doc));
  if (bytes > limits.documentBytes) {
    const id = (doc as { _id?: unknown })._id;
    throw new CouchError(
      413,
      'too_large',
      `A document may be at most ${describeBytes(limits.documentBytes)}; ${typeof id === 'string' ? `"${id}"` : 'this one'} is ${describeBytes(bytes)}.`,
    );
  }
}

/** Sums the sizes of the files in a folder (a LevelDB store is one flat folder). */
async function folderBytes(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const sizes = await Promise.all(
    names.map((name) =>
      stat(join(dir, name)).then(
        (s) => (s.isFile() ? s.size : 0),
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * Each user database's size on disk, checked before a write. Reading a
 * folder on every write of a replication burst would cost more than the
 * write, so a size is reused for a moment; a burst can overshoot the quota by
 * at most what it writes in that moment.
 */
export class UserDatabaseQuota {
  private readonly cache = new Map<string, { bytes: number; at: number }>();

  constructor(
    private readonly limits: StorageLimits,
    private readonly maxAgeMs = 2000,
  ) {}

  async check(dir: string, incomingBytes: number): Promise<void> {
    const now = Date.now();
    let entry = this.cache.get(dir);
    if (!entry || now - entry.at >= this.maxAgeMs) {
      entry = { bytes: await folderBytes(dir), at: now };
      this.cache.set(dir, entry);
    }
    if (entry.bytes + incomingBytes > this.limits.userDatabaseBytes)
      throw new CouchError(
        413,
        'too_large',
        `Your database is full: it holds ${describeBytes(entry.bytes)} of the ${describeBytes(this.limits.userDatabaseBytes)} each user may keep. Clear your recent searches (Books, the search box), or ask an admin.`,
      );
    entry.bytes += incomingBytes;
  }
}
