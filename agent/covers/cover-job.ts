import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pMap from 'p-map';
import type { AgentContext } from '../context';
import { listFolders } from '../folders/folders';
import type { JobHandler } from '../jobs/runner';
import { coverDocFor, type CoverWithThumbnail } from './cover-docs';
import type { ReaderPool } from '../readers/reader-pool';
import { coverRefOf, FileIndex, type FileRow } from '../scan/file-index';
import { isDiskFull } from '../storage/disk-full';
import { CoverStore } from './cover-store';
import type { MadeCover } from './make-cover';

export const COVERS_JOB = 'covers';

/** What the file index keeps of a made cover (its original and thumbnails are in the store). */
type StoredCover = Omit<MadeCover, 'smallBase64'>;

const BATCH = 25;
/** Two at a time: one decodes in a reader while the other reads its file. */
const COVER_CONCURRENCY = 2;

/**
 * Makes covers for every book whose cover is pending: reads the cover the
 * parser pointed at (in a reader process), stores its original and both
 * thumbnail sizes content-addressed, and writes a cover document carrying
 * the small one. A copy of a file whose cover is already made (with its
 * original) reuses it. A cover that cannot be read or decoded is logged and
 * left to the generated placeholder.
 */
export function coverJob(agent: AgentContext, readers: ReaderPool, coversDir: string): JobHandler {
  const store = new CoverStore(coversDir);

  /** The twin's cover when a file with the same content has one, else a new one. */
  async function make(
    index: FileIndex,
    row: FileRow,
    path: string,
  ): Promise<MadeCover | undefined> {
    const twin = index.coverTwin(row);
    const reused = twin?.cover_made ? (JSON.parse(twin.cover_made) as StoredCover) : undefined;
    const small = reused && store.path(reused.hash, 'small');
    // A twin made before originals were kept is made again, so this copy gets its original.
    const complete =
      reused?.quality !== undefined &&
      store.has(reused.hash, 'small') &&
      store.has(reused.hash, 'medium') &&
      store.findOriginal(reused.hash) !== undefined;
    if (reused && small && complete) {
      return { ...reused, smallBase64: readFileSync(small).toString('base64') };
    }
    const ref = coverRefOf(row);
    return ref ? readers.makeCover(path, row.format, ref, coversDir) : undefined;
  }

  return async (ctx) => {
    const index = new FileIndex(agent.db);
    const roots = new Map(listFolders(agent.db).map((f) => [f.id, f.root]));
    let done = 0;
    let failed = 0;
    let total = 0;
    for (;;) {
      // A scan still running queues more covers: the total grows with them, never below done.
      total = done + failed + index.pendingCoverCount();
      const rows = index.pendingCovers(BATCH);
      if (rows.length === 0) break;
      const docs: CoverWithThumbnail[] = [];
      const made: { id: number; stored: string }[] = [];
      let stopped = false;
      let failure: { error: unknown } | undefined;
      const coverOf = async (row: FileRow) => {
        const root = roots.get(row.folder_id);
        try {
          if (!root) throw new Error('its library folder was removed.');
          const thumbnails = await make(index, row, join(root, row.rel_path));
          if (thumbnails) {
            docs.push(coverDocFor(agent.library, row.book_id, 'embedded', thumbnails));
            const { smallBase64: _dropped, ...stored } = thumbnails;
            made.push({ id: row.id, stored: JSON.stringify(stored satisfies StoredCover) });
          } else {
            index.setCoverState(row.id, 'failed');
            ctx.log(
              'cover.none',
              'The cover the file names is not an image; a placeholder is shown.',
              row.rel_path,
            );
          }
          done++;
        } catch (error) {
          // A full disk is not this cover's fault: it stays pending and the job pauses.
          if (isDiskFull(error)) throw error;
          index.setCoverState(row.id, 'failed');
          failed++;
          const message = error instanceof Error ? error.message : String(error);
          ctx.log('cover.failed', `No cover: ${message} A placeholder is shown.`, row.rel_path);
        }
        ctx.progress({ phase: 'covers', done: done + failed, total, current: row.rel_path });
        await ctx.breathe();
      };
      await pMap(
        rows,
        async (row) => {
          if (stopped || (stopped = ctx.shouldStop)) return;
          try {
            await coverOf(row);
          } catch (error) {
            // The other cover in flight ends before the job does; the job then pauses.
            failure ??= { error };
            stopped = true;
          }
        },
        { concurrency: COVER_CONCURRENCY },
      );
      await agent.catalog.upsert(docs);
      // Made only once their documents are written: covers whose documents a full disk
      // (or a kill) stopped stay pending, and are made again (the same thumbnails).
      agent.db.transaction(() => {
        for (const { id, stored } of made) index.setCoverState(id, 'done', stored);
      })();
      if (failure) throw failure.error;
      if (stopped) return { done, failed, interrupted: true };
    }
    return { done, failed };
  };
}
