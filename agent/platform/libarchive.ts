import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { proxy, wrap, type Endpoint, type ProxyMarked } from 'comlink';
import {
  decodeText,
  isUnsafeEntryName,
  type ArchiveEntryInfo,
  type ArchiveReader,
} from '#core/archive/archive';
import { readRarHeaders, type RarHeaders } from '#core/archive/rar-comment';
import type { ByteSource } from '#core/bytes/byte-source';
import { BookFormatError, type ProblemCode } from '#core/errors';
import { SNIFF_BYTES, sniffContainer } from '#core/formats/comic/container';
import type { ArchiveKind, FormatPlatform } from '#core/formats/platform';

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
const CHUNK_BYTES = 16 * 1024 * 1024;

const require = createRequire(import.meta.url);
const WORKER_PATH = require.resolve('libarchive.js/dist/worker-bundle-node.mjs');

/** The agent's archive capability for FormatPlatform. */
export function libarchivePlatform(
  options: LibarchiveOptions = {},
): Required<Pick<FormatPlatform, 'openArchive'>> {
  return { openArchive: (source, kind) => openArchive(source, kind, options) };
}

const LABELS: Record<ArchiveKind, string> = { rar: 'RAR', '7z': '7z', tar: 'tar' };

export async function openArchive(
  source: ByteSource,
  kind: ArchiveKind,
  options: LibarchiveOptions = {},
): Promise<ArchiveReader> {
  const maxBytes = options.maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES;
  if (source.size === 0) {
    throw new BookFormatError('empty-file', `${source.name} is empty (0 bytes).`);
  }
  if (source.size > maxBytes) {
    throw new BookFormatError(
      'file-too-large',
      `${source.name} is a ${mib(source.size)} ${LABELS[kind]} archive; archives of this kind are ` +
        `read in memory and the limit is ${mib(maxBytes)}. Repack it as CBZ (ZIP), which is ` +
        'read without loading the whole file.',
    );
  }
  const head = await source.read(0, SNIFF_BYTES);
  if (sniffContainer(head) !== kind) {
    throw new BookFormatError(
      'not-an-archive',
      `${source.name} is not a ${LABELS[kind]} archive (its first bytes are not a ${LABELS[kind]} signature).`,
    );
  }
  const rar = kind === 'rar' ? await checkRar(source) : undefined;
  if (kind === '7z') await check7z(source, head);

  const session = await WorkerSession.start(source.name, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    await session.open(await toBlob(source));
    const listed = await session.call('listing', (c) => c.listFiles());
    const encryptedArchive = !rar && (await session.call('listing', (c) => c.hasEncryptedData()));
    const entries = describeEntries(listed, rar, encryptedArchive === true);
    if (listed.length === 0) await explainEmpty(session, source, rar);
    return new LibarchiveReader(source.name, entries, session, rar);
  } catch (error) {
    session.close();
    throw error;
  }
}

// ── Checks before libarchive, which would only list nothing ─────────────────

async function checkRar(source: ByteSource): Promise<RarHeaders> {
  const rar = await readRarHeaders(source);
  if (!rar) throw new BookFormatError('not-an-archive', `${source.name} is not a RAR archive.`);
  if (rar.encryptedHeaders) {
    throw new BookFormatError(
      'encrypted-archive',
      `${source.name} is a password-protected RAR whose file list itself is encrypted; ` +
        'it cannot be read without the password.',
    );
  }
  if (rar.damage?.kind === 'truncated') {
    throw new BookFormatError(
      'truncated',
      `${source.name} is cut short (${rar.damage.detail}); it was probably not copied or ` +
        'downloaded completely.',
    );
  }
  if (rar.damage) {
    throw new BookFormatError(
      'corrupt',
      `${source.name} is a damaged RAR archive: ${rar.damage.detail}.`,
    );
  }
  return rar;
}

/** 7z keeps its file list at the end; a cut-off file lists as empty in libarchive. */
async function check7z(source: ByteSource, head: Uint8Array): Promise<void> {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.byteLength < 32) {
    throw new BookFormatError('truncated', `${source.name} is cut short (no 7z start header).`);
  }
  const end = 32 + Number(view.getBigUint64(12, true)) + Number(view.getBigUint64(20, true));
  if (end > source.size) {
    throw new BookFormatError(
      'truncated',
      `${source.name} is cut short: its 7z file list should end at byte ${end}, but the file has ` +
        `${source.size} bytes. It was probably not copied or downloaded completely.`,
    );
  }
}

