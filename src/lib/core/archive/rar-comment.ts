import type { ByteSource } from '../bytes/byte-source';

/**
 * A walk over a RAR archive's block headers (RAR 4.x "2.9" and RAR 5
 * formats) through the ByteSource, reading headers only and skipping data.
 * libarchive cannot give us the archive comment, where ComicBookInfo lives,
 * and it silently stops listing at headers it cannot follow (encrypted
 * headers, a cut-off file, RAR 4 solid archives); this walk tells those
 * apart and lists what the headers declare. Every read is bounded; nothing
 * is decompressed, so a compressed comment is reported, not read.
 */

export interface RarFileHeader {
  /** Path with '/' separators, as libarchive names it. */
  name: string;
  size: number;
  packedSize: number;
  directory: boolean;
  encrypted: boolean;
  /** A symbolic or hard link (RAR 5 redirection, or a Unix symlink in RAR 4). */
  link: boolean;
}

export interface RarHeaders {
  version: 4 | 5;
  /** Headers are encrypted (`rar -hp`): nothing is readable without the password. */
  encryptedHeaders: boolean;
  solid: boolean;
  files: RarFileHeader[];
  comment?: string;
  /** Why a comment that exists could not be read (compressed or encrypted). */
  commentUnreadable?: string;
  /** Why the walk stopped before the end of the archive, when it did. */
  damage?: { kind: 'truncated' | 'corrupt'; detail: string };
}

export interface RarLimits {
  /** Headers walked at most (a RAR holds one per file, plus a few). */
  maxHeaders?: number;
  /** The comment is read only up to this many bytes. */
  maxCommentBytes?: number;
}

const RAR4 = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00];
const RAR5 = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00];
/** RAR 5 caps a header at 2 MiB. */
const MAX_HEADER_BYTES = 2 * 1024 * 1024;
const DEFAULTS: Required<RarLimits> = { maxHeaders: 200_000, maxCommentBytes: 1024 * 1024 };

/** The RAR format of the bytes, from the signature at offset 0 (SFX archives are not looked into). */
export function rarVersion(head: Uint8Array): 4 | 5 | undefined {
  if (RAR5.every((b, i) => head[i] === b)) return 5;
  if (RAR4.every((b, i) => head[i] === b)) return 4;
  return undefined;
}

/** The archive comment's text, when the source is a RAR with a readable comment. */
export async function readRarComment(
  source: ByteSource,
  limits: RarLimits = {},
): Promise<string | undefined> {
  return (await readRarHeaders(source, limits))?.comment;
}

/** Undefined when the source does not start with a RAR signature. */
export async function readRarHeaders(
  source: ByteSource,
  limits: RarLimits = {},
): Promise<RarHeaders | undefined> {
  const version = rarVersion(await source.read(0, RAR5.length));
  if (version === undefined) return undefined;
  const walk = new Walk(source, { ...DEFAULTS, ...limits }, version);
  await (version === 5 ? walk.rar5() : walk.rar4());
  return walk.result;
}

class Walk {
  readonly result: RarHeaders;

  constructor(
    private readonly source: ByteSource,
    private readonly limits: Required<RarLimits>,
    version: 4 | 5,
  ) {
    this.result = { version, encryptedHeaders: false, solid: false, files: [] };
  }

  private damaged(kind: 'truncated' | 'corrupt', detail: string): void {
    this.result.damage = { kind, detail };
  }

  private async comment(offset: number, size: number, readable: true | string): Promise<void> {
    if (readable !== true) {
      this.result.commentUnreadable = readable;
    } else if (size > this.limits.maxCommentBytes) {
      this.result.commentUnreadable = `it is larger than ${this.limits.maxCommentBytes} bytes`;
    } else {
      const bytes = await this.source.read(offset, size);
      this.result.comment = new TextDecoder('utf-8').decode(bytes).replace(/\0+$/, '');
    }
  }

  // ── RAR 5 ────────────────────────────────────────────────────────────────

  async rar5(): Promise<void> {
    let pos = RAR5.length;
    for (let count = 0; pos < this.source.size; count++) {
      if (count >= this.limits.maxHeaders) return this.damaged('corrupt', 'too many headers');
      const head = await this.source.read(pos, 4 + 10);
      const size = vint(head, 4);
      if (!size) return this.damaged('truncated', `a header at byte ${pos} is cut off`);
      if (size.value === 0 || size.value > MAX_HEADER_BYTES) {
        return this.damaged('corrupt', `the header at byte ${pos} has an impossible size`);
      }
      const total = 4 + size.length + size.value;
      const block = await this.source.read(pos, total);
      if (block.length < total)
        return this.damaged('truncated', `the header at byte ${pos} is cut off`);
      if (crc32(block.subarray(4)) !== u32(block, 0)) {
        return this.damaged('corrupt', `the header at byte ${pos} fails its checksum`);
      }
      const header = parseRar5Header(block, 4 + size.length);
      if (!header) return this.damaged('corrupt', `the header at byte ${pos} is malformed`);
      const dataStart = pos + total;
      if (header.type === 4) {
        this.result.encryptedHeaders = true;
        return;
      }
      if (header.type === 5) return;
      if (header.type === 1) this.result.solid = (header.archiveFlags & 0x4) !== 0;
      if (header.file && header.type === 2) this.result.files.push(header.file);
      if (header.file && header.type === 3 && header.file.name === 'CMT') {
        const readable = header.file.encrypted
          ? 'it is encrypted'
          : header.method !== 0
            ? 'it is compressed'
            : true;
        await this.comment(dataStart, Math.min(header.dataSize, header.file.size), readable);
      }
      pos = dataStart + header.dataSize;
      if (pos > this.source.size) {
        return this.damaged('truncated', `the data of the block at byte ${dataStart} is cut off`);
      }
    }
  }

