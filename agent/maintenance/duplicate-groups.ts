import type { CatalogFile, DuplicateGroup } from '#core/api/maintenance';
import type { Agent } from '../agent';
import type { RootedFileRow } from '../scan/file-index';
import { bookLabels } from './book-labels';
import { isHidden } from './group-decisions';
import type { StoredAction } from './maintenance-journal';

const COPIES = `
  SELECT f.*, d.root AS root FROM files f JOIN folders d ON d.id = f.folder_id
  WHERE f.status != 'missing' AND f.content_key IN (
    SELECT content_key FROM files WHERE status != 'missing' AND content_key IS NOT NULL
    GROUP BY content_key HAVING count(*) >= 2)
  ORDER BY f.content_key, f.added_at, f.id`;

/**
 * Groups of exact copies (the same content key, two or more files on disk),
 * biggest files first, without those a decision hides; each file with its
 * place and the book it is.
 */
export async function duplicateGroups(
  agent: Pick<Agent, 'ctx' | 'metadata'>,
  decisions: readonly StoredAction[],
): Promise<DuplicateGroup[]> {
  const rows = agent.ctx.db.prepare(COPIES).all() as RootedFileRow[];
  const byKey = new Map<string, RootedFileRow[]>();
  for (const row of rows) {
    const key = row.content_key as string;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const decided = new Map<string, StoredAction[]>();
  for (const d of decisions)
    if (d.contentKey) decided.set(d.contentKey, [...(decided.get(d.contentKey) ?? []), d]);
  const shown = [...byKey].filter(([key, files]) => !isHidden(files, decided.get(key) ?? []));
  const labels = await bookLabels(
    agent,
    shown.flatMap(([, files]) => files.map((f) => ({ bookId: f.book_id, relPath: f.rel_path }))),
  );
  return shown
    .map(([key, files]) => ({
      key,
      size: files[0]?.size ?? 0,
      files: files.map((f): CatalogFile => {
        const label = labels.get(f.book_id);
        return {
          fileId: f.id,
          bookId: f.book_id,
          title: label?.title ?? f.rel_path,
          authors: label?.authors ?? [],
          folderId: f.folder_id,
          folder: f.root,
          path: f.rel_path,
          size: f.size,
          addedAt: new Date(f.added_at).toISOString(),
        };
      }),
    }))
    .sort((a, b) => b.size - a.size || a.key.localeCompare(b.key));
}