async function explainEmpty(
  session: WorkerSession,
  source: ByteSource,
  rar: RarHeaders | undefined,
): Promise<void> {
  const said = await session.errorOutput();
  if ((rar && rar.files.length > 0) || said) {
    throw new BookFormatError(
      'corrupt',
      `${source.name} could not be read as an archive${said ? ` (libarchive: ${said})` : ''}; ` +
        'it is damaged or in a variant libarchive does not support.',
    );
  }
}

// ── Reading ─────────────────────────────────────────────────────────────────

interface Entry extends ArchiveEntryInfo {
  /** Listed by the RAR header walk only: libarchive cannot reach it. */
  unreachable?: boolean;
}

function describeEntries(
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

class LibarchiveReader implements ArchiveReader {
  readonly comment?: string;

  constructor(
    private readonly archiveName: string,
    readonly entries: readonly Entry[],
    private readonly session: WorkerSession,
    private readonly rar: RarHeaders | undefined,
  ) {
    const comment = rar?.comment?.trim();
    if (comment) this.comment = comment;
  }

  find(name: string): Entry | undefined {
    const exact = this.entries.find((entry) => entry.name === name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    return this.entries.find((entry) => entry.name.toLowerCase() === lower);
  }

  async read(name: string, maxBytes: number): Promise<Uint8Array> {
    const entry = this.find(name);
    if (!entry) {
      throw new BookFormatError(
        'missing-entry',
        `${this.archiveName} has no entry named "${name}".`,
      );
    }
    if (entry.directory) return new Uint8Array(0);
    if (entry.encrypted) {
      throw new BookFormatError(
        'encrypted-archive',
        `"${entry.name}" in ${this.archiveName} is encrypted (password-protected); it cannot be read.`,
      );
    }
    if (entry.size > maxBytes) throw this.tooLarge(entry.name, maxBytes);
    if (entry.unreachable) throw this.unreachable(entry.name);
    let data: WorkerEntry | undefined;
    try {
      data = await this.session.call(`"${entry.name}"`, (c) => c.extractSingleFile(entry.name));
    } catch (error) {
      throw error instanceof BookFormatError ? error : this.extractError(entry.name, error);
    }
    if (!data?.fileData) throw this.unreachable(entry.name);
    const bytes = data.fileData;
    if (bytes.byteLength > maxBytes) throw this.tooLarge(entry.name, maxBytes);
    return bytes;
  }

  async readText(name: string, maxBytes: number): Promise<string> {
    return decodeText(await this.read(name, maxBytes));
  }

  async close(): Promise<void> {
    this.session.close();
  }

  private tooLarge(name: string, maxBytes: number): BookFormatError {
    return new BookFormatError(
      'entry-too-large',
      `"${name}" in ${this.archiveName} is larger than ${mib(maxBytes)} once uncompressed; ` +
        'it was not read.',
    );
  }

  private unreachable(name: string): BookFormatError {
    if (this.rar?.solid && this.rar.version === 4) {
      return new BookFormatError(
        'unsupported-format',
        `"${name}" in ${this.archiveName} cannot be extracted: libarchive reads only the start of ` +
          'solid RAR 4 archives. Repack the comic as CBZ (or as a RAR 5 archive).',
      );
    }
    return new BookFormatError(
      'corrupt',
      `"${name}" in ${this.archiveName} could not be extracted; the archive is damaged.`,
    );
  }

  private extractError(name: string, error: unknown): BookFormatError {
    const message = error instanceof Error ? error.message : String(error);
    const rules: [RegExp, ProblemCode, string][] = [
      [/encrypt|passphrase|password/i, 'encrypted-archive', 'is encrypted (password-protected)'],
      [/truncat|premature|unexpected end/i, 'truncated', 'is cut short'],
    ];
    const [, code, what] = rules.find(([pattern]) => pattern.test(message)) ?? [
      undefined,
      'corrupt' as const,
      'is damaged',
    ];
    return new BookFormatError(
      code,
      `"${name}" in ${this.archiveName} could not be extracted: the archive ${what} ` +
        `(libarchive: ${message}).`,
    );
  }
}

// ── The worker ──────────────────────────────────────────────────────────────

/** An entry as libarchive.js's worker lists or extracts it. */
interface WorkerEntry {
  path: string;
  size: number;
  type?: string;
  fileData?: Uint8Array;
}

/** The worker's LibArchiveWorker class, as comlink exposes it. */
interface RemoteClient {
  open(file: Blob, onOpened: ProxyMarked & (() => void)): Promise<void>;
  listFiles(): Promise<WorkerEntry[]>;
  extractSingleFile(path: string): Promise<WorkerEntry | undefined>;
  hasEncryptedData(): Promise<boolean | null>;
}
type RemoteClientClass = new (onReady: ProxyMarked & (() => void)) => Promise<RemoteClient>;

/**
 * One worker thread and its comlink client. Every call races the worker
 * dying (error, exit) and a deadline, so a hostile archive can fail or
 * stall the worker but never hang or crash the agent.
 */
class WorkerSession {
  private closed = false;
  private stderr = '';
  private readonly died: Promise<never>;
  private client?: RemoteClient;

  private constructor(
    private readonly worker: Worker,
    private readonly name: string,
    private readonly timeoutMs: number,
  ) {
    // libarchive prints its errors; keep a little for messages, never let it reach our stderr.
    worker.stdout.resume();
    worker.stderr.setEncoding('utf8');
    worker.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 2000) this.stderr += chunk;
    });
    this.died = new Promise<never>((_, reject) => {
      worker.on('error', (error) => reject(this.crashed(error.message)));
      worker.on('exit', (code) => {
        if (!this.closed) reject(this.crashed(`the worker exited with code ${code}`));
      });
    });
    this.died.catch(() => undefined);
  }

  static async start(name: string, timeoutMs: number): Promise<WorkerSession> {
    const session = new WorkerSession(
      new Worker(WORKER_PATH, { stdout: true, stderr: true }),
      name,
      timeoutMs,
    );
    try {
      const Remote = wrap(nodeEndpoint(session.worker)) as unknown as RemoteClientClass;
      session.client = await session.guard('starting libarchive', async () => {
        let ready!: () => void;
        const isReady = new Promise<void>((resolve) => (ready = resolve));
        const client = await new Remote(proxy(() => ready()));
        await isReady;
        return client;
      });
      return session;
    } catch (error) {
      session.close();
      throw error;
    }
  }

  /** Hands the archive to the worker, which copies it into its wasm heap. */
  async open(file: Blob): Promise<void> {
    await this.call('opening', async (client) => {
      let opened!: () => void;
      const isOpen = new Promise<void>((resolve) => (opened = resolve));
      await client.open(
        file,
        proxy(() => opened()),
      );
      await isOpen;
    });
  }

  call<T>(what: string, use: (client: RemoteClient) => Promise<T>): Promise<T> {
    const client = this.client;
    if (!client || this.closed) {
      return Promise.reject(new BookFormatError('unreadable', `${this.name} is already closed.`));
    }
    return this.guard(what, () => use(client));
  }

  /** What libarchive printed so far, after letting its pipe catch up with the replies. */
  async errorOutput(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return this.stderr
      .split('\n')
      .map((line) => line.replace(/^\[\s*'|'\s*\]$/g, '').trim())
      .filter(Boolean)
      .join('; ');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate().catch(() => undefined);
  }

  private async guard<T>(what: string, run: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new BookFormatError(
            'timeout',
            `Reading ${this.name} (${what}) took longer than ${Math.round(this.timeoutMs / 1000)} s ` +
              'and was stopped; the archive may be damaged or built to exhaust the reader.',
          ),
        );
        this.close();
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([run(), this.died, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private crashed(reason: string): BookFormatError {
    return new BookFormatError(
      'unreadable',
      `libarchive stopped while reading ${this.name} (${reason}); the archive may be damaged.`,
    );
  }
}

/** comlink's Endpoint over a worker_threads Worker (comlink ships one only as untyped .mjs). */
function nodeEndpoint(worker: Worker): Endpoint {
  const listeners = new WeakMap<object, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) =>
      worker.postMessage(message, transfer as never),
    addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      const forward = (data: unknown) => {
        const event = { data } as MessageEvent;
        if ('handleEvent' in listener) listener.handleEvent(event);
        else listener(event);
      };
      worker.on('message', forward);
      listeners.set(listener, forward);
    },
    removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      const forward = listeners.get(listener);
      if (forward) worker.off('message', forward);
      listeners.delete(listener);
    },
  };
}

/** The source's bytes as a Blob, read in chunks so no single JS buffer holds them all. */
async function toBlob(source: ByteSource): Promise<Blob> {
  let blob = new Blob([]);
  for (let offset = 0; offset < source.size; offset += CHUNK_BYTES) {
    const want = Math.min(CHUNK_BYTES, source.size - offset);
    const chunk = await source.read(offset, want);
    if (chunk.byteLength !== want) {
      throw new BookFormatError(
        'unreadable',
        `${source.name} changed or became unreadable while it was being read.`,
      );
    }
    // A Blob copies a byte part and references a Blob part: each chunk is copied once, then dropped.
    blob = new Blob([blob, chunk as Uint8Array<ArrayBuffer>]);
  }
  return blob;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}
