import {
  ERR_BAD_FORMAT,
  ERR_CENTRAL_DIRECTORY_NOT_FOUND,
  ERR_ENCRYPTED,
  ERR_ENCRYPTED_CENTRAL_DIRECTORY,
  ERR_EOCDR_LOCATOR_ZIP64_NOT_FOUND,
  ERR_EOCDR_NOT_FOUND,
  ERR_SPLIT_ZIP_FILE,
  ERR_UNSUPPORTED_COMPRESSION,
  ERR_UNSUPPORTED_ENCRYPTION,
  Reader,
  Writer,
  ZipReader,
  type Entry,
} from '@zip.js/zip.js';
import type { ByteSource } from '../bytes/byte-source';
import {
  decodeText,
  isUnsafeEntryName,
  type ArchiveEntryInfo,
  type ArchiveReader,
} from './archive';
import { BookFormatError } from '../errors';

/**
 * A ZIP reader over a ByteSource: it reads the central directory and the
 * entries asked for, never the whole file. Entry names are data, never paths
 * to resolve; every read is capped so a zip bomb cannot exhaust memory.
 */

/** A ZIP archive: the shared ArchiveReader. */
export type ZipArchive = ArchiveReader;
export type ZipEntryInfo = ArchiveEntryInfo;

const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
/**
 * Entries smaller than this inflate in zip.js's JavaScript: setting up a
 * DecompressionStream (web streams, a zlib handle, transfers) costs more than
 * inflating an OPF or a ComicInfo.xml. Larger ones (images) use the native one.
 */
const NATIVE_INFLATE_FROM_BYTES = 64 * 1024;

