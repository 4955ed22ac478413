import { relative } from 'node:path';
import { toProblem } from '#core/errors';
import { formatFromName } from '#core/formats/detect';
import { readBook, READABLE_FORMATS } from '#core/formats/read-book';
import type { Extraction } from '#core/formats/types';
import { bookDoc, type FileRow } from '../catalog/book-docs';
import type { AgentContext } from '../context';
import { withFileSource } from '../files/file-source';
import type { Folder } from '../folders/folders';
import { newId } from '../ids';
import type { ScanProgress } from './scan-progress';
import { walk } from './walk';

const FLUSH_EVERY_DOCS = 100;
const FLUSH_EVERY_MS = 300;

function isReadable(name: string): boolean {
  const format = formatFromName(name);
  return format !== undefined && READABLE_FORMATS.includes(format);
}

/**
 * Scans one library folder into the file index and the catalog. Unchanged
 * files (same size and mtime) are not reopened; a file that cannot be read is
 * recorded with its reason and the scan goes on; files no longer on disk are
 * marked missing, never deleted. Nothing under the folder is written.
 */
export async function scanFolder(
  ctx: AgentContext,
  folder: Folder,
  progress: ScanProgress,
): Promise<void> {
  const { db, catalog, library } = ctx;
  const known = new Map<string, FileRow>();
  for (const row of db
    .prepare<[string], FileRow>('SELECT * FROM files WHERE folder_id = ?')
    .all(folder.id)) {
    known.set(row.rel_path, row);
  }
  const upsertRow = db.prepare(`
    INSERT INTO files (folder_id, rel_path, book_id, format, size, mtime_ms, status, problem_code, problem_message, added_at, scanned_at)
    VALUES (@folder_id, @rel_path, @book_id, @format, @size, @mtime_ms, @status, @problem_code, @problem_message, @added_at, @scanned_at)
    ON CONFLICT (folder_id, rel_path) DO UPDATE SET
      format = excluded.format, size = excluded.size, mtime_ms = excluded.mtime_ms, status = excluded.status,
      problem_code = excluded.problem_code, problem_message = excluded.problem_message, scanned_at = excluded.scanned_at`);

  let pending: ReturnType<typeof bookDoc>[] = [];
  let lastFlush = Date.now();
  const flush = async () => {
    const docs = pending;
    pending = [];
    lastFlush = Date.now();
    await catalog.upsert(docs);
  };

  const seen = new Set<string>();
  for await (const event of walk(folder.root, isReadable)) {
    if (progress.cancelRequested) break;
    if (event.kind === 'notice') {
      progress.notice(relative(folder.root, event.path) || folder.root, event.message);
      continue;
    }
    const { file } = event;
    seen.add(file.rel);
    progress.filesSeen++;
    const old = known.get(file.rel);
    if (
      old &&
      old.status !== 'missing' &&
      old.size === file.size &&
      old.mtime_ms === file.mtimeMs
    ) {
      progress.filesUnchanged++;
      continue;
    }
    const format = formatFromName(file.rel);
    if (!format) continue;
    progress.current = file.rel;
    let extraction: Extraction | undefined;
    let problem: { code: string; message: string } | undefined;
    try {
      extraction = await withFileSource(file.path, (source) => readBook(source, format));
    } catch (error) {
      problem = toProblem(error);
    }
    const now = Date.now();
    const row: FileRow = {
      folder_id: folder.id,
      rel_path: file.rel,
      book_id: old?.book_id ?? newId(),
      format,
      size: file.size,
      mtime_ms: file.mtimeMs,
      status: problem ? 'corrupted' : 'ok',
      problem_code: problem?.code ?? null,
      problem_message: problem?.message ?? null,
      added_at: old?.added_at ?? now,
      scanned_at: now,
    };
    upsertRow.run(row);
    if (problem) {
      progress.filesFailed++;
      progress.notice(file.rel, problem.message);
    } else {
      progress.filesRead++;
    }
    pending.push(bookDoc(library, row, extraction));
    if (pending.length >= FLUSH_EVERY_DOCS || Date.now() - lastFlush >= FLUSH_EVERY_MS)
      await flush();
  }
  await flush();
  // A cancelled walk did not see everything, so absence proves nothing.
  if (!progress.cancelRequested) await markMissing(ctx, folder, known, seen, progress);
}

/** Files indexed before but not found now are marked missing (with their metadata kept). */
async function markMissing(
  ctx: AgentContext,
  folder: Folder,
  known: Map<string, FileRow>,
  seen: Set<string>,
  progress: ScanProgress,
): Promise<void> {
  const setMissing = ctx.db.prepare(
    'UPDATE files SET status = ? WHERE folder_id = ? AND rel_path = ?',
  );
  const docs = [];
  for (const [rel, row] of known) {
    if (seen.has(rel) || row.status === 'missing') continue;
    setMissing.run('missing', folder.id, rel);
    progress.filesMissing++;
    const doc = await ctx.catalog.get(`book:${ctx.library}:${row.book_id}`);
    if (doc) docs.push({ ...doc, status: 'missing' });
  }
  await ctx.catalog.upsert(docs);
}
