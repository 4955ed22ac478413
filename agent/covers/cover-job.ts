import { join } from 'node:path';
import type { FormatPlatform } from '#core/formats/platform';
import { readCover } from '#core/formats/read-cover';
import { bookDocId } from '#core/schema/book-doc';
import { coverDocId, SMALL_COVER_ATTACHMENT, type CoverDoc } from '#core/schema/cover-doc';
import type { NewAttachment } from '../catalog/catalog-store';
import type { AgentContext } from '../context';
import { withFileSource } from '../files/file-source';
import { listFolders } from '../folders/folders';
import type { JobHandler } from '../jobs/runner';
import { coverRefOf, FileIndex, type FileRow } from '../scan/file-index';
import { coverHash, type CoverStore } from './cover-store';
import { makeThumbnails } from './thumbnails';

export const COVERS_JOB = 'covers';

type CoverWithThumbnail = CoverDoc & { _attachments: Record<string, NewAttachment> };

const BATCH = 25;

/**
 * Makes thumbnails for every book whose cover is pending: reads the cover the
 * parser pointed at, stores both sizes content-addressed, and writes a cover
 * document carrying the small one. A cover that cannot be read or decoded is
 * logged and left to the generated placeholder; the job goes on.
 */
export function coverJob(
  agent: AgentContext,
  platform: FormatPlatform,
  store: CoverStore,
): JobHandler {
  return async (ctx) => {
    const index = new FileIndex(agent.db);
    const roots = new Map(listFolders(agent.db).map((f) => [f.id, f.root]));
    let done = 0;
    let failed = 0;
    const total = (
      agent.db.prepare("SELECT count(*) AS n FROM files WHERE cover_state = 'pending'").get() as {
        n: number;
      }
    ).n;
    for (;;) {
      const rows = index.pendingCovers(BATCH);
      if (rows.length === 0) break;
      const docs: CoverWithThumbnail[] = [];
      for (const row of rows) {
        if (ctx.shouldStop) {
          await agent.catalog.upsert(docs);
          return { done, failed, interrupted: true };
        }
        const root = roots.get(row.folder_id);
        try {
          if (!root) throw new Error('its library folder was removed');
          const doc = await coverFor(agent, platform, store, row, join(root, row.rel_path));
          if (doc) docs.push(doc);
          index.setCoverState(row.id, doc ? 'done' : 'failed');
          if (!doc)
            ctx.log(
              'cover.none',
              'The cover the file names is not an image; a placeholder is shown.',
              row.rel_path,
            );
          done++;
        } catch (error) {
          index.setCoverState(row.id, 'failed');
          failed++;
          const message = error instanceof Error ? error.message : String(error);
          ctx.log('cover.failed', `No cover: ${message} A placeholder is shown.`, row.rel_path);
        }
        ctx.progress({ phase: 'covers', done: done + failed, total, current: row.rel_path });
        await ctx.breathe();
      }
      await agent.catalog.upsert(docs);
    }
    return { done, failed };
  };
}

async function coverFor(
  agent: AgentContext,
  platform: FormatPlatform,
  store: CoverStore,
  row: FileRow,
  path: string,
): Promise<CoverWithThumbnail | undefined> {
  const ref = coverRefOf(row);
  if (!ref) return undefined;
  const image = await withFileSource(path, (source) =>
    readCover(source, row.format, ref, platform),
  );
  if (!image) return undefined;
  const hash = coverHash(image.bytes);
  const thumbs = await makeThumbnails(image.bytes);
  store.put(hash, 'small', thumbs.small.bytes);
  store.put(hash, 'medium', thumbs.medium.bytes);
  const size = (t: { width: number; height: number }) => ({ width: t.width, height: t.height });
  return {
    _id: coverDocId(agent.library, row.book_id, 'embedded'),
    type: 'cover',
    v: 1,
    library: agent.library,
    book: bookDocId(agent.library, row.book_id),
    source: 'embedded',
    hash,
    original: thumbs.original,
    small: size(thumbs.small),
    medium: size(thumbs.medium),
    _attachments: {
      [SMALL_COVER_ATTACHMENT]: {
        content_type: 'image/webp',
        data: Buffer.from(thumbs.small.bytes).toString('base64'),
      },
    },
  };
}
