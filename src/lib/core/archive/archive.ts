/**
 * What every archive reader offers the format parsers, whatever the container:
 * ZIP (read by the core through zip.js) or RAR, 7z and tar (read by the
 * host's libarchive, see formats/platform.ts). Entry names are data, never
 * paths to resolve; every read is capped.
 */
export interface ArchiveEntryInfo {
  name: string;
  /** Uncompressed size as the archive declares it (may lie). */
  size: number;
  compressedSize: number;
  directory: boolean;
  encrypted: boolean;
  /** The name would escape an extraction root (`..`, leading `/`, backslash, drive letter). */
  unsafe: boolean;
}

export interface ArchiveReader {
  readonly entries: readonly ArchiveEntryInfo[];
  /** The archive's own comment, when the container has one (ZIP, RAR). */
  readonly comment?: string;
  /** The entry with this exact name, else the first whose name matches ignoring case. */
  find(name: string): ArchiveEntryInfo | undefined;
  /** The entry's bytes; 'entry-too-large' when it declares or inflates to more than maxBytes. */
  read(name: string, maxBytes: number): Promise<Uint8Array>;
  /** The entry as text (UTF-8, or UTF-16 when it starts with that BOM), BOM removed. */
  readText(name: string, maxBytes: number): Promise<string>;
  close(): Promise<void>;
}

/** True when a name would land outside the folder it were extracted into. */
export function isUnsafeEntryName(name: string): boolean {
  return (
    name.includes('\\') ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').includes('..') ||
    name.includes('\0')
  );
}

/** Decodes an entry's text: UTF-16 when it starts with that BOM, else UTF-8 (BOM dropped). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
