import { bookDocId } from '#core/schema/book-doc';
import type { AgentContext } from '../context';
import { FileIndex } from '../scan/file-index';

/**
 * Brings the catalog documents of these files to where the file index says
 * they are. Only `path` (and `folder`) change: the document id is the book's,
 * so everything kept by book id (reading state, edits, covers) stays with it.
 * Idempotent, so recovery can run it again for any entry it is unsure of.
 */
export async function syncBookPaths(ctx: AgentContext, fileIds: readonly number[]): Promise<void> {
  const rows = new FileIndex(ctx.db).byIds([...new Set(fileIds)]);
  if (rows.length === 0) return;
  const ids = rows.map((row) => bookDocId(ctx.library, row.book_id));
  const found = await ctx.catalog.db.allDocs({ keys: ids, include_docs: true });
  const updated = [];
  for (const [i, result] of found.rows.entries()) {
    const row = rows[i];
    if (!row || !('doc' in result) || !result.doc) continue;
    const doc = result.doc as unknown as { _id: string; path?: string; folder?: string };
    if (doc.path === row.rel_path && doc.folder === row.folder_id) continue;
    updated.push({ ...doc, path: row.rel_path, folder: row.folder_id });
  }
  await ctx.catalog.upsert(updated);
}