  // ── RAR 4 ────────────────────────────────────────────────────────────────

  async rar4(): Promise<void> {
    let pos = RAR4.length;
    for (let count = 0; pos < this.source.size; count++) {
      if (count >= this.limits.maxHeaders) return this.damaged('corrupt', 'too many headers');
      const head = await this.source.read(pos, 7);
      if (head.length < 7) return this.damaged('truncated', `a header at byte ${pos} is cut off`);
      const type = head[2] ?? 0;
      const flags = u16(head, 3);
      const headSize = u16(head, 5);
      if (headSize < 7) return this.damaged('corrupt', `the header at byte ${pos} is too short`);
      const block = await this.source.read(pos, headSize);
      if (block.length < headSize) {
        return this.damaged('truncated', `the header at byte ${pos} is cut off`);
      }
      // The main header's checksum leaves out an old-style comment inside it.
      const checked = type === 0x73 ? block.subarray(2, Math.min(headSize, 13)) : block.subarray(2);
      if ((crc32(checked) & 0xffff) !== u16(block, 0)) {
        return this.damaged('corrupt', `the header at byte ${pos} fails its checksum`);
      }
      const isFile = type === 0x74 || type === 0x7a;
      if (isFile && headSize < 32)
        return this.damaged('corrupt', `the header at byte ${pos} is malformed`);
      let addSize = isFile || flags & 0x8000 ? u32(block, 7) : 0;
      if (isFile && flags & 0x100 && headSize >= 40) addSize += u32(block, 32) * 2 ** 32;
      const dataStart = pos + headSize;

      if (type === 0x73) {
        if (flags & 0x0080) {
          this.result.encryptedHeaders = true;
          return;
        }
        this.result.solid = (flags & 0x0008) !== 0;
        if (flags & 0x0002 && headSize > 13) await this.oldComment(block.subarray(13), pos + 13);
      } else if (type === 0x75) {
        await this.oldComment(block, pos);
      } else if (isFile) {
        const file = parseRar4File(block, flags);
        if (!file) return this.damaged('corrupt', `the header at byte ${pos} is malformed`);
        if (type === 0x74) this.result.files.push(file);
        else if (file.name === 'CMT') {
          const method = block[25];
          const readable = file.encrypted
            ? 'it is encrypted'
            : method !== 0x30
              ? 'it is compressed'
              : true;
          await this.comment(dataStart, Math.min(addSize, file.size), readable);
        }
      } else if (type === 0x7b) {
        return;
      }
      pos = dataStart + addSize;
      if (pos > this.source.size) {
        return this.damaged('truncated', `the data of the block at byte ${dataStart} is cut off`);
      }
    }
  }

  /** RAR 2.x COMM_HEAD: 13 bytes of header, then the comment, stored only when method is 0x30. */
  private async oldComment(block: Uint8Array, offset: number): Promise<void> {
    if (block.length < 13 || block[2] !== 0x75) return;
    const size = Math.min(u16(block, 5), block.length) - 13;
    if (size <= 0) return;
    await this.comment(offset + 13, size, block[10] === 0x30 ? true : 'it is compressed');
  }
}

interface Rar5Header {
  type: number;
  dataSize: number;
  archiveFlags: number;
  method: number;
  file?: RarFileHeader;
}

