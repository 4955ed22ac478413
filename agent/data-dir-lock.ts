import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StartupError } from './startup-error';

/** In the data dir: the pid of the agent using it, and (on Linux) who that pid was. */
export const LOCK_FILE = 'agent.lock';

/** Lock files this process holds: a second open of the same data dir in one process is refused too. */
const held = new Set<string>();

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file (if it is still ours). Safe to call twice. */
  release(): void;
}

interface Holder {
  pid: number;
  /** Boot id and start time of the holder, so a pid reused after a crash or reboot is not mistaken for it. */
  identity?: string;
}

/** A lock file this young with nothing in it yet is another agent writing it. */
const JUST_CREATED_MS = 2000;

export function inUseMessage(dataDir: string, pid?: number): string {
  const who = pid === undefined ? 'Another agent' : `Another agent (pid ${pid})`;
  const stale =
    pid === undefined
      ? ''
      : ` If no Colophon agent is running, delete ${join(dataDir, LOCK_FILE)} and try again.`;
  return (
    `${who} is using ${dataDir}. Stop that agent first, or give this command another data folder ` +
    `with --data DIR; a scan or a rename can also be done in the app while the agent runs.${stale}`
  );
}

const errnoCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Who a pid is, on Linux: the boot and the process's start time (field 22 of
 * /proc/PID/stat, after the parenthesised command name), or "zombie".
 * Undefined where /proc cannot tell (another system, a process hidden or gone).
 */
function identityOf(pid: number): string | undefined {
  const boot = readText('/proc/sys/kernel/random/boot_id')?.trim();
  const stat = readText(`/proc/${pid}/stat`);
  if (!boot || !stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z') return 'zombie';
  return fields[19] ? `${boot}/${fields[19]}` : undefined;
}

function readHolder(file: string): Holder | undefined {
  const [pidLine, identity] = (readText(file) ?? '').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, identity: identity?.trim() || undefined };
}

function isAlive(file: string, holder: Holder): boolean {
  // Our own pid: a lock this process took (and has not released), or one left by a
  // process that had the same pid before (a container restarted, say).
  if (holder.pid === process.pid) return held.has(file);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists, as another user's process.
    if (errnoCode(error) === 'ESRCH') return false;
  }
  // Alive, but is it still the agent? After a crash and a reboot its pid may be another program's.
  const now = holder.identity ? identityOf(holder.pid) : undefined;
  return now === undefined || now === holder.identity;
}

function release(file: string): void {
  if (!held.delete(file)) return;
  // Only our own: a lock another agent took over (ours looked stale to it) stays.
  if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
}

let releasesOnExit = false;

/** An agent that exits without closing (a stop deadline, an uncaught error) still frees its data dirs. */
function releaseAllOnExit(): void {
  if (releasesOnExit) return;
  releasesOnExit = true;
  process.once('exit', () => {
    for (const file of [...held]) release(file);
  });
}

/**
 * Takes the data dir for this agent: creates `agent.lock` with this pid, or,
 * when it exists, refuses with who holds it — unless that process is gone,
 * when the stale lock is taken over. Two agents taking over the same stale
 * lock at the same instant are still kept apart by LevelDB's own lock.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n${identityOf(process.pid) ?? ''}\n`, { flag: 'wx' });
      releaseAllOnExit();
      held.add(file);
      return { file, release: () => release(file) };
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder ? isAlive(file, holder) : isJustCreated(file)) {
      throw new StartupError('in-use', inUseMessage(dir, holder?.pid));
    }
    rmSync(file, { force: true });
  }
  throw new StartupError('in-use', inUseMessage(dir));
}

function isJustCreated(file: string): boolean {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat !== undefined && Date.now() - stat.mtimeMs < JUST_CREATED_MS;
}

/**
 * LevelDB's refusal when another process has the store open ("IO error: lock
 * …/LOCK: Resource temporarily unavailable"), as the same message: an agent
 * that predates the lock file, or one that took a stale lock at the same time.
 */
export function storeInUseError(dataDir: string, error: unknown): StartupError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/\block\b.*[\\/]LOCK\b/.test(message)) return undefined;
  return new StartupError('in-use', inUseMessage(resolve(dataDir)), { cause: error });
}
