import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '#test-support/corpus';
import { readComicInfo } from '../formats/comic/comicinfo';
import { comicVolumes, splitNames, type ComicSource } from './comic-volumes';

/** A comic as the scan sees it: its ComicInfo read by the real parser. */
function comic(id: string, tags: string, folder = 'Comics'): ComicSource {
  const xml = `<?xml version="1.0"?><ComicInfo><Title>${id}</Title>${tags}</ComicInfo>`;
  const { metadata } = readComicInfo(xml);
  return { id, title: id, folder, series: metadata.series, collections: metadata.collections };
}

const batman = (number: string, extra = '') =>
  comic(
    `Batman ${number}`,
    `<Series>Batman</Series><Number>${number}</Number><Volume>2016</Volume>${extra}`,
  );

describe('comicVolumes', () => {
  it('lists a run in reading order with its gaps, annuals under their own heading', () => {
    const books = [batman('4'), batman('Annual 1'), batman('1'), batman('2'), batman('1b')];
    const [volume, ...rest] = comicVolumes('Batman (2016)', books);
    expect(rest).toEqual([]);
    expect(volume?.label).toBe('2016 volume');
    expect(volume?.issues.map((i) => i.label)).toEqual(['#1', '#2', '#4']);
    expect(volume?.gaps).toEqual([3]);
    expect(volume?.extras.map((g) => [g.heading, g.issues.map((i) => i.label)])).toEqual([
      ['Annuals', ['Annual 1']],
      ['Variants', ['#1b']],
    ]);
  });

  it('puts each Volume number apart, in volume order, gaps counted per volume', () => {
    const vol = (v: number, n: string) =>
      comic(`Saga v${v} ${n}`, `<Series>Saga</Series><Number>${n}</Number><Volume>${v}</Volume>`);
    const volumes = comicVolumes('Saga', [vol(2, '1'), vol(1, '1'), vol(1, '3'), vol(2, '2')]);
    expect(volumes.map((v) => [v.label, v.issues.map((i) => i.label), v.gaps])).toEqual([
      ['Volume 1', ['#1', '#3'], [2]],
      ['Volume 2', ['#1', '#2'], []],
    ]);
  });

  it('tells volumes apart by folder when the tags do not', () => {
    const untagged = (n: string, folder: string) =>
      comic(`X ${n} ${folder}`, `<Series>X</Series><Number>${n}</Number>`, folder);
    const volumes = comicVolumes('X', [untagged('1', 'X/Vol 2'), untagged('1', 'X/Vol 1')]);
    expect(volumes.map((v) => v.label)).toEqual(['Vol 1', 'Vol 2']);
    const one = comicVolumes('X', [untagged('1', 'X'), untagged('2', 'X')]);
    expect(one.map((v) => v.label)).toEqual(['X']);
  });

  it('names the series a split makes, one per volume', () => {
    const tagged = (v: string, folder: string) =>
      comic(`Saga ${v}`, `<Series>Saga</Series><Number>1</Number><Volume>${v}</Volume>`, folder);
    const byNumber = comicVolumes('Saga', [tagged('1', 'Saga'), tagged('2', 'Saga')]);
    expect(splitNames('Saga', byNumber)).toEqual(['Saga vol. 1', 'Saga vol. 2']);
    const untagged = (folder: string) =>
      comic(`Batman ${folder}`, '<Series>Batman</Series><Number>1</Number>', folder);
    const byFolder = comicVolumes('Batman', [untagged('Batman (1940)'), untagged('Extras')]);
    expect(splitNames('Batman', byFolder)).toEqual(['Batman (1940)', 'Batman, Extras']);
  });
});

describe.skipIf(!corpusDir)('comicVolumes on a corpus ComicInfo', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  it('reads comicbox_comicinfo.xml as issue #1 of Captain Science (1950)', () => {
    const xml = readFileSync(corpusPath('comicinfo/comicbox_comicinfo.xml'), 'utf8');
    const { metadata } = readComicInfo(xml);
    expect(metadata.series?.name).toBe('Captain Science (1950)');
    const volumes = comicVolumes(metadata.series?.name ?? '', [
      { id: 'cs1', title: 'The Beginning', folder: '', ...metadata },
    ]);
    expect(volumes).toMatchObject([
      { label: '1950 volume', issues: [{ id: 'cs1', label: '#1' }], gaps: [], extras: [] },
    ]);
  });
});
