import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { bookDocId } from '#core/schema/book-doc';
import { openAgent } from '../agent/agent';
import { addFolder } from '../agent/folders/folders';
import { newId } from '../agent/ids';
import { renameService } from '../agent/rename/rename-service';
import { makeEpub } from '../tests/support/make-epub';
import { seededRandom } from '../tests/support/seeded-random';
import { tempDir } from '../tests/support/temp';
import { progress, report } from './report';

const BIN = join(import.meta.dirname, '../agent/bin/colophon.js');
export const CRASH_PATTERN = '${author.sortname}/${title}.${ext}';
const AUTHORS = Array.from({ length: 20 }, (_, i) => `Writer${String.fromCharCode(65 + i)} Person`);

/**
 * A scanned library kept as a template: every run starts from a copy of it,
 * at the same paths (the data dir remembers the library folder's path).
 */
export interface CrashLibrary {
  /** The pristine copies. */
  template: { lib: string; data: string };
  /** Where run slot `n` happens (slots run side by side). */
  slot(n: number): { lib: string; data: string };
  books: number;
  /** The original tree: relative path → SHA-256. */
  original: Record<string, string>;
  /** Where each book's file was (book id → relative path). */
  bookPaths: Record<string, string>;
  remove(): void;
}

export interface CrashRun {
  /** When the kill landed: before the batch was journaled, during it, or after it ended. */
  phase: 'before' | 'during' | 'after';
  /** Moves the batch had journaled as done when killed. */
  movesDone: number;
  moves: number;
  /** From spawn to the first move ("Moving files"), and from there to the batch's end (a run not killed). */
  startupMs: number;
  batchMs?: number;
  recoveryMs: number;
  problems: string[];
}

/** Every file under root, relative path → SHA-256 of its bytes. */
export function treeOf(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string, rel: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) visit(join(dir, d.name), childRel);
      else
        out[childRel] = createHash('sha256')
          .update(new Uint8Array(readFileSync(join(dir, d.name))))
          .digest('hex');
    }
  };
  visit(root, '');
  return out;
}

/**
 * Writes `books` EPUBs in ten folders: a fifth with a cover beside them,
 * twenty in pairs sitting at each other's destination (so the batch has
 * swaps through temporary names), and same-title books by one author (so it
 * has suffixes). Scans them once, then keeps lib and data as the template.
 */
export async function prepareCrashLibrary(books = 500): Promise<CrashLibrary> {
  const work = tempDir('rename-crash');
  const template = { lib: join(work.path, 'template/lib'), data: join(work.path, 'template/data') };
  const { lib, data } = template;
  const random = seededRandom(books);
  for (let i = 0; i < books; i++) {
    // Pairs and twins share their author, so they share a folder.
    const twin = i >= 20 && i % 50 === 7;
    const writer = AUTHORS[(i < 20 ? i >> 1 : twin ? i - 1 : i) % AUTHORS.length] as string;
    const [first, last] = writer.split(' ');
    let title = `Book ${i}`;
    let rel = `in-${i % 10}/file-${i}.epub`;
    if (i < 20) {
      // Book 2k is where book 2k+1 goes, and the other way round.
      title = `Pair ${i}`;
      rel = `${last}, ${first}/Pair ${i ^ 1}.epub`;
    } else if (twin) title = `Book ${i - 1}`;
    const path = join(lib, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await makeEpub({ title, authors: [writer], identifier: `urn:b:${i}` }));
    if (i % 5 === 3) writeFileSync(path.replace(/\.epub$/, '.jpg'), `cover ${i} ${random()}`);
  }
  const agent = await openAgent(data);
  try {
    addFolder(agent.ctx.db, lib);
    agent.runner.start();
    agent.scan();
    await agent.runner.idle();
  } finally {
    await agent.close();
  }
  const db = new Database(join(data, 'colophon.sqlite'), { readonly: true });
  const rows = db.prepare('SELECT book_id, rel_path FROM files').all() as {
    book_id: string;
    rel_path: string;
  }[];
  db.close();
  return {
    template,
    slot: (n) => ({ lib: join(work.path, `run-${n}/lib`), data: join(work.path, `run-${n}/data`) }),
    books,
    original: treeOf(lib),
    bookPaths: Object.fromEntries(rows.map((r) => [r.book_id, r.rel_path])),
    remove: () => work.remove(),
  };
}

/** A fresh copy of the template in a slot, its data dir pointed at the slot's library. */
function restore(library: CrashLibrary, slot: number): { lib: string; data: string } {
  const paths = library.slot(slot);
  rmSync(dirname(paths.lib), { recursive: true, force: true });
  cpSync(library.template.lib, paths.lib, { recursive: true });
  cpSync(library.template.data, paths.data, { recursive: true });
  const db = new Database(join(paths.data, 'colophon.sqlite'));
  db.prepare('UPDATE folders SET root = ?').run(paths.lib);
  db.close();
  return paths;
}

