/**
 * An in-memory folder with the File System Access API's handle methods the
 * scanner and the renamer use (entries, keys, getFile, getDirectoryHandle,
 * getFileHandle, removeEntry, isSameEntry, move), for tests in Node.
 */

interface StoredFile {
  bytes: Uint8Array;
  lastModified: number;
}

function notFound(name: string): DOMException {
  return new DOMException(`${name} was not found`, 'NotFoundError');
}

function typeMismatch(name: string): DOMException {
  return new DOMException(`${name} is not of the kind asked for`, 'TypeMismatchError');
}

export class MemoryFile {
  readonly kind = 'file';
  constructor(
    public name: string,
    public parent: MemoryDirectory,
  ) {}

  private stored(): StoredFile {
    const file = this.parent.files.get(this.name);
    if (!file || this.parent.detached) throw notFound(this.name);
    return file;
  }

  async getFile(): Promise<File> {
    const { bytes, lastModified } = this.stored();
    return new File([bytes as Uint8Array<ArrayBuffer>], this.name, { lastModified });
  }

  async isSameEntry(other: unknown): Promise<boolean> {
    return other instanceof MemoryFile && other.parent === this.parent && other.name === this.name;
  }

  async move(destination: MemoryDirectory, newName: string): Promise<void> {
    const file = this.stored();
    if (destination.files.has(newName) || destination.dirs.has(newName)) {
      throw new DOMException(`${newName} exists`, 'InvalidModificationError');
    }
    this.parent.files.delete(this.name);
    destination.files.set(newName, file);
    this.parent = destination;
    this.name = newName;
  }
}

export class MemoryDirectory {
  readonly kind = 'directory';
  readonly files = new Map<string, StoredFile>();
  readonly dirs = new Map<string, MemoryDirectory>();
  detached = false;
  /** Set to make listing this folder fail, as an unreadable folder does. */
  failListing = false;

  constructor(readonly name: string) {}

  async *entries(): AsyncGenerator<[string, MemoryDirectory | MemoryFile]> {
    if (this.failListing) throw new DOMException('denied', 'NotAllowedError');
    for (const [name, dir] of this.dirs) yield [name, dir];
    for (const name of this.files.keys()) yield [name, new MemoryFile(name, this)];
  }

  async *keys(): AsyncGenerator<string> {
    for await (const [name] of this.entries()) yield name;
  }

  async getDirectoryHandle(
    name: string,
    options: { create?: boolean } = {},
  ): Promise<MemoryDirectory> {
    const found = this.dirs.get(name);
    if (found) return found;
    if (this.files.has(name)) throw typeMismatch(name);
    if (!options.create) throw notFound(name);
    const dir = new MemoryDirectory(name);
    this.dirs.set(name, dir);
    return dir;
  }

  async getFileHandle(name: string, options: { create?: boolean } = {}): Promise<MemoryFile> {
    if (this.dirs.has(name)) throw typeMismatch(name);
    if (!this.files.has(name)) {
      if (!options.create) throw notFound(name);
      this.files.set(name, { bytes: new Uint8Array(0), lastModified: Date.now() });
    }
    return new MemoryFile(name, this);
  }

  async removeEntry(name: string): Promise<void> {
    if (this.files.delete(name)) return;
    const dir = this.dirs.get(name);
    if (!dir) throw notFound(name);
    dir.detached = true;
    this.dirs.delete(name);
  }

  async isSameEntry(other: unknown): Promise<boolean> {
    return other === this;
  }

  /** Test helpers, by '/'-separated path. */
  write(path: string, bytes: Uint8Array | string, lastModified = 1_700_000_000_000): this {
    const parts = path.split('/');
    const name = parts.pop() as string;
    const dir = parts.reduce<MemoryDirectory>((at, part) => {
      let next = at.dirs.get(part);
      if (!next) at.dirs.set(part, (next = new MemoryDirectory(part)));
      return next;
    }, this);
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    dir.files.set(name, { bytes: data, lastModified });
    return this;
  }

  remove(path: string): void {
    const parts = path.split('/');
    const name = parts.pop() as string;
    const dir = parts.reduce<MemoryDirectory | undefined>((at, part) => at?.dirs.get(part), this);
    dir?.files.delete(name);
  }

  /** Every file path below this folder, sorted, with its content as text. */
  tree(): Record<string, string> {
    const out: Record<string, string> = {};
    const visit = (dir: MemoryDirectory, prefix: string) => {
      for (const [name, file] of dir.files)
        out[prefix + name] = new TextDecoder().decode(file.bytes);
      for (const [name, sub] of dir.dirs) visit(sub, `${prefix}${name}/`);
    };
    visit(this, '');
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** As the DOM type the code under test takes. */
  get handle(): FileSystemDirectoryHandle {
    return this as unknown as FileSystemDirectoryHandle;
  }
}
