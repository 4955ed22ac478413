import { coverDoc } from '#core/schema/cover-doc';
import type { SearchDoc } from '#core/search/search-doc';
import { openContext } from '../agent/context';
import { OperationLog } from '../agent/oplog/operation-log';
import { SettingsStore } from '../agent/settings/settings-store';
import { progress } from './report';
import { syntheticBookDoc } from './synthetic-books';
import { syntheticCatalog } from './synthetic-catalog';

/** A cover document for a synthetic book that has one (no thumbnails behind it: links only). */
function syntheticCover(library: string, doc: SearchDoc, i: number) {
  return coverDoc({
    library,
    bookId: `bench${i}`,
    source: 'embedded',
    hash: (i.toString(16) + doc.id.replace(/\W/g, '')).padEnd(64, '0').slice(0, 64),
    original: { width: 1000, height: 1500 },
    small: { width: 160, height: 240 },
    medium: { width: 480, height: 720 },
  });
}

/**
 * Writes `count` synthetic books straight into a data dir's catalog (no files
 * to scan), with a cover document for those that have one when asked;
 * outside lookups are switched off, so nothing else writes to the catalog
 * while a bench measures. Returns the books as written.
 */
export async function seedAgent(
  dataDir: string,
  count: number,
  options: { covers?: boolean } = {},
): Promise<SearchDoc[]> {
  const ctx = await openContext(dataDir);
  try {
    new SettingsStore(ctx.db, new OperationLog(ctx.db)).set('sources', {
      openlibrary: false,
      googlebooks: false,
      comicvine: false,
    });
    const docs = syntheticCatalog(count);
    const started = Date.now();
    for (let i = 0; i < docs.length; i += 1000) {
      const batch = docs.slice(i, i + 1000);
      await ctx.catalog.upsert(
        batch.map((d, j) => syntheticBookDoc(d, ctx.library, 'bench', i + j)),
      );
      if (options.covers)
        await ctx.catalog.upsert(
          batch.flatMap((d, j) => (d.hasCover ? [syntheticCover(ctx.library, d, i + j)] : [])),
        );
      progress('seeding the agent', Math.min(count, i + 1000), count, started);
    }
    return docs;
  } finally {
    await ctx.close();
  }
}
