import { dirname } from 'node:path';
import type { BookMetadata } from '#core/metadata/types';
import { bookMetadata } from '#core/rename/book-metadata';
import { TRASH_FOLDER } from '#core/rename/plan';
import type { PlanBook } from '#core/rename/plan-types';
import { bookDocId, readBookDoc } from '#core/schema/book-doc';

export { bookMetadata };
import type { AgentContext } from '../context';
import { siblingsOf } from './disk-lookup';
import { FileIndex } from '../scan/file-index';
import type { Selection } from './types';

/** A book to plan, with where it lives in the index. */
export interface GatheredBook {
  book: PlanBook;
  folderId: string;
  root: string;
}

/** Paths of files a batch parked (trash, temporaries): never renamed again as books. */
export function isParked(relPath: string): boolean {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  return relPath.startsWith(`${TRASH_FOLDER}/`) || name.startsWith('.colophon-tmp-');
}

/**
 * Gathers the books of a selection as the planner wants them: path, merged
 * metadata, and the names beside each (for companions). Metadata is merged
 * once per document revision, so a live preview that re-plans on every
 * keystroke only pays for books that changed.
 */
export class BookGatherer {
  private readonly merged = new Map<string, { rev: string; metadata: BookMetadata }>();

  constructor(private readonly ctx: AgentContext) {}

  async gather(selection: Selection): Promise<GatheredBook[]> {
    const rows = new FileIndex(this.ctx.db)
      .present(selection === 'all' ? undefined : selection.map((id) => this.shortId(id)))
      .filter((row) => !isParked(row.rel_path));
    const metadata = await this.metadataOf(rows.map((r) => r.book_id));
    const siblings = new Map<string, string[]>();
    return rows.map((row) => {
      const dir = dirname(`${row.root}/${row.rel_path}`);
      let names = siblings.get(dir);
      if (!names) siblings.set(dir, (names = siblingsOf(dir)));
      return {
        folderId: row.folder_id,
        root: row.root,
        book: {
          id: row.book_id,
          folderRoot: row.root,
          path: row.rel_path,
          metadata: metadata.get(row.book_id) ?? {},
          format: row.format,
          siblings: names,
        },
      };
    });
  }

  /** A book id as the browser knows it ("book:<library>:<id>") or as the index does. */
  private shortId(id: string): string {
    const prefix = bookDocId(this.ctx.library, '');
    return id.startsWith(prefix) ? id.slice(prefix.length) : id;
  }

  private async metadataOf(bookIds: readonly string[]): Promise<Map<string, BookMetadata>> {
    const out = new Map<string, BookMetadata>();
    if (bookIds.length === 0) return out;
    const ids = bookIds.map((id) => bookDocId(this.ctx.library, id));
    const revs = await this.ctx.catalog.db.allDocs({ keys: ids });
    const stale: string[] = [];
    revs.rows.forEach((row, i) => {
      const bookId = bookIds[i] as string;
      const rev = 'value' in row && row.value && !('deleted' in row.value) ? row.value.rev : '';
      const cached = this.merged.get(bookId);
      if (cached && cached.rev === rev) out.set(bookId, cached.metadata);
      else if (rev) stale.push(ids[i] as string);
      else out.set(bookId, {});
    });
    if (stale.length > 0) {
      const docs = await this.ctx.catalog.db.allDocs({ keys: stale, include_docs: true });
      for (const row of docs.rows) {
        if (!('doc' in row) || !row.doc) continue;
        const doc = readBookDoc(row.doc);
        const bookId = row.id.slice(bookDocId(this.ctx.library, '').length);
        const metadata = bookMetadata(doc);
        this.merged.set(bookId, { rev: row.doc._rev, metadata });
        out.set(bookId, metadata);
      }
    }
    return out;
  }
}
