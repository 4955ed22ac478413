import { createHash } from 'node:crypto';
import type { ByteSource } from '#core/bytes/byte-source';

/**
 * How KOReader names a document to its sync server (kosync.koplugin
 * main.lua getDocumentDigest): by default the partial MD5 of the file
 * (frontend/util.lua util.partialMD5), or, with "Document matching method:
 * Filename", the MD5 of the file's name.
 *
 * util.partialMD5 hashes 1 KiB samples at `bit.lshift(1024, 2*i)` for i = -1
 * to 10, stopping at the first past the end. LuaJIT's shift takes its count
 * modulo 32, so i = -1 shifts by 30 and 1024 << 30 wraps to 0: the samples
 * are at 0, 1 KiB, 4 KiB, 16 KiB … 1 GiB (not at 256 as a plain reading
 * suggests). A sample at the end of the file is as long as what is left.
 */
const SAMPLE = 1024;
const OFFSETS = [0, ...Array.from({ length: 11 }, (_, i) => SAMPLE * 4 ** i)];

export async function partialMd5(source: ByteSource): Promise<string> {
  const hash = createHash('md5');
  for (const offset of OFFSETS) {
    if (offset >= source.size) break;
    hash.update(await source.read(offset, SAMPLE));
  }
  return hash.digest('hex');
}

/** KOReader's filename digest: the MD5 of the file's name (its last path segment), as UTF-8. */
export function fileNameMd5(relPath: string): string {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  return createHash('md5').update(name, 'utf8').digest('hex');
}