/** Polls the child's journal and kills it once `moves` moves are done. */
async function killAfterMoves(
  data: string,
  moves: number,
  child: { exitCode: number | null; signalCode: string | null },
  stop: () => void,
): Promise<void> {
  const db = new Database(join(data, 'colophon.sqlite'), { fileMustExist: true });
  const done = db.prepare("SELECT count(*) AS n FROM rename_entries WHERE state != 'planned'");
  try {
    while (child.exitCode === null && child.signalCode === null) {
      if ((done.get() as { n: number }).n >= moves) return stop();
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 4));
    }
  } finally {
    db.close();
  }
}

/** How far the journal got (read before anything recovers it). */
function journalState(data: string): { moves: number; done: number; batches: number } {
  const db = new Database(join(data, 'colophon.sqlite'));
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      batches: count('SELECT count(*) AS n FROM rename_batches'),
      moves: count('SELECT count(*) AS n FROM rename_entries'),
      done: count("SELECT count(*) AS n FROM rename_entries WHERE state IN ('moved', 'committed')"),
    };
  } finally {
    db.close();
  }
}

/**
 * When a run's child is killed: `afterMs` milliseconds after it started
 * (during start-up and planning), or once the journal shows `afterMoves`
 * moves done (the poll runs every few milliseconds, so the kill lands at a
 * random point between and inside the system calls of the next moves).
 * Undefined: never.
 */
export type Kill = { afterMs: number } | { afterMoves: number };

export const describeKill = (kill: Kill | undefined) =>
  !kill ? 'never' : 'afterMs' in kill ? `${kill.afterMs} ms in` : `after ${kill.afterMoves} moves`;

/**
 * One run: `colophon rename` over a fresh copy of the library in a child
 * process, killed with SIGKILL as `kill` says. Then the data dir is opened
 * again (which recovers) and checked: every file exists exactly once, the
 * index and the catalog agree with the disk; then the batch is undone and
 * the tree must be the original, bytes and all.
 */
export async function crashRun(
  library: CrashLibrary,
  slot: number,
  kill?: Kill,
): Promise<CrashRun> {
  const { lib, data } = restore(library, slot);
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [BIN, 'rename', '--pattern', CRASH_PATTERN, '--on-conflict', 'suffix', '--data', data],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let announced = 0;
  let finished = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => child.kill('SIGKILL');
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (kill && 'afterMs' in kill) timer = setTimeout(stop, kill.afterMs);
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (!announced && output.includes('Moving files')) {
      announced = Date.now();
      if (kill && 'afterMoves' in kill) void killAfterMoves(data, kill.afterMoves, child, stop);
    }
    if (!finished && /Batch \w+ (done|cancelled)/.test(output)) finished = Date.now();
  });
  await exited;
  if (timer) clearTimeout(timer);
  const ended = Date.now();
  const problems: string[] = [];
  if (!kill && child.exitCode !== 0)
    problems.push(`rename exited with ${child.exitCode}: ${output}`);

  const journal = journalState(data);
  const phase =
    journal.batches === 0 ? 'before' : journal.done < journal.moves ? 'during' : 'after';
  const recoveryStart = Date.now();
  const agent = await openAgent(data);
  const recoveryMs = Date.now() - recoveryStart;
  try {
    problems.push(...(await consistency(library, lib, agent)));
    const service = renameService(agent.ctx);
    if (service.journal.running().length > 0) problems.push('a batch is still running');
    const batch = service.journal.lastUndoable();
    if (batch) {
      const undoId = newId(10);
      service.beginUndo(batch.id, undoId, undefined, () => {});
      const control = {
        shouldStop: () => false,
        progress: () => {},
        log: () => {},
        breathe: async () => {},
      };
      const undone = await service.run(undoId, control, { resume: false });
      if (undone.failed > 0) problems.push(`undo: ${undone.failed} move(s) failed`);
    }
    const tree = treeOf(lib);
    const extra = Object.keys(tree).filter((p) => library.original[p] !== tree[p]);
    const lost = Object.keys(library.original).filter((p) => tree[p] !== library.original[p]);
    if (extra.length + lost.length > 0)
      problems.push(
        `after undo, not the original tree: +${extra.slice(0, 3)} -${lost.slice(0, 3)}`,
      );
    problems.push(...(await consistency(library, lib, agent)));
  } finally {
    await agent.close();
  }
  return {
    phase,
    movesDone: journal.done,
    moves: journal.moves,
    startupMs: (announced || ended) - started,
    batchMs: !kill && announced ? (finished || ended) - announced : undefined,
    recoveryMs,
    problems,
  };
}

