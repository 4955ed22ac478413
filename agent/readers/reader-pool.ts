import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import workerpool from 'workerpool';
import type { BookFormat, CoverRef } from '#core/formats/types';
import { CoverImageError } from '#core/images/cover-image-error';
import type { MadeCover } from '../covers/make-cover';
import type { ConversionOutcome } from '../reading/mobi/convert-mobi';
import type { FileReading } from '../scan/read-file';

/**
 * The reader script, and how Node runs it: from the agent's bundle when the
 * agent runs bundled (agent/bin/bundle.js sets COLOPHON_BUNDLE), else from its
 * TypeScript source through tsx (tests import the agent's modules directly).
 */
function readerScript(): { path: string; execArgv: string[] } {
  const bundle = process.env.COLOPHON_BUNDLE;
  if (bundle) return { path: join(bundle, 'reader-worker.js'), execArgv: [] };
  return {
    path: join(import.meta.dirname, 'reader-worker.ts'),
    execArgv: ['--import', import.meta.resolve('../bin/run-typescript.js')],
  };
}
/** No file should take this long to read; past it the reader process is killed and replaced. */
const TASK_TIMEOUT_MS = 60_000;
/** Reader processes are let go after this long without work, and started again when needed. */
const IDLE_MS = 30_000;

type Pool = ReturnType<typeof workerpool.pool>;

function describe(error: unknown): string {
  if (error instanceof workerpool.Promise.TimeoutError) {
    return `Reading took longer than ${TASK_TIMEOUT_MS / 1000} s and was abandoned.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return /terminated unexpectedly|exited/i.test(message)
    ? 'The reader crashed on this file (it is probably damaged or hostile); the scan went on.'
    : message;
}

/**
 * Reader processes (workerpool, one per core, at least two): every library
 * file is parsed and every cover made in a child process, with a deadline.
 * A file that hangs, crashes or exhausts memory takes down one reader, which
 * is replaced; the agent and its other work go on, and its own memory stays
 * small.
 */
export class ReaderPool {
  private pool?: Pool;
  private idleTimer?: ReturnType<typeof setTimeout>;
  private running = 0;
  /** The highest peak memory any reader process reported, in MB. */
  peakRssMb = 0;

  constructor(private readonly size = Math.max(2, availableParallelism())) {}

  private get workers(): Pool {
    if (this.pool) return this.pool;
    const script = readerScript();
    this.pool = workerpool.pool(script.path, {
      workerType: 'process',
      maxWorkers: this.size,
      forkOpts: {
        execArgv: script.execArgv,
        // Fewer malloc arenas: native decoders in many threads otherwise fragment memory.
        env: { ...process.env, MALLOC_ARENA_MAX: '2' },
      },
    });
    return this.pool;
  }

  private async run<T>(method: string, params: unknown[]): Promise<T> {
    this.running++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      const answer = (await this.workers.exec(method, params).timeout(TASK_TIMEOUT_MS)) as {
        value: T;
        peakRssMb: number;
      };
      // `value` may be absent: undefined does not survive the trip as JSON.
      if (typeof answer !== 'object' || answer === null || typeof answer.peakRssMb !== 'number') {
        throw new Error(`The reader process answered ${method} with something unexpected.`);
      }
      this.peakRssMb = Math.max(this.peakRssMb, answer.peakRssMb);
      return answer.value;
    } finally {
      if (--this.running === 0) {
        this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
        this.idleTimer.unref();
      }
    }
  }

  /** Reads a library file in a reader process; never throws (a failure is the file's problem). */
  async readFile(path: string, relPath: string, format: BookFormat): Promise<FileReading> {
    try {
      return await this.run<FileReading>('readFile', [path, relPath, format]);
    } catch (error) {
      const timedOut = error instanceof workerpool.Promise.TimeoutError;
      return {
        contentKey: null,
        problem: { code: timedOut ? 'timeout' : 'unreadable', message: describe(error) },
      };
    }
  }

  /** Makes a cover's thumbnails in a reader process; throws CoverImageError with the reason. */
  async makeCover(
    path: string,
    format: BookFormat,
    ref: CoverRef,
    coversDir: string,
  ): Promise<MadeCover | undefined> {
    try {
      return await this.run<MadeCover | undefined>('makeCover', [path, format, ref, coversDir]);
    } catch (error) {
      throw new CoverImageError(describe(error));
    }
  }

  /**
   * Makes a cover from image bytes (an upload, a source's download) in a
   * reader process: they travel as base64; throws CoverImageError with the reason.
   */
  async coverFromBytes(bytes: Uint8Array, coversDir: string): Promise<MadeCover> {
    const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
    try {
      return await this.run<MadeCover>('coverFromBytes', [base64, coversDir]);
    } catch (error) {
      throw new CoverImageError(describe(error));
    }
  }

  /**
   * Converts a MOBI or AZW3 file to EPUB at `outPath` in a reader process;
   * never throws (a reader that crashed or ran out of time is the outcome).
   */
  async convertMobi(
    path: string,
    format: 'mobi' | 'azw3',
    outPath: string,
    workRoot: string,
  ): Promise<ConversionOutcome> {
    try {
      return await this.run<ConversionOutcome>('convertMobi', [path, format, outPath, workRoot]);
    } catch (error) {
      return {
        ok: false,
        problem: 'conversion-failed',
        message: `Colophon could not convert this book for reading: ${describe(error)}`,
        transient: true,
      };
    }
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const pool = this.pool;
    this.pool = undefined;
    await pool?.terminate();
  }
}
