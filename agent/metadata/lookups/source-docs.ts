import { readSourceDoc, sourceDoc, sourceDocId } from '#core/schema/source-doc';
import {
  EXTERNAL_SOURCE_IDS,
  SOURCE_IDS,
  type ExternalSourceId,
  type SourceId,
} from '#core/merge/sources';
import { newSource, recordRequest, type DataSource } from '#core/merge/trust';
import type { CatalogStore } from '../../catalog/catalog-store';

/** Which outside sources the settings have switched on. */
export type SourceFlags = Record<ExternalSourceId, boolean>;

/** One request to one source for one book, for the source's counters. */
export interface SourceRequest {
  source: ExternalSourceId;
  failed: boolean;
}

export const isExternal = (id: SourceId): id is ExternalSourceId =>
  EXTERNAL_SOURCE_IDS.some((e) => e === id);

/**
 * The replicated source documents (`source:<lib>:<id>`), one per source.
 * Every merge, in the agent and in each browser, reads trust from them, so
 * they exist from the first lookup or edit on: a missing one starts from the
 * defaults, outside services on probation. `enabled` of an outside source
 * follows the settings' `sources` flags; the settings are what the wizard and
 * the lookup job read. Callers serialise writes (see Serial).
 */
export class SourceDocs {
  constructor(
    private readonly catalog: CatalogStore,
    private readonly flags: () => SourceFlags,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  private get library(): string {
    return this.catalog.library;
  }

  /** The stored sources, by id; those without a document are absent. */
  async read(): Promise<Map<SourceId, DataSource>> {
    const result = await this.catalog.db.allDocs({
      keys: SOURCE_IDS.map((id) => sourceDocId(this.library, id)),
      include_docs: true,
    });
    const found = new Map<SourceId, DataSource>();
    for (const row of result.rows) {
      const source = 'doc' in row ? readSourceDoc(row.doc) : undefined;
      if (source) found.set(source.id, source);
    }
    return found;
  }

  /** Every source, in SOURCE_IDS order: documents made where missing, `enabled` as the settings say. */
  async ensure(): Promise<DataSource[]> {
    const stored = await this.read();
    const flags = this.flags();
    const sources = SOURCE_IDS.map((id) => {
      const source = stored.get(id) ?? newSource(id, this.now());
      return isExternal(id) ? { ...source, enabled: flags[id] } : source;
    });
    await this.write(sources);
    return sources;
  }

  /** Writes sources; unchanged documents are skipped, so this costs nothing when nothing moved. */
  async write(sources: readonly DataSource[]): Promise<void> {
    await this.catalog.upsert(sources.map((s) => sourceDoc(this.library, s)));
  }

  /** Counts requests and failures: one write for a whole batch of lookups. */
  async record(requests: readonly SourceRequest[]): Promise<void> {
    if (requests.length === 0) return;
    let sources = await this.ensure();
    for (const { source, failed } of requests)
      sources = sources.map((s) => (s.id === source ? recordRequest(s, failed) : s));
    await this.write(sources);
  }
}
