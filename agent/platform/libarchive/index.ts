import type { ArchiveReader } from '#core/archive/archive';
import type { ByteSource } from '#core/bytes/byte-source';
import type { ArchiveKind, FormatPlatform } from '#core/formats/platform';
import { checkBeforeOpening, explainEmpty } from '#core/archive/libarchive/archive-checks';
import { describeEntries } from '#core/archive/libarchive/entries';
import { LibarchiveReader } from '#core/archive/libarchive/reader';
import { toBlob } from './source-blob';
import { WorkerSession } from './worker-session';

/**
 * RAR, 7z and tar (plain, gzip, xz, bzip2, zstd) for the agent, through
 * libarchive.js 2.0.2's WebAssembly build. Each open archive gets its own
 * worker thread running the package's `dist/worker-bundle-node.mjs`; we talk
 * to it with comlink directly rather than through its `Archive` class, whose
 * open() never settles when the worker fails and whose file tree is built by
 * assigning entry names as object keys (an entry named `__proto__/x` would
 * reach Object.prototype).
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
}

export const DEFAULT_MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The agent's archive capability for FormatPlatform. */
export function libarchivePlatform(
  options: LibarchiveOptions = {},
): Required<Pick<FormatPlatform, 'openArchive'>> {
  return { openArchive: (source, kind) => openArchive(source, kind, options) };
}

export async function openArchive(
  source: ByteSource,
  kind: ArchiveKind,
  options: LibarchiveOptions = {},
): Promise<ArchiveReader> {
  const maxBytes = options.maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES;
  const rar = await checkBeforeOpening(source, kind, maxBytes);

  const session = await WorkerSession.start(source.name, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    await session.open(await toBlob(source));
    const listed = await session.call('listing', (c) => c.listFiles());
    const encryptedArchive = !rar && (await session.call('listing', (c) => c.hasEncryptedData()));
    const entries = describeEntries(listed, rar, encryptedArchive === true);
    if (listed.length === 0) explainEmpty(source, rar, await session.errorOutput());
    return new LibarchiveReader(source.name, entries, session, rar, () => session.close());
  } catch (error) {
    session.close();
    throw error;
  }
}
