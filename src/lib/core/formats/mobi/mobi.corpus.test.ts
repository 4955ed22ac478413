import { beforeAll, describe, expect, it } from 'vitest';
import {
  corpusDir,
  corpusFiles,
  expected,
  NO_CORPUS_MESSAGE,
  readCorpusSource,
  type CalibreView,
} from '#test-support/corpus';
import type { ByteSource } from '../../bytes/byte-source';
import type { BookMetadata } from '../../metadata/types';
import type { Extraction } from '../types';
import { readMobi, readMobiCover } from './index';

/**
 * Where calibre's view is not ours, and why. calibre falls back to the file
 * name for a title it cannot read, and parses the OEB metadata that old
 * PalmDOC books embed in their text; we read headers only.
 */
const CALIBRE_DIFFERS: Record<
  string,
  Partial<Record<'title' | 'authors' | 'publisher' | 'language', string>>
> = {
  'mobi/libmobi_sample-drm-v1.mobi': {
    title: 'calibre shows the file name; the PalmDB name is "Libmobi test sample"',
    language: 'calibre shows its default; an old-DRM record 0 has no MOBI header',
  },
  'mobi/libmobi_sample-textread.mobi': {
    authors: 'calibre reads <dc:Creator> from the embedded OEB metadata in the text',
    publisher: 'calibre reads <dc:Publisher> from the embedded OEB metadata in the text',
    language: 'calibre reads <dc:Language> from the embedded OEB metadata in the text',
  },
};

/** The files whose EXTH names a cover (calibre's own MOBI/AZW3 here carry none). */
const WITH_COVER = new Set([
  'mobi/klakegg_KF8Sample.mobi',
  'mobi/libmobi_sample-cp1252.mobi',
  'mobi/libmobi_sample-unicode-huffdic.mobi',
]);

function metadataOf(extraction: Extraction): BookMetadata {
  return Object.fromEntries(extraction.candidates.map((c) => [c.field, c.value])) as BookMetadata;
}

/** calibre reports ISO 639-2 ("eng") or bare 639-1 ("en"); compare primary languages. */
function primaryLanguage(tag: string): string {
  const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return primary === 'eng' ? 'en' : primary;
}

/** Counts what a read touches, to show that parsing reads headers and not books. */
function counting(inner: ByteSource): { source: ByteSource; bytesRead: () => number } {
  let total = 0;
  return {
    source: {
      size: inner.size,
      name: inner.name,
      read(offset, length) {
        total += length;
        return inner.read(offset, length);
      },
    },
    bytesRead: () => total,
  };
}

const files = [...corpusFiles('mobi', '.mobi'), ...corpusFiles('mobi', '.azw3')].sort();

describe.skipIf(!corpusDir)('readMobi on the corpus', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);

  it('has MOBI and AZW3 files to read', () => {
    expect(files.filter((f) => f.endsWith('.azw3')).length).toBeGreaterThan(0);
    expect(files.filter((f) => f.endsWith('.mobi')).length).toBeGreaterThan(0);
  });

  describe.each(files)('%s', (rel) => {
    const format = rel.endsWith('.azw3') ? 'azw3' : 'mobi';
    const differs = CALIBRE_DIFFERS[rel] ?? {};
    let calibre: CalibreView;
    let extraction: Extraction;
    let metadata: BookMetadata;
    let bytesRead = 0;

    beforeAll(async () => {
      const view = expected()[rel]?.calibre;
      if (!view) throw new Error(`expected.json has no calibre view of ${rel}`);
      calibre = view;
      const source = counting(await readCorpusSource(rel));
      extraction = await readMobi(source.source, format);
      bytesRead = source.bytesRead();
      metadata = metadataOf(extraction);
    });

    it('reads without warnings, touching only the headers', () => {
      expect(extraction.format).toBe(format);
      expect(extraction.warnings).toEqual([]);
      expect(bytesRead).toBeLessThan(64 * 1024);
    });

    it('has the title calibre sees', () => {
      if (differs.title) expect(metadata.title).toBe('Libmobi test sample');
      else expect(metadata.title).toBe(calibre.title);
    });

    it('has the authors calibre sees', () => {
      const names = metadata.authors?.map((a) => a.name) ?? [];
      if (differs.authors) expect(names).toEqual([]);
      // calibre says "Unknown" where there is no author.
      else expect(names).toEqual(calibre.authors.filter((a) => a !== 'Unknown'));
    });

    it('has the publisher, language and subjects calibre sees', () => {
      if (!differs.publisher) expect(metadata.publisher).toBe(calibre.publisher ?? undefined);
      if (!differs.language) {
        expect(metadata.languages?.map(primaryLanguage)).toEqual(
          calibre.language.map(primaryLanguage),
        );
      }
      expect(metadata.subjects ?? []).toEqual(calibre.tags);
    });

    it('has the identifiers calibre sees, and no series', () => {
      const asin = calibre.identifiers['mobi-asin'];
      expect(metadata.identifiers).toEqual(asin ? [{ scheme: 'asin', value: asin }] : undefined);
      expect(calibre.isbn).toBeNull();
      expect(calibre.series).toBeNull();
      expect(metadata.series).toBeUndefined();
    });

    it("has calibre's publication date, but not its 0101-01-01 placeholder", () => {
      const pubdate = calibre.pubdate?.startsWith('0101-') ? null : calibre.pubdate;
      expect(metadata.published?.slice(0, 10)).toBe(pubdate?.slice(0, 10));
    });

    it('flags DRM only where there is some', () => {
      expect(extraction.flags).toEqual(rel.includes('-drm-') ? { drm: true } : {});
    });

    it.runIf(WITH_COVER.has(rel))('points at a cover that reads as a JPEG or PNG', async () => {
      if (extraction.cover?.kind !== 'record') throw new Error(`${rel} yielded no cover record`);
      const cover = await readMobiCover(await readCorpusSource(rel), extraction.cover);
      expect(cover?.mediaType).toMatch(/^image\/(jpeg|png)$/);
      const head = [...(cover?.bytes.subarray(0, 4) ?? [])];
      expect(
        head.slice(0, 3).toString() === '255,216,255' || head.toString() === '137,80,78,71',
      ).toBe(true);
    });

    it.skipIf(WITH_COVER.has(rel))('names no cover', () => {
      expect(extraction.cover).toBeUndefined();
    });
  });

  it("reads a PalmDOC book's trailing bitmap record as a BMP", async () => {
    const source = await readCorpusSource('mobi/libmobi_sample-textread.mobi');
    const image = await readMobiCover(source, { kind: 'record', index: 25 });
    expect(image?.mediaType).toBe('image/bmp');
  });
});
