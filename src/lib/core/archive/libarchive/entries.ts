import { isUnsafeEntryName, type ArchiveEntryInfo } from '#core/archive/archive';
import type { RarHeaders } from '#core/archive/rar-comment';
import type { WorkerEntry } from './session';

export interface Entry extends ArchiveEntryInfo {
  /** Listed by the RAR header walk only: libarchive cannot reach it. */
  unreachable?: boolean;
}

/** libarchive's listing as archive entries, completed by the RAR header walk. */
export function describeEntries(
  listed: readonly WorkerEntry[],
  rar: RarHeaders | undefined,
  encryptedArchive: boolean,
): Entry[] {
  const headers = new Map(rar?.files.map((file) => [file.name, file]));
  const entries: Entry[] = listed.map((item) => {
    const header = headers.get(item.path);
    const special = item.type !== 'FILE' && item.type !== 'DIR';
    return {
      name: item.path,
      // Negative: unknown, or mangled crossing the wasm boundary. Never read it.
      size: item.size >= 0 ? item.size : Number.MAX_SAFE_INTEGER,
      compressedSize: header?.packedSize ?? 0,
      directory: item.type === 'DIR',
      encrypted: header ? header.encrypted : encryptedArchive,
      // Links are as dangerous to follow as `..` names.
      unsafe: special || (header?.link ?? false) || isUnsafeEntryName(item.path),
    };
  });
  const seen = new Set(listed.map((item) => item.path));
  for (const file of rar?.files ?? []) {
    if (seen.has(file.name)) continue;
    entries.push({
      name: file.name,
      size: file.size,
      compressedSize: file.packedSize,
      directory: file.directory,
      encrypted: file.encrypted,
      unsafe: file.link || isUnsafeEntryName(file.name),
      unreachable: true,
    });
  }
  return entries;
}
