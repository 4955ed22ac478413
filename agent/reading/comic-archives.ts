import type { ArchiveReader } from '#core/archive/archive';
import { openComicArchive } from '#core/formats/comic/container';
import {
  ComicPageError,
  listComicPages,
  type ComicPageList,
} from '#core/formats/comic/comic-pages';
import type { FormatPlatform } from '#core/formats/platform';
import { BookFormatError } from '#core/errors';
import { openFileSource } from '../files/file-source';
import type { BookFile } from './book-file';
import { ReadingError } from './reading-error';

/** An open comic: its archive, its pages in reading order, and which way they turn. */
export interface OpenComic extends ComicPageList {
  readonly archive: ArchiveReader;
}

export interface ComicArchivesOptions {
  /** Archives kept open at once. Default 4. */
  maxOpen?: number;
  /** An archive nobody read for this long is closed. Default 60 s. */
  idleMs?: number;
  /**
   * What the open archives may hold in memory together. RAR, 7z and tar are
   * read by libarchive from a copy of the whole file (opening one peaks at
   * three to four times its size); a ZIP holds only its file list. The most
   * recently read archive stays open whatever its size. Default 512 MiB.
   */
  maxHeldBytes?: number;
}

interface Opened extends OpenComic {
  heldBytes: number;
  close(): Promise<void>;
}

interface Slot {
  readonly path: string;
  /** Size and mtime of the file when it was opened: a changed file is opened again. */
  readonly version: string;
  readonly opening: Promise<Opened>;
  heldBytes: number;
  users: number;
  retired: boolean;
  idle?: ReturnType<typeof setTimeout>;
  /** Set once the archive is being closed. */
  closing?: Promise<void>;
}

const MiB = 1024 * 1024;

/**
 * The comics the reader has open, so turning a page reads one entry of an
 * archive already open instead of opening it again: a 500 MB CBR is copied
 * into libarchive once per reading session, not once per page. A small LRU
 * by file path; an archive is closed when it falls out, after a minute
 * unread, or when its file's size or mtime changes. Closing waits for the
 * reads still using the archive.
 */
export class ComicArchives {
  /** By path, least recently used first (Map keeps insertion order; a use re-inserts). */
  private readonly slots = new Map<string, Slot>();
  private readonly maxOpen: number;
  private readonly idleMs: number;
  private readonly maxHeldBytes: number;
  /** How many times an archive was opened (for tests and measurements). */
  opened = 0;

  constructor(
    private readonly platform: FormatPlatform,
    options: ComicArchivesOptions = {},
  ) {
    this.maxOpen = options.maxOpen ?? 4;
    this.idleMs = options.idleMs ?? 60_000;
    this.maxHeldBytes = options.maxHeldBytes ?? 512 * MiB;
  }

  /** Runs `work` on the comic, open (or opened now) for as long as it takes. */
  async use<T>(file: BookFile, work: (comic: OpenComic) => Promise<T>): Promise<T> {
    const slot = this.take(file);
    try {
      return await work(await slot.opening);
    } catch (error) {
      // An archive that failed to open, or whose reader broke (a worker that timed out), is not lent again.
      if (breaksReader(error)) this.retire(slot);
      throw error;
    } finally {
      this.giveBack(slot);
    }
  }

  /** How many archives are open (or opening). */
  get size(): number {
    return this.slots.size;
  }

  /** Closes every archive (the agent is stopping); reads under way finish first. */
  async close(): Promise<void> {
    const slots = [...this.slots.values()];
    for (const slot of slots) this.retire(slot);
    await Promise.all(slots.map((slot) => slot.closing));
  }

  private take(file: BookFile): Slot {
    const version = `${file.size}:${file.mtimeMs}`;
    let slot = this.slots.get(file.path);
    if (slot && slot.version !== version) {
      this.retire(slot);
      slot = undefined;
    }
    if (slot) this.slots.delete(file.path);
    slot ??= this.open(file, version);
    this.slots.set(file.path, slot);
    slot.users++;
    clearTimeout(slot.idle);
    this.evict();
    return slot;
  }

  private giveBack(slot: Slot): void {
    slot.users--;
    if (slot.users > 0) return;
    if (slot.retired) {
      slot.closing ??= closeSlot(slot);
      return;
    }
    slot.idle = setTimeout(() => this.retire(slot), this.idleMs);
    // An idle archive must not keep the agent (or a test) running.
    slot.idle.unref();
    this.evict();
  }

  private open(file: BookFile, version: string): Slot {
    this.opened++;
    const opening = this.openComic(file);
    const slot: Slot = {
      path: file.path,
      version,
      heldBytes: 0,
      users: 0,
      retired: false,
      opening,
    };
    // Whoever uses the slot sees a failure; this handler only counts what an open archive holds.
    opening.then(
      (comic) => {
        slot.heldBytes = comic.heldBytes;
        this.evict();
      },
      () => undefined,
    );
    return slot;
  }

  private async openComic(file: BookFile): Promise<Opened> {
    const source = await openFileSource(file.path);
    let archive: ArchiveReader | undefined;
    try {
      const opened = await openComicArchive(source, file.format, this.platform);
      archive = opened.archive;
      const reader = archive;
      return {
        archive,
        ...(await listComicPages(archive, file.name)),
        heldBytes: opened.container === 'zip' ? 0 : source.size,
        close: async () => {
          await reader.close();
          await source.close();
        },
      };
    } catch (error) {
      await archive?.close();
      await source.close();
      throw error;
    }
  }

  /**
   * Closes the least recently used archives nobody is reading while there are
   * too many, or they hold too much; never the most recent (a comic larger
   * than the limit is still read from one opening).
   */
  private evict(): void {
    const held = () => [...this.slots.values()].reduce((sum, slot) => sum + slot.heldBytes, 0);
    for (const slot of [...this.slots.values()].slice(0, -1)) {
      if (this.slots.size <= this.maxOpen && held() <= this.maxHeldBytes) return;
      if (slot.users === 0) this.retire(slot);
    }
  }

  private retire(slot: Slot): void {
    clearTimeout(slot.idle);
    if (this.slots.get(slot.path) === slot) this.slots.delete(slot.path);
    if (slot.retired) return;
    slot.retired = true;
    if (slot.users === 0) slot.closing ??= closeSlot(slot);
  }
}

async function closeSlot(slot: Slot): Promise<void> {
  try {
    await (await slot.opening).close();
  } catch {
    // It never opened, or closing failed: nothing is left to free either way.
  }
}

/** ComicInfo's reading direction; a missing or unreadable ComicInfo reads left to right. */
/** Refusals about one page (too large, encrypted, past the end) leave the archive fit for the next. */
function breaksReader(error: unknown): boolean {
  if (error instanceof ReadingError) return false;
  // A password-protected comic stays refused; a missing or non-image page leaves the archive fine.
  if (error instanceof ComicPageError) return error.problem === 'encrypted';
  return !(
    error instanceof BookFormatError &&
    ['entry-too-large', 'missing-entry', 'encrypted-archive'].includes(error.code)
  );
}