/** Every file once; every index row's file there with its book's bytes; every document agreeing. */
async function consistency(
  library: CrashLibrary,
  lib: string,
  agent: Awaited<ReturnType<typeof openAgent>>,
): Promise<string[]> {
  const problems: string[] = [];
  const tree = treeOf(lib);
  const have = Object.values(tree).sort();
  const want = Object.values(library.original).sort();
  if (have.join() !== want.join())
    problems.push(`files on disk: ${have.length}, expected ${want.length} (each exactly once)`);
  const stray = Object.keys(tree).filter((p) => /\.colophon-(tmp|partial)-/.test(p));
  if (stray.length > 0) problems.push(`files left at temporary names: ${stray.slice(0, 3)}`);
  const rows = agent.ctx.db
    .prepare("SELECT book_id, rel_path FROM files WHERE status != 'missing'")
    .all() as { book_id: string; rel_path: string }[];
  for (const row of rows) {
    const originalPath = library.bookPaths[row.book_id];
    if (!originalPath || tree[row.rel_path] !== library.original[originalPath])
      problems.push(`index: ${row.rel_path} is not the file of book ${row.book_id}`);
    const doc = await agent.ctx.catalog.get(bookDocId(agent.ctx.library, row.book_id));
    if (doc?.path !== row.rel_path)
      problems.push(
        `catalog: book ${row.book_id} says ${String(doc?.path)}, index ${row.rel_path}`,
      );
  }
  return problems;
}

/**
 * How to kill each of `runs` runs: most after a random number of moves
 * (uniform over the batch), one in ten during start-up and planning.
 */
export function killPlan(runs: number, startupMs: number, moves: number, seed = 1): Kill[] {
  const random = seededRandom(seed);
  return Array.from({ length: runs }, (_, i) =>
    i % 10 === 0
      ? { afterMs: Math.round(random() * startupMs) }
      : { afterMoves: Math.floor(random() * moves) },
  );
}

/** Runs crashRun for each kill, `parallel` at a time (each in its own slot). */
export async function crashRuns(
  library: CrashLibrary,
  kills: readonly Kill[],
  parallel: number,
  onResult: (result: CrashRun, index: number, kill: Kill) => void,
): Promise<CrashRun[]> {
  const results: CrashRun[] = [];
  let next = 0;
  const worker = async (slot: number) => {
    while (next < kills.length) {
      const index = next++;
      const kill = kills[index] as Kill;
      const result = await crashRun(library, slot, kill);
      results[index] = result;
      onResult(result, index, kill);
    }
  };
  await Promise.all(Array.from({ length: parallel }, (_, slot) => worker(slot)));
  return results;
}

/** `npm run bench -- rename-crash [--runs N] [--books N] [--parallel N]` */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: 'string' },
      books: { type: 'string' },
      parallel: { type: 'string' },
    },
  });
  const runs = Number(values.runs ?? 20);
  const books = Number(values.books ?? 500);
  const parallel = Number(values.parallel ?? 2);
  const prepStart = Date.now();
  const library = await prepareCrashLibrary(books);
  report('rename-crash', 'prepare_seconds', (Date.now() - prepStart) / 1000, { books });
  try {
    const calibration = await crashRun(library, 0);
    if (calibration.problems.length > 0)
      throw new Error(`The uninterrupted run failed: ${calibration.problems.join('; ')}`);
    const batchMs = calibration.batchMs ?? 1000;
    report('rename-crash', 'batch_seconds', batchMs / 1000, {
      books,
      moves: calibration.moves,
      movesPerSecond: Math.round(calibration.moves / (batchMs / 1000)),
    });
    report('rename-crash', 'startup_seconds', calibration.startupMs / 1000);
    const phases = { before: 0, during: 0, after: 0 };
    let failures = 0;
    let recovery = 0;
    let done = 0;
    const started = Date.now();
    const kills = killPlan(runs, calibration.startupMs, calibration.moves);
    await crashRuns(library, kills, parallel, (result, i, kill) => {
      phases[result.phase]++;
      recovery += result.recoveryMs;
      if (result.problems.length > 0) {
        failures++;
        process.stderr.write(
          `\nrun ${i} (killed ${describeKill(kill)}): ${result.problems.join('; ')}\n`,
        );
      }
      progress('rename-crash', ++done, runs, started);
    });
    report('rename-crash', 'runs', runs, { ...phases, parallel });
    report('rename-crash', 'failures', failures);
    report('rename-crash', 'mean_open_with_recovery_seconds', recovery / runs / 1000);
    report('rename-crash', 'wall_seconds', (Date.now() - started) / 1000, { runs });
  } finally {
    library.remove();
  }
}
