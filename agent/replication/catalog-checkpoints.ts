import type { Db } from '../db/sqlite';
import { CouchError } from './couch-error';
import { describeBytes } from './limits';

/** What one user may keep as catalog checkpoints: a checkpoint is ~1 KB, a browser keeps one. */
export interface CheckpointLimits {
  /** Largest checkpoint document, in bytes. */
  documentBytes: number;
  /** All of one user's checkpoints together, in bytes. */
  userBytes: number;
}

export const DEFAULT_CHECKPOINT_LIMITS: CheckpointLimits = {
  documentBytes: 64 * 1024,
  userBytes: 1024 * 1024,
};

interface Row {
  rev: number;
  body: string;
}

type LocalDoc = Record<string, unknown> & { _id: string; _rev: string };

/**
 * The catalog's `_local` documents (replication checkpoints), per user, in
 * SQLite. PouchDB clients write a checkpoint on the source of a replication;
 * keeping them out of the catalog's own store means no client ever writes
 * that store, and one user's checkpoints are neither seen nor overwritten by
 * another's. Revisions follow PouchDB's local documents: `0-N`.
 */
export class CatalogCheckpoints {
  constructor(
    private readonly db: Db,
    private readonly limits: CheckpointLimits = DEFAULT_CHECKPOINT_LIMITS,
  ) {}

  get(userId: string, id: string): LocalDoc {
    const row = this.row(userId, id);
    if (!row) throw new CouchError(404, 'not_found', 'missing');
    return { ...(JSON.parse(row.body) as Record<string, unknown>), _id: id, _rev: `0-${row.rev}` };
  }

  put(
    userId: string,
    id: string,
    doc: Record<string, unknown>,
  ): { ok: true; id: string; rev: string } {
    const { _id: _ignored, _rev: given, ...body } = doc;
    const text = JSON.stringify(body);
    const bytes = Buffer.byteLength(text);
    if (bytes > this.limits.documentBytes)
      throw tooLarge(
        `A checkpoint may be at most ${describeBytes(this.limits.documentBytes)}; this one is ${describeBytes(bytes)}.`,
      );
    return this.db.transaction(() => {
      const row = this.row(userId, id);
      if (row && given !== `0-${row.rev}`) throw conflict();
      const others = this.db
        .prepare<[string, string], { total: number | null }>(
          'SELECT SUM(bytes) AS total FROM catalog_checkpoints WHERE user_id = ? AND id <> ?',
        )
        .get(userId, id);
      if ((others?.total ?? 0) + bytes > this.limits.userBytes)
        throw tooLarge(
          `Your replication checkpoints on the catalog would exceed ${describeBytes(this.limits.userBytes)}. Sign out and in again on your other devices, or ask an admin.`,
        );
      const rev = (row?.rev ?? 0) + 1;
      this.db
        .prepare(
          `INSERT INTO catalog_checkpoints (user_id, id, rev, body, bytes, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (user_id, id) DO UPDATE SET rev = excluded.rev, body = excluded.body,
             bytes = excluded.bytes, updated_at = excluded.updated_at`,
        )
        .run(userId, id, rev, text, bytes, Date.now());
      return { ok: true as const, id, rev: `0-${rev}` };
    })();
  }

  remove(
    userId: string,
    id: string,
    rev: string | undefined,
  ): { ok: true; id: string; rev: string } {
    const row = this.row(userId, id);
    if (!row) throw new CouchError(404, 'not_found', 'missing');
    if (rev !== `0-${row.rev}`) throw conflict();
    this.db.prepare('DELETE FROM catalog_checkpoints WHERE user_id = ? AND id = ?').run(userId, id);
    return { ok: true, id, rev: '0-0' };
  }

  private row(userId: string, id: string): Row | undefined {
    return this.db
      .prepare<[string, string], Row>(
        'SELECT rev, body FROM catalog_checkpoints WHERE user_id = ? AND id = ?',
      )
      .get(userId, id);
  }
}

function tooLarge(message: string): CouchError {
  return new CouchError(413, 'too_large', message);
}

function conflict(): CouchError {
  return new CouchError(409, 'conflict', 'Document update conflict.');
}
