import type { ArchiveReader } from '#core/archive/archive';
import type { ByteSource } from '#core/bytes/byte-source';
import type { ArchiveKind, FormatPlatform } from '#core/formats/platform';
import { checkBeforeOpening, explainEmpty } from '#core/archive/libarchive/archive-checks';
import { describeEntries } from '#core/archive/libarchive/entries';
import { LibarchiveReader } from '#core/archive/libarchive/reader';
import { KEEP_WORKER_UP_TO_BYTES, SessionKeeper } from '#core/archive/libarchive/session-keeper';
import { toBlob } from './source-blob';
import { WorkerSession } from './worker-session';

/**
 * RAR, 7z and tar (plain, gzip, xz, bzip2, zstd) for the agent, through
 * libarchive.js 2.0.2's WebAssembly build. Each open archive gets its own
 * worker thread running the package's `dist/worker-bundle-node.mjs`; we talk
 * to it with comlink directly (see ComlinkSession). A reader process keeps
 * the worker of a small archive for the next one (see SessionKeeper).
 *
 * Memory: libarchive reads from memory only. The file is copied into a Blob
 * in chunks (never one big JS buffer); the worker turns it into an
 * ArrayBuffer and copies that into its wasm heap (at most 2 GiB, hence the
 * 1 GiB default cap). Opening peaks at three to four times the archive's
 * size (a 300 MiB tar took RSS from 0.4 to 1.6 GB) until garbage collection;
 * about one copy stays while open. An extracted entry is refused before
 * extraction when its declared size is over the caller's cap, and libarchive
 * never writes more than the declared size. Nothing is written to disk.
 * close() terminates the worker, which frees everything.
 *
 * libarchive stops listing silently at a header it cannot read, so RAR
 * archives are first walked by the core's header reader (rar-comment.ts):
 * encrypted headers and cut-off files become typed errors, the comment
 * (ComicBookInfo) is exposed, and files libarchive cannot reach (RAR 4 solid
 * archives past their first file) are still listed, failing clearly on read.
 */

export interface LibarchiveOptions {
  /** Archives larger than this are refused ('file-too-large'). Default 1 GiB. */
  maxArchiveBytes?: number;
  /** One worker call (open, list, extract) may take this long ('timeout'). Default 60 s. */
  timeoutMs?: number;
  /**
   * Keep the worker of a small archive for the next archive. Only for a
   * process that ends by exiting (a reader process): comlink's message ports
   * to a kept worker hold the event loop open.
   */
  keepWorker?: boolean;
}

type Keeper = SessionKeeper<WorkerSession>;

export const DEFAULT_MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The agent's archive capability for FormatPlatform. */
export function libarchivePlatform(
  options: LibarchiveOptions = {},
): Required<Pick<FormatPlatform, 'openArchive'>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const keeper = options.keepWorker
    ? new SessionKeeper((name) => WorkerSession.start(name, timeoutMs), KEEP_WORKER_UP_TO_BYTES)
    : undefined;
  return { openArchive: (source, kind) => openArchive(source, kind, options, keeper) };
}

export async function openArchive(
  source: ByteSource,
  kind: ArchiveKind,
  options: LibarchiveOptions = {},
  keeper?: Keeper,
): Promise<ArchiveReader> {
  const maxBytes = options.maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES;
  const rar = await checkBeforeOpening(source, kind, maxBytes);

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const session = keeper
    ? await keeper.take(source.name)
    : await WorkerSession.start(source.name, timeoutMs);
  const done = keeper ? () => keeper.giveBack(session, source.size) : () => session.close();
  try {
    await session.open(await toBlob(source));
    const listed = await session.call('listing', (c) => c.listFiles());
    const encryptedArchive = !rar && (await session.call('listing', (c) => c.hasEncryptedData()));
    const entries = describeEntries(listed, rar, encryptedArchive === true);
    if (listed.length === 0) explainEmpty(source, rar, await session.errorOutput());
    return new LibarchiveReader(source.name, entries, session, rar, done);
  } catch (error) {
    session.close();
    throw error;
  }
}
