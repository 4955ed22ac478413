import workerpool from 'workerpool';
import type { BookFormat, CoverRef } from '#core/formats/types';
import { makeCover } from '../covers/make-cover';
import { coverFromBytes } from '../metadata/covers/cover-from-bytes';
import { nodePlatform } from '../platform/node-platform';
import { convertMobi } from '../reading/mobi/convert-mobi';
import { readLibraryFile } from '../scan/read-file';

/**
 * A reader process: parses library files, makes cover thumbnails and turns
 * MOBI books into EPUBs for the agent, so that pdf.js, libarchive, libvips
 * and the MOBI parser (and whatever a hostile file does to them) live and
 * die here, not in the agent that serves the app.
 */
// A reader process ends by exiting, so it can keep a libarchive worker between comics.
const platform = nodePlatform({ keepWorkers: true });

/**
 * An error as it crosses to the agent. workerpool sends errors through
 * `JSON.stringify(error, Object.getOwnPropertyNames(error))`, which answers
 * `{}` once pdf.js's legacy build has installed its polyfills: the message
 * was lost. With toJSON, workerpool serialises what this returns instead.
 */
function portable(error: unknown): Error & { toJSON(): Record<string, string> } {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  return Object.assign(new Error(message), { toJSON: () => ({ name, message, stack }) });
}

/** Each answer carries this process's peak memory, so the agent can tell what readers cost. */
async function withPeak<T>(work: Promise<T>): Promise<{ value: T; peakRssMb: number }> {
  try {
    const value = await work;
    return { value, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  } catch (error) {
    throw portable(error);
  }
}

workerpool.worker({
  readFile: (path: string, relPath: string, format: BookFormat) =>
    withPeak(readLibraryFile(path, relPath, format, platform)),
  makeCover: (path: string, format: BookFormat, ref: CoverRef, coversDir: string) =>
    withPeak(makeCover(path, format, ref, coversDir, platform)),
  coverFromBytes: (base64: string, coversDir: string) =>
    withPeak(coverFromBytes(base64, coversDir)),
  convertMobi: (path: string, format: 'mobi' | 'azw3', outPath: string, workRoot: string) =>
    withPeak(convertMobi(path, format, outPath, workRoot)),
});
