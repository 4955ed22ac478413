import { join } from 'node:path';
import type { DoctorReport } from '#core/api/library-care';
import type { BookFormat } from '#core/formats/types';
import type { WorkProgress } from '#core/progress';
import { catalogedArchiveFormat } from '#core/formats/archive-alias';
import { formatFromName } from '#core/formats/detect';
import type { AgentContext } from '../context';
import { listFolders } from '../folders/folders';
import { walk } from '../scan/walk';
import { coverFiles, loggedCoverHashes, type CoverFile } from './cover-files';

/** How many of each kind of finding the report names; the counts are whole. */
const SAMPLE = 50;

/**
 * A thumbnail younger than this may belong to a cover being made right now
 * (its document is written after its files): it is not called orphaned.
 */
export const COVER_GRACE_MS = 60 * 60 * 1000;

export interface CheckDeps {
  ctx: AgentContext;
  coversDir: string;
  /** The formats a scan catalogs now (Settings). */
  formats: ReadonlySet<BookFormat>;
  now?: () => number;
  /** How far the check has come (the app's job shows it); the CLI passes none. */
  progress?(progress: WorkProgress): void;
  /** Lets the agent answer requests between folders of a long walk (the job's breathe). */
  breathe?(): Promise<void>;
}

/** Reports the check's phases, with a rate and time left while the files are walked. */
function reporter(deps: CheckDeps, expected: number) {
  const started = Date.now();
  return {
    phase(phase: string, message: string) {
      deps.progress?.({ phase, done: 0, message });
    },
    files(done: number, current?: string) {
      if (!deps.progress) return;
      // The index's count is what a healthy library holds: unknown files may take it past.
      const total = Math.max(expected, done);
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? done / seconds : undefined;
      deps.progress({
        phase: 'files',
        done,
        total,
        ...(rate && { rate, etaSeconds: Math.round((total - done) / rate) }),
        ...(current && { current }),
        message: 'Comparing the files in the library folders with the catalog…',
      });
    },
  };
}

interface IndexRow {
  book_id: string;
  folder_id: string;
  rel_path: string;
}

/** Everything a check found, with what a repair needs beyond the report. */
export interface Check {
  report: DoctorReport;
  orphanCovers: CoverFile[];
  /** Folders holding files the catalog does not know. */
  unknownIn: Set<string>;
  notInCatalog: IndexRow[];
  /** Ids of book documents whose book has no file-index row. */
  notInIndex: string[];
}

const bookPrefix = (library: string) => `book:${library}:`;

