import { fullTitle } from '../../metadata/full-title';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  corpusDir,
  corpusFiles,
  expected,
  NO_CORPUS_MESSAGE,
  readCorpusSource,
} from '#test-support/corpus';
import { openZip } from '../../archive/zip';
import { bytesSource } from '../../bytes/byte-source';
import { BookFormatError, type ProblemCode } from '../../errors';
import { ORIGIN_CONFIDENCE } from '../../metadata/confidence';
import type { BookMetadata } from '../../metadata/types';
import type { Extraction } from '../types';
import { readEpub } from './index';

const MiB = 1024 * 1024;

/** The candidates of an extraction as one BookMetadata (each field appears once here). */
function metadataOf(extraction: Extraction): BookMetadata {
  return Object.fromEntries(extraction.candidates.map((c) => [c.field, c.value])) as BookMetadata;
}

/** The outcome of reading: the extraction, or the code of the BookFormatError. */
async function outcome(read: Promise<Extraction>): Promise<Extraction | ProblemCode> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof BookFormatError) return error.code;
    throw error;
  }
}

/** Every file under a folder with its size and mtime, to prove nothing was written. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => {
      const stat = statSync(path.join(dir, rel));
      return `${rel} ${stat.size} ${stat.mtimeMs}`;
    })
    .sort();
}

describe.skipIf(!corpusDir)('readEpub on the corpus', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  let before: string[] = [];
  beforeAll(() => {
    before = snapshot(corpusDir ?? '.');
  });
  afterAll(() => {
    expect(snapshot(corpusDir ?? '.')).toEqual(before);
  });

  describe.each(corpusFiles('epub', '.epub'))('%s', (rel) => {
    const entry = corpusDir ? expected()[rel] : undefined;
    const opf = entry?.opf;
    const calibre = entry?.calibre;
    let extraction: Extraction;
    let metadata: BookMetadata;

    beforeAll(async () => {
      extraction = await readEpub(await readCorpusSource(rel));
      metadata = metadataOf(extraction);
    });

    it('is an EPUB read from its OPF, without warnings', () => {
      if (!opf || !calibre) throw new Error(`expected.json has no opf/calibre view of ${rel}`);
      expect(extraction.format).toBe('epub');
      expect(extraction.warnings).toEqual([]);
      for (const c of extraction.candidates) {
        expect(c).toMatchObject({
          origin: 'embedded:opf',
          confidence: ORIGIN_CONFIDENCE['embedded:opf'],
        });
      }
    });

    it('has the title, subtitle and languages of the OPF', () => {
      expect(metadata.title).toBe(opf?.titles['main'] ?? opf?.titles['title']);
      expect(metadata.subtitle).toBe(opf?.titles['subtitle']);
      expect(metadata.languages).toEqual(opf?.language);
    });

    it('has the whole title calibre shows (main and subtitle joined)', () => {
      expect(fullTitle(metadata.title ?? '', metadata.subtitle)).toBe(calibre?.title);
    });

    it('has the authors, in order, with their file-as', () => {
      expect(metadata.authors?.map((a) => a.name)).toEqual(calibre?.authors);
      // expected.json lists refinement file-as only; an EPUB 2 opf:file-as attribute
      // (Roger Starbuck in kavita_TitleWithVolume) is read too, so only listed names are checked.
      const fileAs = opf?.author_file_as ?? {};
      for (const author of metadata.authors ?? []) {
        if (author.name in fileAs) expect(author.sortName).toBe(fileAs[author.name]);
      }
    });

    it('credits translators and editors as contributors with their roles', () => {
      for (const credited of opf?.translators_editors ?? []) {
        const person = metadata.contributors?.find((p) => p.name === credited.name);
        expect(person?.roles.toSorted()).toEqual(credited.roles.toSorted());
      }
    });

    it('has the series calibre sees, and sets only as collections', () => {
      if (calibre?.series) {
        expect(metadata.series).toEqual({
          name: calibre.series,
          number: calibre.series_index ?? undefined,
          kind: 'series',
        });
      } else {
        expect(metadata.series).toBeUndefined();
      }
      const sets = (opf?.collections ?? []).filter((c) => c.type === 'set');
      expect(metadata.collections ?? []).toEqual(
        sets.map((c) => ({
          name: c.name,
          kind: 'set',
          ...(c.position === null ? {} : { number: Number(c.position) }),
        })),
      );
    });

    it('has the publisher of the OPF', () => {
      expect(metadata.publisher).toBe(opf?.publisher[0]);
    });

    it('points at a cover entry the archive holds', async () => {
      const cover = extraction.cover;
      if (cover?.kind !== 'entry') throw new Error(`${rel} yielded no cover entry`);
      const zip = await openZip(await readCorpusSource(rel));
      expect(zip.find(cover.path)?.name).toBe(cover.path);
      await zip.close();
    });
  });

  it('says a plain ZIP named .epub is not an EPUB', async () => {
    const read = readEpub(await readCorpusSource('archives/komga_zip-as-epub.epub'));
    await expect(read).rejects.toMatchObject({
      code: 'missing-container',
      message: expect.stringContaining('not an EPUB'),
    });
  });

  type Expectation = ProblemCode | ((extraction: Extraction) => void);
  const hostile: Record<string, Expectation> = {
    'bad/empty_zero_bytes.epub': 'empty-file',
    'bad/no_container.epub': 'missing-container',
    'bad/truncated_the-time-machine.epub': 'truncated',
    'bad/mimetype_not_first.epub': (x) => {
      expect(metadataOf(x).title).toBe('Mimetype last');
      expect(x.warnings).toEqual(['The "mimetype" entry is not the first in the archive.']);
    },
    'bad/zip_path_traversal.epub': (x) => {
      expect(metadataOf(x).title).toBe('Path Traversal');
      expect(x.warnings.join(' ')).toMatch(/point outside it \(\.\.\/evil\.txt/);
    },
    'bad/opf_billion_laughs.epub': (x) => {
      const title = metadataOf(x).title ?? '';
      expect(title).not.toContain('lollol');
      expect(title.length).toBeLessThan(20);
      expect(x.warnings.join(' ')).toMatch(/declares XML entities \(lol, lol1/);
    },
    'bad/opf_xxe_external_entity.epub': (x) => {
      const title = metadataOf(x).title ?? '';
      expect(title).toBe('XXE &xxe; &ssrf;');
      expect(JSON.stringify(x)).not.toContain('root:');
      expect(x.warnings.join(' ')).toMatch(/xxe \(external\), ssrf \(external\)/);
    },
  };
  it.each(Object.entries(hostile))(
    '%s is refused or read safely',
    { timeout: 5000 },
    async (rel, expectation) => {
      const result = await outcome(readEpub(await readCorpusSource(rel)));
      if (typeof expectation === 'string') expect(result).toBe(expectation);
      else if (typeof result === 'string') throw new Error(`${rel} failed with ${result}`);
      else expectation(result);
    },
  );

  it.each(corpusFiles('bad'))(
    'openZip on %s reads every entry or fails with a BookFormatError',
    { timeout: 10_000 },
    async (rel) => {
      try {
        const zip = await openZip(await readCorpusSource(rel));
        for (const entry of zip.entries) {
          await zip.read(entry.name, 64 * MiB).catch((error: unknown) => {
            expect(error).toBeInstanceOf(BookFormatError);
          });
        }
        await zip.close();
      } catch (error) {
        expect(error).toBeInstanceOf(BookFormatError);
      }
    },
  );
});

// ── In-memory EPUBs, for what the corpus does not cover ─────────────────────

const CONTAINER = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OPS/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;

const PACKAGE = `<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>In Memory</dc:title><dc:creator>A. Writer</dc:creator><dc:language>en</dc:language>
  </metadata>
  <manifest>
    <item id="gone" href="images/missing.jpg" media-type="image/jpeg" properties="cover-image"/>
    <item id="real" href="images/Real%20Cover.png" media-type="image/png"/>
  </manifest>
</package>`;

async function makeEpub(files: Record<string, string>): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  for (const [name, text] of Object.entries(files)) {
    await writer.add(name, new Uint8ArrayReader(new TextEncoder().encode(text)));
  }
  return writer.close();
}

const BASE = {
  mimetype: 'application/epub+zip',
  'META-INF/container.xml': CONTAINER,
  'OPS/package.opf': PACKAGE,
  'OPS/images/Real Cover.png': 'png',
};

describe('readEpub (in-memory EPUBs)', () => {
  it('builds candidates and keeps the first cover that exists', async () => {
    const extraction = await readEpub(bytesSource(await makeEpub(BASE), 'memory.epub'));
    expect(metadataOf(extraction)).toEqual({
      title: 'In Memory',
      authors: [{ name: 'A. Writer', roles: ['aut'] }],
      languages: ['en'],
    });
    expect(extraction.cover).toEqual({
      kind: 'entry',
      path: 'OPS/images/Real Cover.png',
      mediaType: 'image/png',
    });
    expect(extraction.flags).toEqual({});
  });

  const broken: [string, Record<string, string>, ProblemCode][] = [
    ['an OPF named but absent', { ...BASE, 'OPS/package.opf': '' }, 'missing-package'],
    [
      'a container naming no rootfile',
      { ...BASE, 'META-INF/container.xml': '<container><rootfiles/></container>' },
      'missing-package',
    ],
    ['a malformed container', { ...BASE, 'META-INF/container.xml': '<container>' }, 'invalid-xml'],
    [
      'a malformed OPF',
      { ...BASE, 'OPS/package.opf': '<package><metadata></package>' },
      'invalid-xml',
    ],
  ];
  it.each(broken)('refuses %s', async (_, files, code) => {
    const entries = Object.fromEntries(
      Object.entries(files).filter(([name, text]) => name !== 'OPS/package.opf' || text !== ''),
    );
    expect(await outcome(readEpub(bytesSource(await makeEpub(entries))))).toBe(code);
  });

  it('finds an OPF given with a leading slash and in another case', async () => {
    const container = CONTAINER.replace('OPS/package.opf', '/ops/PACKAGE.opf');
    const extraction = await readEpub(
      bytesSource(await makeEpub({ ...BASE, 'META-INF/container.xml': container })),
    );
    expect(metadataOf(extraction).title).toBe('In Memory');
  });

  it('warns when the mimetype entry is missing', async () => {
    const { mimetype: _, ...rest } = BASE;
    const extraction = await readEpub(bytesSource(await makeEpub(rest)));
    expect(extraction.warnings).toEqual(['The EPUB has no "mimetype" entry.']);
  });

  const encryption = (
    algorithm: string,
  ) => `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
    xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
    <enc:EncryptionMethod Algorithm="${algorithm}"/></enc:EncryptedData></encryption>`;
  it.each([
    ['a rights.xml', { 'META-INF/rights.xml': '<rights/>' }, true],
    [
      'encrypted content',
      { 'META-INF/encryption.xml': encryption('http://www.w3.org/2001/04/xmlenc#aes128-cbc') },
      true,
    ],
    [
      'only obfuscated fonts',
      { 'META-INF/encryption.xml': encryption('http://www.idpf.org/2008/embedding') },
      false,
    ],
  ])('flags DRM for %s: %s', async (_, extra, drm) => {
    const extraction = await readEpub(bytesSource(await makeEpub({ ...BASE, ...extra })));
    expect(extraction.flags.drm ?? false).toBe(drm);
  });
});
