import { folderDocId, readFolderDoc } from '#core/schema/folder-doc';
import type { AgentContext } from '../context';
import { allFolders } from '../folders/folders';
import { folderDoc } from './book-docs';

/**
 * Folder documents an older agent wrote carry the folder's absolute path,
 * which every reader replicates. They are rewritten with the folder's name,
 * and the catalog compacted, since a reader can also ask for a document's
 * earlier revisions. Runs at start; does nothing once no such document is left.
 */
export async function hideFolderRoots(ctx: AgentContext): Promise<number> {
  const folders = allFolders(ctx.db);
  if (folders.length === 0) return 0;
  const found = await ctx.catalog.db.allDocs({
    keys: folders.map((f) => folderDocId(ctx.library, f.id)),
    include_docs: true,
  });
  const stale = folders.filter((folder, i) => {
    const row = found.rows[i];
    const doc = row && 'doc' in row ? readFolderDoc(row.doc) : undefined;
    return doc !== undefined && doc.root !== folderDoc(ctx.library, folder).root;
  });
  if (stale.length === 0) return 0;
  await ctx.catalog.upsert(stale.map((folder) => folderDoc(ctx.library, folder)));
  await ctx.catalog.db.compact();
  return stale.length;
}