/** Book ids of the synced catalog, from its document ids. */
async function catalogBookIds(ctx: AgentContext): Promise<Map<string, string>> {
  const prefix = bookPrefix(ctx.library);
  const all = await ctx.catalog.db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` });
  return new Map(all.rows.map((row) => [row.id.slice(prefix.length), row.id]));
}

/** Cover hashes the synced catalog's cover documents name. */
async function catalogCoverHashes(ctx: AgentContext): Promise<Set<string>> {
  const prefix = `cover:${ctx.library}:`;
  const all = await ctx.catalog.db.allDocs({
    startkey: prefix,
    endkey: `${prefix}\ufff0`,
    include_docs: true,
  });
  const hashes = new Set<string>();
  for (const row of all.rows) {
    const hash = (row.doc as { hash?: unknown } | undefined)?.hash;
    if (typeof hash === 'string') hashes.add(hash);
  }
  return hashes;
}

/**
 * The catalog against the disk and against itself: missing books, book files
 * nobody cataloged, thumbnails no book names, journals a crash left open, and
 * books the file index (SQLite) and the synced catalog (PouchDB) disagree on.
 * It only reads. The caller holds the library lock, so no scan or rename
 * moves files meanwhile.
 */
export async function checkLibrary(deps: CheckDeps): Promise<Check> {
  const { ctx } = deps;
  const now = deps.now ?? Date.now;
  const db = ctx.db;
  const rows = db
    .prepare<[], IndexRow & { status: string }>(
      'SELECT book_id, folder_id, rel_path, status FROM files',
    )
    .all();
  const missingBooks = rows.filter((r) => r.status === 'missing').length;

  // Book files in the folders that neither the index nor the not-a-comic list knows.
  const known = new Set(rows.map((r) => `${r.folder_id}\0${r.rel_path}`));
  for (const r of db
    .prepare<[], { folder_id: string; rel_path: string }>(
      'SELECT folder_id, rel_path FROM not_comics',
    )
    .all())
    known.add(`${r.folder_id}\0${r.rel_path}`);
  const folders = listFolders(db);
  const isBook = (name: string) => {
    const format = formatFromName(name);
    return format !== undefined
      ? deps.formats.has(format)
      : catalogedArchiveFormat(name, deps.formats) !== undefined;
  };
  const report = reporter(deps, rows.length);
  let walked = 0;
  report.files(0);
  const unknown: { folder: string; path: string }[] = [];
  const unknownIn = new Set<string>();
  const unreadableFolders: DoctorReport['unreadableFolders'] = [];
  for (const folder of folders) {
    try {
      for await (const event of walk(folder.root, isBook, { within: folders.map((f) => f.root) })) {
        if (event.kind !== 'files') continue;
        walked += event.files.length;
        report.files(walked, event.files[0] && `${folder.root}/${event.files[0].rel}`);
        await deps.breathe?.();
        for (const file of event.files) {
          if (known.has(`${folder.id}\0${file.rel}`)) continue;
          unknown.push({ folder: folder.root, path: file.rel });
          unknownIn.add(folder.id);
        }
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      unreadableFolders.push({
        folder: folder.root,
        reason:
          code === 'ENOENT'
            ? 'it is not there (a disk not connected?).'
            : `${error instanceof Error ? error.message : String(error)}.`,
      });
    }
  }

  // Thumbnails nothing names, old enough not to be a cover being made.
  report.phase('covers', 'Looking for cover thumbnails no book uses…');
  const named = loggedCoverHashes(db);
  for (const hash of await catalogCoverHashes(ctx)) named.add(hash);
  const orphanCovers = (await coverFiles(deps.coversDir)).filter(
    (file) =>
      (file.hash === undefined || !named.has(file.hash)) && now() - file.mtimeMs > COVER_GRACE_MS,
  );

  // Journals a crash left open (the lock is held: nothing is running them now).
  const openJournal: DoctorReport['openJournal'] = [
    ...db
      .prepare<[], { id: string; state: 'running' | 'interrupted' }>(
        "SELECT id, state FROM rename_batches WHERE state IN ('running', 'interrupted') AND undone_by IS NULL ORDER BY created_at",
      )
      .all()
      .map((b) => ({ kind: 'rename' as const, ...b })),
    ...db
      .prepare<[], { id: string; state: 'running' | 'undoing' }>(
        "SELECT id, state FROM maintenance_actions WHERE state IN ('running', 'undoing') ORDER BY created_at",
      )
      .all()
      .map((a) => ({ kind: 'tidy-up' as const, ...a })),
  ];

  // The file index and the synced catalog, book by book.
  report.phase('stores', 'Comparing the file index with the synced catalog…');
  const inCatalog = await catalogBookIds(ctx);
  const indexIds = new Set(rows.map((r) => r.book_id));
  const notInCatalog = rows.filter((r) => !inCatalog.has(r.book_id));
  const notInIndex = [...inCatalog].filter(([bookId]) => !indexIds.has(bookId));
  const roots = new Map(folders.map((f) => [f.id, f.root]));
  const shown = await ctx.catalog.db.allDocs({
    keys: notInIndex.slice(0, SAMPLE).map(([, docId]) => docId),
    include_docs: true,
  });

  return {
    report: {
      checkedAt: new Date(now()).toISOString(),
      missingBooks,
      unknownFiles: { count: unknown.length, sample: unknown.slice(0, SAMPLE) },
      unreadableFolders,
      orphanCovers: {
        count: orphanCovers.length,
        bytes: orphanCovers.reduce((sum, file) => sum + file.bytes, 0),
      },
      openJournal,
      notInCatalog: {
        count: notInCatalog.length,
        sample: notInCatalog
          .slice(0, SAMPLE)
          .map((r) => ({ folder: roots.get(r.folder_id) ?? r.folder_id, path: r.rel_path })),
      },
      notInIndex: {
        count: notInIndex.length,
        sample: shown.rows.map((row) => {
          const doc = 'doc' in row ? (row.doc as { title?: unknown; path?: unknown } | null) : null;
          return String(doc?.title ?? doc?.path ?? row.key);
        }),
      },
    },
    orphanCovers,
    unknownIn,
    notInCatalog,
    notInIndex: notInIndex.map(([, docId]) => docId),
  };
}

export const coversDirOf = (dataDir: string) => join(dataDir, 'covers');
