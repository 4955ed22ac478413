import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CoverImageError } from '#core/images/cover-image-error';
import { ReaderPool } from '../../agent/readers/reader-pool';
import { makePdf } from '../support/make-pdf';
import { tempDir } from '../support/temp';

describe('reader processes', () => {
  const dir = tempDir('reader-pool');
  // One process: the PDF read and the failing task run in the same one.
  const pool = new ReaderPool(1);
  afterAll(async () => {
    await pool.close();
    dir.remove();
  });

  it('reads a file and reports its peak memory', async () => {
    const path = join(dir.path, 'small.pdf');
    writeFileSync(path, makePdf({ title: 'Small' }));
    const reading = await pool.readFile(path, 'small.pdf', 'pdf');
    expect(reading.problem).toBeUndefined();
    expect(pool.peakRssMb).toBeGreaterThan(0);
  });

  // pdf.js's polyfills once made every later error arrive without its message.
  it('keeps an error’s message after a PDF was read in the same process', async () => {
    const failure = pool.coverFromBytes(new TextEncoder().encode('not an image'), dir.path);
    await expect(failure).rejects.toBeInstanceOf(CoverImageError);
    await expect(failure).rejects.toThrow('not a JPEG, PNG, WebP, GIF or AVIF image');
  });
});
