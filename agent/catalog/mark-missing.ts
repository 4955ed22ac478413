import { bookDocId, type BookDoc } from '#core/schema/book-doc';
import type { AgentContext } from '../context';
import { FileIndex } from '../scan/file-index';

/** Marks these books missing in the catalog (their metadata kept), in one write. */
export async function markBooksMissing(
  ctx: AgentContext,
  bookIds: readonly string[],
): Promise<void> {
  if (bookIds.length === 0) return;
  const found = await ctx.catalog.db.allDocs({
    keys: bookIds.map((id) => bookDocId(ctx.library, id)),
    include_docs: true,
  });
  const docs = found.rows.flatMap((row) =>
    'doc' in row && row.doc
      ? [{ ...(row.doc as unknown as BookDoc), status: 'missing' as const }]
      : [],
  );
  await ctx.catalog.upsert(docs);
}

/** The books of a folder, missing (the folder was removed from the library). */
export async function markFolderMissing(ctx: AgentContext, folderId: string): Promise<void> {
  await markBooksMissing(ctx, new FileIndex(ctx.db).bookIdsInFolder(folderId));
}
