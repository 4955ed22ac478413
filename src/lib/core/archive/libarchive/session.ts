/**
 * What the shared libarchive code needs of a host's worker: the agent runs
 * libarchive.js in a worker thread, the browser in a Web Worker; both list and
 * extract through the same client, and both bound every call by a deadline.
 */

/** An entry as libarchive.js's worker lists or extracts it. */
export interface WorkerEntry {
  path: string;
  size: number;
  type?: string;
  fileData?: Uint8Array;
}

/** The calls of libarchive.js's worker client that listing and extracting use. */
export interface LibarchiveClient {
  listFiles(): Promise<WorkerEntry[]>;
  extractSingleFile(path: string): Promise<WorkerEntry | undefined>;
  hasEncryptedData(): Promise<boolean | null>;
}

/** One open archive in a host's worker. */
export interface LibarchiveSession {
  /** Runs `use` against the worker; rejects (never hangs) when the worker fails or stalls. */
  call<T>(what: string, use: (client: LibarchiveClient) => Promise<T>): Promise<T>;
}
