import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobWriter, TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCoverDoc, type CoverDoc } from '#core/schema/cover-doc';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { opfFor } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

/** An EPUB whose manifest names a cover image whose bytes are not an image at all. */
async function epubWithBrokenCover(): Promise<Uint8Array> {
  const opf = opfFor({ title: 'Broken Cover' }).replace(
    '<manifest>',
    '<manifest><item id="c" href="cover.jpg" media-type="image/jpeg" properties="cover-image"/>',
  );
  const zip = new ZipWriter(new BlobWriter(), { useWebWorkers: false });
  await zip.add('mimetype', new TextReader('application/epub+zip'), { level: 0 });
  await zip.add(
    'META-INF/container.xml',
    new TextReader(
      '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
  );
  await zip.add('OEBPS/content.opf', new TextReader(opf));
  // JPEG magic, then garbage: sniffed as an image, fails to decode.
  await zip.add(
    'OEBPS/cover.jpg',
    new Uint8ArrayReader(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5])),
  );
  return new Uint8Array(await (await zip.close()).arrayBuffer());
}

describe('covers', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const data = tempDir('covers-data');
  const library = tempDir('covers-library');
  let agent: TestAgent;
  const withCovers = [
    'epub/se_h-g-wells_the-time-machine.epub', // an SVG cover
    'epub/kavita_TitleWithVolume.epub', // a JPEG cover
    'mobi/libmobi_sample-cp1252.mobi',
    'pdf/pdfjs_issue1002.pdf',
    'comics/comicbox_Captain Science #001.cbz',
    'comics/comicbox_Captain Science #001-cbi.cbr',
  ];

  beforeAll(async () => {
    if (corpusDir) {
      mkdirSync(join(library.path, 'copies'));
      for (const rel of withCovers)
        copyFileSync(corpusPath(rel), join(library.path, rel.replace(/\//g, '_')));
      copyFileSync(
        corpusPath(withCovers[1] as string),
        join(library.path, 'copies', 'same-book-again.epub'),
      );
    }
    writeFileSync(join(library.path, 'broken-cover.epub'), await epubWithBrokenCover());
    agent = await startTestAgent(data.path, [library.path]);
    await agent.scan();
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  async function coverDocs(): Promise<
    (CoverDoc & { _attachments?: Record<string, { content_type: string }> })[]
  > {
    const all = await agent.agent.ctx.catalog.db.allDocs({
      include_docs: true,
      startkey: 'cover:',
      endkey: 'cover:\uffff',
    });
    return all.rows.map(
      (r) =>
        ({
          ...readCoverDoc(r.doc),
          _attachments: (r.doc as { _attachments?: never })._attachments,
        }) as never,
    );
  }

  it.skipIf(!corpusDir)(
    'makes a cover for every format, with a small thumbnail attached and a medium one served',
    async () => {
      const docs = await coverDocs();
      // Every corpus book with a cover, plus the copy.
      expect(docs).toHaveLength(withCovers.length + 1);
      for (const doc of docs) {
        expect(doc._attachments?.['small.webp']?.content_type).toBe('image/webp');
        expect(doc.small.width).toBeLessThanOrEqual(160);
        const response = await agent.admin.fetch(`/api/covers/${doc.hash}/medium`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/webp');
        expect(response.headers.get('cache-control')).toContain('immutable');
        expect(response.headers.get('cache-control')).toContain('private');
      }
    },
  );

  it.skipIf(!corpusDir)('gives a copy of a book the same cover', async () => {
    const rows = agent.agent.ctx.db
      .prepare(
        "SELECT cover_made FROM files WHERE rel_path LIKE '%TitleWithVolume%' OR rel_path LIKE '%same-book-again%'",
      )
      .all() as { cover_made: string }[];
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[0]?.cover_made ?? '{}').hash).toBe(
      JSON.parse(rows[1]?.cover_made ?? '{}').hash,
    );
  });

  it('logs a cover that cannot be decoded and makes no document for it (the app shows a placeholder)', async () => {
    const ops = agent.agent.oplog.list({ limit: 1000 }).filter((op) => op.kind === 'cover.failed');
    expect(ops.map((op) => op.subject)).toContain('broken-cover.epub');
    expect(ops.find((op) => op.subject === 'broken-cover.epub')?.message).toMatch(
      /cannot be decoded/,
    );
    const row = agent.agent.ctx.db
      .prepare("SELECT cover_state FROM files WHERE rel_path = 'broken-cover.epub'")
      .get();
    expect(row).toEqual({ cover_state: 'failed' });
  });

  it('answers 404 for covers it does not have, and for anything that is not a hash', async () => {
    expect((await agent.admin.fetch(`/api/covers/${'a'.repeat(64)}/small`)).status).toBe(404);
    expect((await agent.admin.fetch(`/api/covers/..%2F..%2Fetc%2Fpasswd/small`)).status).toBe(404);
    expect((await agent.admin.fetch(`/api/covers/${'a'.repeat(64)}/huge`)).status).toBe(404);
  });
});
