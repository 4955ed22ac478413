import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openZip } from '#core/archive/zip';
import { apiErrorSchema } from '#core/api/request-input';
import { convertedEpubUrl } from '#core/api/reading';
import { bytesSource } from '#core/bytes/byte-source';
import { locatePackage } from '#core/formats/epub/container';
import { readEpub } from '#core/formats/epub/index';
import { readManifest } from '#core/formats/epub/manifest';
import { childrenNamed, descendantsNamed, parseXml } from '#core/xml/parse-xml';
import { corpusDir, corpusFiles, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { makeEpub } from '../support/make-epub';
import { makePalmDoc } from '../support/make-palmdoc';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

/**
 * MOBI and AZW3 books as EPUB (/api/books/:id/epub) over a real agent: every
 * MOBI of the corpus, read in place, converted by a reader process and read
 * back by the project's own EPUB parser; the cache, DRM and the refusals.
 */

const DRM = 'mobi/libmobi_sample-drm-v1.mobi';
const MiB = 1024 * 1024;

/** What a reading system needs of the EPUB: a title, a spine of well-formed chapters. */
async function checkEpub(bytes: Uint8Array, name: string) {
  const source = bytesSource(bytes, name);
  const extraction = await readEpub(source);
  const title = extraction.candidates.find((c) => c.field === 'title')?.value;
  const zip = await openZip(source);
  try {
    expect(zip.entries[0]?.name).toBe('mimetype');
    expect(zip.entries[0]?.compressedSize).toBe(zip.entries[0]?.size);
    expect(await zip.readText('mimetype', 100)).toBe('application/epub+zip');
    const { path } = await locatePackage(zip, MiB);
    const opf = parseXml(await zip.readText(path, 4 * MiB), { name: path });
    const manifest = readManifest(opf.root, path.split('/').slice(0, -1).join('/'));
    const spine = descendantsNamed(opf.root, 'spine')[0];
    const chapters = (spine ? childrenNamed(spine, 'itemref') : []).map((ref) =>
      manifest.find((item) => item.id === ref.attributes['idref']),
    );
    for (const chapter of chapters) {
      expect(chapter?.mediaType).toBe('application/xhtml+xml');
      const xhtml = await zip.readText(chapter?.path ?? '', 16 * MiB);
      expect(XMLValidator.validate(xhtml), chapter?.path).toBe(true);
      // Links out of the book may stay; nothing that loads from outside it may.
      expect(xhtml).not.toMatch(/<script|\son\w+=|\ssrc="[a-z]+:|<link[^>]*href="[a-z]+:/i);
    }
    const nav = manifest.find((item) => item.properties.includes('nav'));
    expect(nav && XMLValidator.validate(await zip.readText(nav.path ?? '', MiB))).toBe(true);
    for (const item of manifest) expect(item.path && zip.find(item.path), item.href).toBeTruthy();
    return { title, chapters: chapters.length, warnings: extraction.warnings };
  } finally {
    await zip.close();
  }
}

describe('MOBI and AZW3 as EPUB (/api/books/:id/epub)', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const data = tempDir('epub-data');
  const made = tempDir('epub-made');
  let agent: TestAgent;
  let reader: TestSession;
  const convertible = [...corpusFiles('mobi', '.mobi'), ...corpusFiles('mobi', '.azw3')].filter(
    (rel) => rel !== DRM,
  );

  function bookId(name: string): string {
    const row = agent.agent.ctx.db
      .prepare('SELECT book_id FROM files WHERE rel_path = ?')
      .get(name.replace(/^mobi\//, '')) as { book_id: string } | undefined;
    if (!row) throw new Error(`${name} was not cataloged`);
    return row.book_id;
  }

  beforeAll(async () => {
    writeFileSync(join(made.path, 'novel.epub'), await makeEpub({ title: 'A Novel' }));
    writeFileSync(
      join(made.path, 'letters.mobi'),
      makePalmDoc('Letters', '<html><body><h1>Letters</h1><p>First edition.</p></body></html>'),
    );
    // HUFF/CDIC compression, which a PalmDOC book never has: nothing to convert.
    writeFileSync(join(made.path, 'odd.mobi'), makePalmDoc('Odd', 'text', 17480));
    agent = await startTestAgent(
      data.path,
      corpusDir ? [made.path, corpusPath('mobi')] : [made.path],
    );
    reader = await agent.signIn('rita', 'reader');
    await agent.scan();
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    made.remove();
  });

  it.skipIf(!corpusDir)(
    'shares one conversion between requests that come together (before any is kept)',
    async () => {
      const url = convertedEpubUrl(bookId('mobi/libmobi_sample-textread.mobi'));
      const { epubs } = agent.agent.reading;
      const before = epubs.conversions;
      const answers = await Promise.all([
        reader.fetch(url),
        reader.fetch(url),
        agent.admin.fetch(url),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(epubs.conversions).toBe(before + 1);
    },
  );

  it.skipIf(!corpusDir).each(convertible)(
    'converts %s into an EPUB the EPUB parser reads, with a title and chapters',
    async (rel) => {
      const response = await reader.fetch(convertedEpubUrl(bookId(rel)));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/epub+zip');
      const epub = await checkEpub(new Uint8Array(await response.arrayBuffer()), rel);
      expect(epub.title).toBeTruthy();
      expect(epub.chapters).toBeGreaterThanOrEqual(1);
      expect(epub.warnings).toEqual([]);
    },
  );

  it.skipIf(!corpusDir)(
    'converts a book once and serves the kept EPUB after, with ranges',
    async () => {
      const url = convertedEpubUrl(bookId('mobi/calibre_r-u-r.mobi'));
      const { epubs } = agent.agent.reading;
      const first = new Uint8Array(await (await reader.fetch(url)).arrayBuffer());
      const conversions = epubs.conversions;
      const again = await reader.fetch(url);
      expect(new Uint8Array(await again.arrayBuffer())).toEqual(first);
      const part = await reader.fetch(url, { headers: { range: 'bytes=0-57' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 0-57/${first.byteLength}`);
      expect(new TextDecoder().decode(await part.arrayBuffer())).toContain(
        'mimetypeapplication/epub+zip',
      );
      expect(epubs.conversions).toBe(conversions);
    },
  );

  it.skipIf(!corpusDir)(
    'refuses a book with DRM with 422, saying where it can be read',
    async () => {
      const url = convertedEpubUrl(bookId(DRM));
      for (let i = 0; i < 2; i++) {
        const response = await reader.fetch(url);
        expect(response.status).toBe(422);
        expect(apiErrorSchema.parse(await response.json())).toMatchObject({
          error: 'drm',
          message:
            'This book is protected by DRM; Colophon cannot open it. Download it to read it in the app it was bought for.',
        });
      }
    },
  );

  it('converts a changed file again, and removes the EPUB of its earlier version', async () => {
    const url = convertedEpubUrl(bookId('letters.mobi'));
    const { epubs } = agent.agent.reading;
    const text = async () => {
      const epub = new Uint8Array(await (await reader.fetch(url)).arrayBuffer());
      const zip = await openZip(bytesSource(epub, 'letters.epub'));
      try {
        return await zip.readText('OEBPS/c0001.xhtml', MiB);
      } finally {
        await zip.close();
      }
    };
    expect(await text()).toContain('First edition.');
    const converted = () => readdirSync(epubs.dir).filter((n) => n.endsWith('.epub'));
    const before = converted();
    const conversions = epubs.conversions;

    const revised = join(made.path, 'letters.mobi');
    writeFileSync(
      revised,
      makePalmDoc(
        'Letters',
        '<html><body><h1>Letters</h1><p>Second edition, revised.</p></body></html>',
      ),
    );
    const later = new Date(Date.now() + 60_000);
    utimesSync(revised, later, later);
    expect(await text()).toContain('Second edition, revised.');
    expect(epubs.conversions).toBe(conversions + 1);
    expect(converted().length).toBe(before.length);
  });

  it('answers a book it cannot convert with 422 and a sentence, not a 500', async () => {
    const response = await reader.fetch(convertedEpubUrl(bookId('odd.mobi')));
    expect(response.status).toBe(422);
    const body = apiErrorSchema.parse(await response.json());
    expect(body.error).toBe('conversion-failed');
    expect(body.message).toMatch(
      /^Colophon could not convert this book for reading: .+\. Download it/,
    );
  });

  it('refuses a book that is not MOBI or AZW3 with 409, an unknown one with 404, and anyone not signed in', async () => {
    const novel = await reader.fetch(convertedEpubUrl(bookId('novel.epub')));
    expect(novel.status).toBe(409);
    expect(apiErrorSchema.parse(await novel.json()).message).toMatch(
      /EPUB file; only MOBI or AZW3/,
    );
    expect((await reader.fetch(convertedEpubUrl('nope'))).status).toBe(404);
    expect((await fetch(`${agent.url}${convertedEpubUrl(bookId('novel.epub'))}`)).status).toBe(401);
  });
});
