import { decodeText, type ArchiveReader } from '#core/archive/archive';
import type { RarHeaders } from '#core/archive/rar-comment';
import { BookFormatError } from '#core/errors';
import type { Entry } from './entries';
import { entryTooLarge, entryUnreachable, extractError } from './extract-errors';
import type { LibarchiveSession, WorkerEntry } from './session';

/** An open archive: entries listed up front, each read extracted by the worker on demand. */
export class LibarchiveReader implements ArchiveReader {
  readonly comment?: string;

  constructor(
    private readonly archiveName: string,
    readonly entries: readonly Entry[],
    private readonly session: LibarchiveSession,
    private readonly rar: RarHeaders | undefined,
    /** Ends or gives back the worker session when the archive is closed. */
    private readonly release: () => void,
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
    if (entry.size > maxBytes) throw entryTooLarge(this.archiveName, entry.name, maxBytes);
    if (entry.unreachable) throw entryUnreachable(this.archiveName, entry.name, this.rar);
    let data: WorkerEntry | undefined;
    try {
      data = await this.session.call(`"${entry.name}"`, (c) => c.extractSingleFile(entry.name));
    } catch (error) {
      throw error instanceof BookFormatError
        ? error
        : extractError(this.archiveName, entry.name, error);
    }
    if (!data?.fileData) throw entryUnreachable(this.archiveName, entry.name, this.rar);
    const bytes = data.fileData;
    if (bytes.byteLength > maxBytes) throw entryTooLarge(this.archiveName, entry.name, maxBytes);
    return bytes;
  }

  async readText(name: string, maxBytes: number): Promise<string> {
    return decodeText(await this.read(name, maxBytes));
  }

  async close(): Promise<void> {
    this.release();
  }
}
