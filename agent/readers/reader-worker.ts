import workerpool from 'workerpool';
import type { BookFormat, CoverRef } from '#core/formats/types';
import { makeCover } from '../covers/make-cover';
import { nodePlatform } from '../platform/node-platform';
import { readLibraryFile } from '../scan/read-file';

/**
 * A reader process: parses library files and makes cover thumbnails for the
 * agent, so that pdf.js, libarchive and libvips (and whatever a hostile file
 * does to them) live and die here, not in the agent that serves the app.
 */
const platform = nodePlatform();

/** Each answer carries this process's peak memory, so the agent can tell what readers cost. */
async function withPeak<T>(work: Promise<T>): Promise<{ value: T; peakRssMb: number }> {
  const value = await work;
  return { value, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

workerpool.worker({
  readFile: (path: string, relPath: string, format: BookFormat) =>
    withPeak(readLibraryFile(path, relPath, format, platform)),
  makeCover: (path: string, format: BookFormat, ref: CoverRef, coversDir: string) =>
    withPeak(makeCover(path, format, ref, coversDir, platform)),
});