export async function openZip(source: ByteSource): Promise<ZipArchive> {
  if (source.size === 0) {
    throw new BookFormatError('empty-file', `${source.name} is empty (0 bytes).`);
  }
  const reader = new ZipReader(new SourceReader(source), {
    useWebWorkers: false,
    // We flag unsafe names ourselves; zip.js would otherwise refuse the whole archive.
    filenameValidation: 'tolerant',
  });
  let zipEntries: Entry[];
  try {
    zipEntries = await reader.getEntries();
  } catch (error) {
    throw await openError(source, error);
  }
  const byName = new Map<string, Entry>();
  const entries = zipEntries.map((entry) => {
    if (!byName.has(entry.filename)) byName.set(entry.filename, entry);
    return describe(entry);
  });

  const find = (name: string): ZipEntryInfo | undefined => {
    const exact = entries.find((entry) => entry.name === name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    return entries.find((entry) => entry.name.toLowerCase() === lower);
  };

  const read = async (name: string, maxBytes: number): Promise<Uint8Array> => {
    const info = find(name);
    const entry = info && byName.get(info.name);
    if (!info || !entry) {
      throw new BookFormatError('missing-entry', `${source.name} has no entry named "${name}".`);
    }
    if (entry.directory) return new Uint8Array(0);
    if (entry.encrypted) {
      throw new BookFormatError(
        'encrypted-archive',
        `"${info.name}" in ${source.name} is encrypted (password-protected); it cannot be read.`,
      );
    }
    if (entry.uncompressedSize > maxBytes) throw tooLarge(source, info.name, maxBytes);
    const writer = new CappedWriter(maxBytes);
    try {
      return await entry.getData(writer, {
        useWebWorkers: false,
        useCompressionStream: entry.compressedSize > NATIVE_INFLATE_FROM_BYTES,
      });
    } catch (error) {
      // The writer refuses past maxBytes: an entry that lied about its size.
      if (writer.overflowed) throw tooLarge(source, info.name, maxBytes);
      throw readError(source, info.name, error);
    }
  };

  // Available once getEntries() has read the end of the central directory.
  const commentBytes = reader.comment;
  const comment = commentBytes?.byteLength ? decodeText(commentBytes).trim() : '';

  return {
    entries,
    ...(comment && { comment }),
    find,
    read,
    readText: async (name, maxBytes) => decodeText(await read(name, maxBytes)),
    close: async () => {
      try {
        await reader.close();
      } catch {
        // Nothing is held open on our side; a failing close changes nothing.
      }
    },
  };
}

function describe(entry: Entry): ZipEntryInfo {
  return {
    name: entry.filename,
    size: entry.uncompressedSize,
    compressedSize: entry.compressedSize,
    directory: entry.directory,
    encrypted: entry.encrypted,
    unsafe: isUnsafeEntryName(entry.filename),
  };
}

/** zip.js reads through this: every byte comes from the ByteSource, on demand. */
class SourceReader extends Reader<ByteSource> {
  constructor(private readonly source: ByteSource) {
    super(source);
  }

  override async init(): Promise<void> {
    this.size = this.source.size;
    await super.init?.();
  }

  override readUint8Array(index: number, length: number): Promise<Uint8Array> {
    return this.source.read(index, length);
  }
}

/**
 * Keeps the inflated bytes and gives up as soon as they exceed the cap, so an
 * entry that lies about its size cannot fill memory. Exported for tests.
 */
export class CappedWriter extends Writer<Uint8Array> {
  private readonly chunks: Uint8Array[] = [];
  private written = 0;
  overflowed = false;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override async writeUint8Array(array: Uint8Array): Promise<void> {
    this.written += array.byteLength;
    if (this.written > this.maxBytes) {
      this.overflowed = true;
      this.chunks.length = 0;
      throw new BookFormatError('entry-too-large', 'Entry inflates past its size limit.');
    }
    this.chunks.push(array.slice());
  }

  override async getData(): Promise<Uint8Array> {
    const data = new Uint8Array(this.written);
    let offset = 0;
    for (const chunk of this.chunks) {
      data.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return data;
  }
}

function tooLarge(source: ByteSource, name: string, maxBytes: number): BookFormatError {
  return new BookFormatError(
    'entry-too-large',
    `"${name}" in ${source.name} is larger than ${formatBytes(maxBytes)} once uncompressed; ` +
      'it was not read (the file may be a zip bomb).',
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function openError(source: ByteSource, error: unknown): Promise<BookFormatError> {
  if (error instanceof BookFormatError) return error;
  const message = messageOf(error);
  if (message === ERR_ENCRYPTED_CENTRAL_DIRECTORY) {
    return new BookFormatError(
      'encrypted-archive',
      `${source.name} is an encrypted ZIP whose file list itself is encrypted; it cannot be read.`,
    );
  }
  if (message === ERR_SPLIT_ZIP_FILE) {
    return new BookFormatError(
      'unsupported-format',
      `${source.name} is one part of a split (multi-volume) ZIP; join the parts first.`,
    );
  }
  const noDirectory = [
    ERR_EOCDR_NOT_FOUND,
    ERR_EOCDR_LOCATOR_ZIP64_NOT_FOUND,
    ERR_CENTRAL_DIRECTORY_NOT_FOUND,
    ERR_BAD_FORMAT,
  ].includes(message);
  if (noDirectory) {
    const head = await source.read(0, LOCAL_HEADER.length).catch(() => new Uint8Array(0));
    if (LOCAL_HEADER.every((byte, i) => head[i] === byte)) {
      return new BookFormatError(
        'truncated',
        `${source.name} starts like a ZIP archive but its end (the central directory) is missing; ` +
          'it was probably cut short while copying or downloading.',
      );
    }
    return new BookFormatError(
      'not-an-archive',
      `${source.name} is not a ZIP archive (no end-of-central-directory record was found).`,
    );
  }
  return new BookFormatError('corrupt', `${source.name} is a damaged ZIP archive: ${message}.`);
}

function readError(source: ByteSource, name: string, error: unknown): BookFormatError {
  if (error instanceof BookFormatError) return error;
  const message = messageOf(error);
  if (message === ERR_ENCRYPTED || message === ERR_UNSUPPORTED_ENCRYPTION) {
    return new BookFormatError(
      'encrypted-archive',
      `"${name}" in ${source.name} is encrypted (password-protected); it cannot be read.`,
    );
  }
  if (message === ERR_UNSUPPORTED_COMPRESSION) {
    return new BookFormatError(
      'unsupported-format',
      `"${name}" in ${source.name} uses a ZIP compression method this reader does not support ` +
        '(only stored, deflate and deflate64 are); repack the archive with ordinary deflate.',
    );
  }
  return new BookFormatError(
    'corrupt',
    `"${name}" in ${source.name} could not be read; the archive is damaged (${message}).`,
  );
}
