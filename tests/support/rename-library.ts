/** A scanned library to rename in, and what the rename tests check it with. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { bookDocId } from '#core/schema/book-doc';
import { openAgent, type Agent } from '../../agent/agent';
import { addFolder } from '../../agent/folders/folders';
import { newId } from '../../agent/ids';
import type { RunControl } from '../../agent/rename/executor';
import { nodeFileOps, type FileOps } from '../../agent/rename/file-ops';
import { RenameService } from '../../agent/rename/rename-service';
import type { RenameRequest } from '../../agent/rename/types';
import { makeEpub, type EpubSpec } from './make-epub';
import { tempDir } from './temp';

export const PATTERN = '${author.sortname}/${title}.${ext}';

export interface Library {
  root: string;
  data: string;
  agent: Agent;
  service(ops?: FileOps): RenameService;
  close(): Promise<void>;
}

const open: Library[] = [];
/** A library the test closed itself: not closed again. */
export function forget(lib: Library): void {
  open.splice(open.indexOf(lib), 1);
}

/** Closes every library a test opened: each test file runs it after each test. */
export async function closeLibraries(): Promise<void> {
  for (const lib of open.splice(0)) await lib.close();
}

/** A scanned library: books (EpubSpec) and other files (their text), by relative path. */
export async function library(files: Record<string, EpubSpec | string>): Promise<Library> {
  const root = tempDir('rename-lib');
  const data = tempDir('rename-data');
  for (const [rel, spec] of Object.entries(files)) {
    mkdirSync(dirname(join(root.path, rel)), { recursive: true });
    writeFileSync(join(root.path, rel), typeof spec === 'string' ? spec : await makeEpub(spec));
  }
  const agent = await openAgent(data.path);
  addFolder(agent.ctx.db, root.path);
  agent.runner.start();
  agent.scan();
  await agent.runner.idle();
  const lib: Library = {
    root: root.path,
    data: data.path,
    agent,
    service: (ops = nodeFileOps) => new RenameService(agent.ctx, ops),
    async close() {
      await agent.close();
      root.remove();
      data.remove();
    },
  };
  open.push(lib);
  return lib;
}

export function request(overrides: Partial<RenameRequest> = {}): RenameRequest {
  return {
    pattern: PATTERN,
    profile: 'linux',
    onConflict: 'suffix',
    selection: 'all',
    removeEmptyFolders: true,
    ...overrides,
  };
}

export function control(overrides: Partial<RunControl> = {}): RunControl & { logged: string[] } {
  const logged: string[] = [];
  return {
    logged,
    shouldStop: () => false,
    progress: () => {},
    log: (kind, message) => logged.push(`${kind}: ${message}`),
    breathe: async () => {},
    ...overrides,
  };
}

/** Plans and journals a batch (nothing moves yet); returns its id. */
export async function journal(lib: Library, wanted: RenameRequest, service = lib.service()) {
  const planned = await service.plan(wanted, newId(10));
  service.begin(planned, undefined, () => {});
  return planned;
}

export async function rename(lib: Library, wanted = request(), ops?: FileOps, ctl = control()) {
  const service = lib.service(ops);
  const planned = await journal(lib, wanted, service);
  const outcome = await service.run(planned.batchId, ctl, { resume: false, cancelled: () => true });
  return { planned, outcome, service, batch: service.journal.get(planned.batchId) };
}

export async function undo(lib: Library, batchId: string) {
  const service = lib.service();
  const undoId = newId(10);
  service.beginUndo(batchId, undoId, undefined, () => {});
  await service.run(undoId, control(), { resume: false });
  return service.journal.get(undoId);
}

/** Every file under the root (relative path → SHA-256), and every folder. */
export function tree(root: string): { files: Record<string, string>; dirs: string[] } {
  const files: Record<string, string> = {};
  const dirs: string[] = [];
  const visit = (dir: string, rel: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        dirs.push(childRel);
        visit(join(dir, d.name), childRel);
      } else
        files[childRel] = createHash('sha256')
          .update(new Uint8Array(readFileSync(join(dir, d.name))))
          .digest('hex');
    }
  };
  visit(root, '');
  return { files, dirs: dirs.sort() };
}

export interface IndexedBook {
  bookId: string;
  relPath: string;
  docPath?: string;
  doc?: Record<string, unknown>;
}

/** The file index and the catalog documents, by book. */
export async function indexed(lib: Library): Promise<IndexedBook[]> {
  const rows = lib.agent.ctx.db
    .prepare("SELECT book_id, rel_path FROM files WHERE status != 'missing' ORDER BY rel_path")
    .all() as { book_id: string; rel_path: string }[];
  const out: IndexedBook[] = [];
  for (const row of rows) {
    const doc = await lib.agent.ctx.catalog.get(bookDocId(lib.agent.ctx.library, row.book_id));
    out.push({
      bookId: row.book_id,
      relPath: row.rel_path,
      docPath: doc?.path as string | undefined,
      doc,
    });
  }
  return out;
}

/** The index and the catalog agree with the disk: every row's file is there, every doc says so. */
export async function expectIndexAgrees(lib: Library) {
  for (const book of await indexed(lib)) {
    expect(existsSync(join(lib.root, book.relPath)), book.relPath).toBe(true);
    expect(book.docPath).toBe(book.relPath);
  }
}

export const author = (name: string) => ({ authors: [name] });

/** The ids of the books at these paths. */
export function bookIds(lib: Library, paths: string[]): string[] {
  return paths.map((rel) => {
    const row = lib.agent.ctx.db
      .prepare('SELECT book_id FROM files WHERE rel_path = ?')
      .get(rel) as { book_id: string } | undefined;
    if (!row) throw new Error(`${rel} is not in the index`);
    return row.book_id;
  });
}
