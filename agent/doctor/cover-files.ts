import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/sqlite';

/** A file of the cover store: `<covers>/ab/<hash>-<size>.webp`, or a temporary file left by a crash. */
export interface CoverFile {
  path: string;
  /** The hash it is named by; undefined for a leftover temporary file. */
  hash?: string;
  bytes: number;
  mtimeMs: number;
}

const THUMBNAIL = /^([0-9a-f]{64})-[a-z]+\.webp$/;
const TEMPORARY = /\.webp\.\d+\.tmp$/;

/** Every thumbnail (and leftover temporary file) in the cover store. */
export async function coverFiles(dir: string): Promise<CoverFile[]> {
  const out: CoverFile[] = [];
  const shards = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const shard of shards) {
    if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
    for (const name of await readdir(join(dir, shard.name))) {
      const hash = THUMBNAIL.exec(name)?.[1];
      if (!hash && !TEMPORARY.test(name)) continue;
      const path = join(dir, shard.name, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile()) out.push({ path, hash, bytes: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return out;
}

/**
 * Hashes something still names: a file's embedded cover (file index), and
 * every cover the operation log mentions — an earlier upload replaced by a
 * newer one is kept so it can be brought back.
 */
export function loggedCoverHashes(db: Db): Set<string> {
  const hashes = new Set<string>();
  for (const { cover_made } of db
    .prepare<[], { cover_made: string }>(
      'SELECT cover_made FROM files WHERE cover_made IS NOT NULL',
    )
    .all()) {
    const hash = (JSON.parse(cover_made) as { hash?: unknown }).hash;
    if (typeof hash === 'string') hashes.add(hash);
  }
  for (const { details } of db
    .prepare<[], { details: string }>(
      "SELECT details FROM operation_log WHERE details IS NOT NULL AND details LIKE '%hash%'",
    )
    .all())
    for (const match of details.matchAll(/"hash":"([0-9a-f]{64})"/g))
      hashes.add(match[1] as string);
  return hashes;
}