/** The fields of one RAR 5 header; `at` is where the header type starts. */
function parseRar5Header(block: Uint8Array, at: number): Rar5Header | undefined {
  const r = new VintReader(block, at);
  const type = r.next();
  const flags = r.next();
  const extraSize = flags !== undefined && flags & 0x1 ? r.next() : 0;
  const dataSize = flags !== undefined && flags & 0x2 ? r.next() : 0;
  if (type === undefined || extraSize === undefined || dataSize === undefined) return undefined;
  const header: Rar5Header = { type, dataSize, archiveFlags: 0, method: 0 };
  if (type === 1) header.archiveFlags = r.next() ?? 0;
  if (type !== 2 && type !== 3) return header;

  const fileFlags = r.next();
  const size = r.next();
  r.next(); // attributes
  if (fileFlags === undefined || size === undefined) return undefined;
  if (fileFlags & 0x2) r.skip(4); // mtime
  if (fileFlags & 0x4) r.skip(4); // data CRC32
  const compression = r.next();
  r.next(); // host OS
  const nameLength = r.next();
  if (compression === undefined || nameLength === undefined) return undefined;
  const nameBytes = r.bytes(nameLength);
  if (!nameBytes) return undefined;
  header.method = (compression >> 7) & 0x7;

  let encrypted = false;
  let link = false;
  const extra = new VintReader(block, block.length - extraSize);
  while (extraSize > 0 && extra.offset < block.length) {
    const recordSize = extra.next();
    const start = extra.offset;
    const recordType = extra.next();
    if (recordSize === undefined || recordType === undefined) break;
    if (recordType === 0x1) encrypted = true;
    if (recordType === 0x5) link = true;
    extra.offset = start + recordSize;
  }
  header.file = {
    name: new TextDecoder('utf-8').decode(nameBytes),
    size,
    packedSize: dataSize,
    directory: (fileFlags & 0x1) !== 0,
    encrypted,
    link,
  };
  return header;
}

/** A RAR 4 FILE_HEAD or NEWSUB_HEAD block (at least 32 bytes). */
function parseRar4File(block: Uint8Array, flags: number): RarFileHeader | undefined {
  const packed = u32(block, 7);
  const size = u32(block, 11);
  const hostOs = block[15];
  const nameSize = u16(block, 26);
  const attributes = u32(block, 28);
  const large = (flags & 0x100) !== 0;
  const nameStart = large ? 40 : 32;
  const highPacked = large ? u32(block, 32) : 0;
  const highSize = large ? u32(block, 36) : 0;
  if (nameStart + nameSize > block.length) return undefined;
  const nameBytes = block.subarray(nameStart, nameStart + nameSize);
  const zero = nameBytes.indexOf(0);
  const name =
    flags & 0x200 && zero !== -1
      ? decodeRar4Unicode(nameBytes.subarray(0, zero), nameBytes.subarray(zero + 1))
      : new TextDecoder('utf-8').decode(nameBytes);
  const unixLink = hostOs === 3 && (attributes & 0xf000) === 0xa000;
  return {
    name: name.replaceAll('\\', '/'),
    size: size + highSize * 2 ** 32,
    packedSize: packed + highPacked * 2 ** 32,
    directory: (flags & 0xe0) === 0xe0,
    encrypted: (flags & 0x04) !== 0,
    link: unixLink,
  };
}

/**
 * RAR 4's packed Unicode names: the ASCII name, a zero byte, then UTF-16
 * code units encoded against it (unrar's EncodeFileName::Decode).
 */
export function decodeRar4Unicode(ascii: Uint8Array, encoded: Uint8Array): string {
  const units: number[] = [];
  const max = 2048;
  let pos = 0;
  const byte = () => encoded[pos++] ?? 0;
  const high = byte() << 8;
  let flags = 0;
  let flagBits = 0;
  while (pos < encoded.length && units.length < max) {
    if (flagBits === 0) {
      flags = byte();
      flagBits = 8;
    }
    switch (flags >> 6) {
      case 0:
        units.push(byte());
        break;
      case 1:
        units.push(byte() + high);
        break;
      case 2:
        units.push(byte() + (byte() << 8));
        break;
      default: {
        const length = byte();
        const correction = length & 0x80 ? byte() : undefined;
        for (let n = (length & 0x7f) + 2; n > 0 && units.length < ascii.length; n--) {
          const base = ascii[units.length] ?? 0;
          units.push(correction === undefined ? base : ((base + correction) & 0xff) + high);
        }
      }
    }
    flags = (flags << 2) & 0xff;
    flagBits -= 2;
  }
  return String.fromCharCode(...units);
}

// ── Little helpers ──────────────────────────────────────────────────────────

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;
}

/** A RAR 5 variable-length integer: 7 bits a byte, low first, at most 10 bytes. */
function vint(bytes: Uint8Array, at: number): { value: number; length: number } | undefined {
  let value = 0;
  for (let i = 0; i < 10; i++) {
    const b = bytes[at + i];
    if (b === undefined) return undefined;
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return Number.isSafeInteger(value) ? { value, length: i + 1 } : undefined;
  }
  return undefined;
}

class VintReader {
  constructor(
    private readonly data: Uint8Array,
    public offset: number,
  ) {}

  next(): number | undefined {
    const v = vint(this.data, this.offset);
    if (!v) return undefined;
    this.offset += v.length;
    return v.value;
  }

  skip(count: number): void {
    this.offset += count;
  }

  bytes(count: number): Uint8Array | undefined {
    if (this.offset + count > this.data.length) return undefined;
    const slice = this.data.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }
}

let table: Uint32Array | undefined;

export function crc32(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const b of bytes) crc = (table[(crc ^ b) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
