import { describe, expect, it } from 'vitest';
import { PageImages, type Decode } from './page-images';
import { PageSourceError, type PageSource } from './page-source';

/** A source of `count` pages that counts what it was asked, failing the pages in `broken` once. */
function fakeSource(count: number, broken = new Set<number>()) {
  const asked: number[] = [];
  const released: number[] = [];
  let closed = false;
  const source: PageSource = {
    count,
    rightToLeft: false,
    pageUrl: async (index) => {
      asked.push(index);
      if (broken.delete(index)) throw new PageSourceError(`page ${index} failed`, 'page');
      return `blob:page-${index}`;
    },
    release: (index) => void released.push(index),
    close: () => void (closed = true),
  };
  return { source, asked, released, closed: () => closed };
}

const decode: Decode = async (url) =>
  url.endsWith('-3') ? { width: 2000, height: 1400 } : { width: 1000, height: 1500 };

describe('PageImages', () => {
  it('asks the source once per page and gives its decoded size', async () => {
    const { source, asked } = fakeSource(10);
    const images = new PageImages(source, decode);
    const [a, b] = await Promise.all([images.load(3), images.load(3)]);
    expect(a).toEqual({ index: 3, url: 'blob:page-3', width: 2000, height: 1400 });
    expect(b).toBe(a);
    expect(asked).toEqual([3]);
  });

  it('prepares pages in the background and lets go of those far from the view', async () => {
    const { source, released } = fakeSource(40);
    const images = new PageImages(source, decode);
    images.prepare([0, 1, 2, 3, 20]);
    await images.load(0);
    expect(images.loaded).toEqual([0, 1, 2, 3, 20]);
    images.releaseFarFrom([1]);
    expect(released).toEqual([20]);
    expect(images.loaded).toEqual([0, 1, 2, 3]);
  });

  it('forgets a failed page, so showing it again tries again', async () => {
    const { source, asked } = fakeSource(5, new Set([2]));
    const images = new PageImages(source, decode);
    await expect(images.load(2)).rejects.toThrow('page 2 failed');
    await expect(images.load(2)).resolves.toMatchObject({ index: 2 });
    expect(asked).toEqual([2, 2]);
  });

  it('says which page could not be decoded', async () => {
    const { source } = fakeSource(5);
    const images = new PageImages(source, async () => {
      throw new Error('EncodingError');
    });
    const failure = await images.load(4).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PageSourceError);
    expect(failure).toMatchObject({ scope: 'page', message: expect.stringContaining('Page 5') });
  });

  it('releases everything and closes the source when closed', async () => {
    const { source, released, closed } = fakeSource(5);
    const images = new PageImages(source, decode);
    await Promise.all([images.load(0), images.load(1)]);
    images.close();
    expect(released.sort()).toEqual([0, 1]);
    expect(closed()).toBe(true);
  });
});
