import { describe, expect, it } from 'vitest';
import { PageUrls } from './page-urls';

describe('PageUrls', () => {
  const made: string[] = [];
  const createUrl = (blob: Blob) => {
    const url = URL.createObjectURL(blob);
    made.push(url);
    return url;
  };

  it('makes one URL per page however often it is asked, and a new one after a release', async () => {
    const urls = new PageUrls(createUrl);
    let loads = 0;
    const load = async () => {
      loads++;
      return new Blob(['x']);
    };
    const [a, b] = await Promise.all([urls.get(1, load), urls.get(1, load)]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
    urls.release(1);
    expect(await urls.get(1, load)).not.toBe(a);
    expect(loads).toBe(2);
  });

  it('revokes a URL released before its page arrived', async () => {
    const urls = new PageUrls(createUrl);
    let arrive: (blob: Blob) => void = () => undefined;
    const pending = urls.get(0, () => new Promise<Blob>((resolve) => (arrive = resolve)));
    urls.release(0);
    arrive(new Blob(['late']));
    const url = await pending;
    // A revoked blob URL no longer resolves.
    await expect(fetch(url)).rejects.toThrow();
    expect(urls.size).toBe(0);
  });

  it('forgets a failed page, so the next ask loads it again', async () => {
    const urls = new PageUrls(createUrl);
    await expect(urls.get(2, () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(urls.size).toBe(0);
    await expect(urls.get(2, async () => new Blob(['y']))).resolves.toMatch(/^blob:/);
  });
});
