import { isDeepStrictEqual } from 'node:util';
import { schemaDoc } from '#core/schema/version';

type Doc = { _id: string; _rev?: string } & Record<string, unknown>;

/**
 * Writes catalog facts into the agent's PouchDB, from where they replicate.
 * Writes are upserts that skip documents whose content did not change, so a
 * rescan of an unchanged library produces no replication traffic.
 */
export class CatalogStore {
  constructor(
    readonly db: PouchDB.Database,
    readonly library: string,
  ) {}

  async ensureSchema(): Promise<void> {
    await this.upsert([schemaDoc(this.library)]);
  }

  async upsert(docs: readonly Doc[]): Promise<number> {
    if (docs.length === 0) return 0;
    const existing = await this.db.allDocs({ keys: docs.map((d) => d._id), include_docs: true });
    const byId = new Map<string, Doc>();
    for (const row of existing.rows) {
      if ('doc' in row && row.doc) byId.set(row.id, row.doc as unknown as Doc);
    }
    const changed: Doc[] = [];
    for (const input of docs) {
      // As stored: undefined-valued keys vanish in JSON, so compare without them.
      const doc = JSON.parse(JSON.stringify(input)) as Doc;
      const old = byId.get(doc._id);
      if (old) {
        const { _rev, ...oldContent } = old;
        const { _rev: _ignored, ...newContent } = doc;
        if (isDeepStrictEqual(oldContent, newContent)) continue;
        changed.push({ ...newContent, _id: doc._id, _rev });
      } else {
        const { _rev: _ignored, ...newContent } = doc;
        changed.push({ ...newContent, _id: doc._id });
      }
    }
    if (changed.length === 0) return 0;
    const results = await this.db.bulkDocs(changed);
    const failed = results.filter((r) => 'error' in r && r.error);
    if (failed.length > 0) {
      throw new Error(
        `Could not write ${failed.length} catalog document(s): ${JSON.stringify(failed[0])}`,
      );
    }
    return changed.length;
  }

  async get(id: string): Promise<Doc | undefined> {
    try {
      return (await this.db.get(id)) as unknown as Doc;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }
}
