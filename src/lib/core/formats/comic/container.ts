import type { ArchiveReader } from '../../archive/archive';
import { rarVersion } from '../../archive/rar-comment';
import { openZip } from '../../archive/zip';
import type { ByteSource } from '../../bytes/byte-source';
import { BookFormatError } from '../../errors';
import type { ArchiveKind, FormatPlatform } from '../platform';

/**
 * Which container a comic really is, from its first bytes: a .cbr that is a
 * ZIP is common, and a .cbt may be xz- or gzip-compressed. ZIP is read by
 * the core; RAR, 7z and tar by the host's archive reader.
 */

export type Container = 'zip' | ArchiveKind;

/** Enough for every signature below (tar's "ustar" sits at 257). */
export const SNIFF_BYTES = 512;

const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04], // local file header
  [0x50, 0x4b, 0x05, 0x06], // end of central directory: an empty ZIP
  [0x50, 0x4b, 0x07, 0x08], // spanning marker
];
const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
/** Compressed streams libarchive unwraps to find the tar inside: gzip, xz, bzip2, zstd, lzip. */
const COMPRESSED_TAR = [
  [0x1f, 0x8b],
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
  [0x42, 0x5a, 0x68],
  [0x28, 0xb5, 0x2f, 0xfd],
  [0x4c, 0x5a, 0x49, 0x50],
];

function startsWith(head: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((byte, i) => head[at + i] === byte);
}

export function sniffContainer(head: Uint8Array): Container | undefined {
  if (ZIP_SIGNATURES.some((s) => startsWith(head, s))) return 'zip';
  if (rarVersion(head) !== undefined) return 'rar';
  if (startsWith(head, SEVEN_ZIP)) return '7z';
  if (COMPRESSED_TAR.some((s) => startsWith(head, s)) || isTarHeader(head)) return 'tar';
  return undefined;
}

/** "ustar" at 257, or (pre-POSIX tar) a header whose checksum holds. */
function isTarHeader(head: Uint8Array): boolean {
  if (head.length < 512) return false;
  if (startsWith(head, [0x75, 0x73, 0x74, 0x61, 0x72], 257)) return true;
  const stored = parseInt(new TextDecoder('latin1').decode(head.subarray(148, 156)).trim(), 8);
  if (!Number.isFinite(stored) || head[0] === 0) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (head[i] ?? 0);
  return sum === stored;
}

const KIND_LABELS: Record<ArchiveKind, string> = { rar: 'RAR', '7z': '7z', tar: 'tar' };

/** Opens the comic's archive by its content; throws BookFormatError when it cannot. */
export async function openComicArchive(
  source: ByteSource,
  format: string,
  platform: FormatPlatform,
): Promise<{ archive: ArchiveReader; container: Container }> {
  if (source.size === 0) {
    throw new BookFormatError('empty-file', `${source.name} is empty (0 bytes).`);
  }
  const container = sniffContainer(await source.read(0, SNIFF_BYTES));
  if (container === undefined) {
    throw new BookFormatError(
      'not-an-archive',
      `${source.name} is not a comic archive: its content is not ZIP, RAR, 7z or tar ` +
        `(whatever its .${format} extension says).`,
    );
  }
  if (container === 'zip') return { archive: await openZip(source), container };
  if (!platform.openArchive) {
    throw new BookFormatError(
      'unsupported-format',
      `${source.name} is a ${KIND_LABELS[container]} archive (${format.toUpperCase()}); ` +
        `reading ${KIND_LABELS[container]} comics needs an archive reader this host does not provide.`,
    );
  }
  return { archive: await platform.openArchive(source, container), container };
}
