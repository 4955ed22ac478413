import type { ArchiveReader } from '#core/archive/archive';
import type { ByteSource } from '#core/bytes/byte-source';
import { BookFormatError } from '#core/errors';
import type { ArchiveKind, FormatPlatform } from '#core/formats/platform';
import { LIBARCHIVE_WORKER_URL } from '../asset-urls';
import { checkBeforeOpening, explainEmpty } from '#core/archive/libarchive/archive-checks';
import { describeEntries } from '#core/archive/libarchive/entries';
import { LibarchiveReader } from '#core/archive/libarchive/reader';
import { KEEP_WORKER_UP_TO_BYTES, SessionKeeper } from '#core/archive/libarchive/session-keeper';
import { startSession } from './worker-session';

/**
 * RAR, 7z and tar in the browser, through libarchive.js 2.0.2's wasm build:
 * the agent's design (agent/platform/libarchive) with a Web Worker per open
 * archive, started from the worker bundle the app serves. libarchive reads
 * from memory only, so the archive is handed over as the File itself (a
 * reference, not a copy) and the worker copies it into its wasm heap: hence
 * a lower cap than the agent's, since a browser tab has less memory to spare.
 */

export const BROWSER_MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;
export const TIMEOUT_MS = 60_000;

const keeper = new SessionKeeper(
  (name) => startSession(LIBARCHIVE_WORKER_URL(), name, TIMEOUT_MS),
  KEEP_WORKER_UP_TO_BYTES,
);

/** The archive's bytes as a Blob: the File when the source is over one, else a copy. */
async function asBlob(source: ByteSource, blob: Blob | undefined): Promise<Blob> {
  if (blob && blob.size === source.size) return blob;
  const bytes = await source.read(0, source.size);
  if (bytes.byteLength !== source.size) {
    throw new BookFormatError('unreadable', `${source.name} changed while it was being read.`);
  }
  return new Blob([bytes as Uint8Array<ArrayBuffer>]);
}

export async function openArchive(
  source: ByteSource,
  kind: ArchiveKind,
  blob?: Blob,
): Promise<ArchiveReader> {
  const rar = await checkBeforeOpening(
    source,
    kind,
    BROWSER_MAX_ARCHIVE_BYTES,
    'the limit in a browser',
  );
  const session = await keeper.take(source.name);
  try {
    await session.open(await asBlob(source, blob));
    const listed = await session.call('listing', (c) => c.listFiles());
    const encrypted = !rar && (await session.call('listing', (c) => c.hasEncryptedData()));
    const entries = describeEntries(listed, rar, encrypted === true);
    if (listed.length === 0) explainEmpty(source, rar);
    return new LibarchiveReader(source.name, entries, session, rar, () =>
      keeper.giveBack(session, source.size),
    );
  } catch (error) {
    session.close();
    throw error;
  }
}

/**
 * The archive capability for FormatPlatform. `blobOf` gives the File behind
 * a source, so the worker gets the file without a copy in this thread.
 */
export function libarchivePlatform(
  blobOf: (source: ByteSource) => Blob | undefined,
): Required<Pick<FormatPlatform, 'openArchive'>> {
  return { openArchive: (source, kind) => openArchive(source, kind, blobOf(source)) };
}
