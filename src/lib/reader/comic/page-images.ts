import { isFar } from './preload-window';
import { PageSourceError, type PageSource } from './page-source';

/** A page ready to draw: its URL, decoded, and its size in pixels. */
export interface PageImage {
  index: number;
  url: string;
  width: number;
  height: number;
}

/** One page of a view: its decoded image, or why it cannot be shown. */
export type Slot = { index: number; image: PageImage } | { index: number; problem: string };

/** The decoded image's size, and the element holding it (kept while the page is). */
export type Decode = (url: string) => Promise<{ width: number; height: number; holder?: object }>;

/**
 * Decodes an image before it is shown: once `decode()` resolves, an <img>
 * with the same URL paints at once, with no blank frame. The element is
 * kept so the decoded image stays in the browser's memory cache.
 */
export const decodeImage: Decode = async (url) => {
  const image = new Image();
  image.src = url;
  await image.decode();
  return { width: image.naturalWidth, height: image.naturalHeight, holder: image };
};

/**
 * The pages the reader has ready or on their way, each fetched or extracted
 * once and decoded before it is shown. The source's URLs are released (and
 * the decoded images let go) once the view moves far from them.
 */
export class PageImages {
  private readonly loading = new Map<number, Promise<PageImage>>();
  /** The decoded images' elements, by page, so the browser keeps them decoded. */
  private readonly holders = new Map<number, object>();

  constructor(
    private readonly source: PageSource,
    private readonly decode: Decode = decodeImage,
  ) {}

  /** The page, decoded; a failure is forgotten so the next ask tries again. */
  load(index: number): Promise<PageImage> {
    const known = this.loading.get(index);
    if (known) return known;
    const promise = this.fetchAndDecode(index);
    this.loading.set(index, promise);
    promise.catch(() => {
      if (this.loading.get(index) === promise) this.loading.delete(index);
    });
    return promise;
  }

  /** Starts loading pages nobody waits for yet; their failures wait until they are shown. */
  prepare(indices: readonly number[]): void {
    for (const index of indices) this.load(index).catch(() => undefined);
  }

  /** Lets go of the pages far from the view. */
  releaseFarFrom(view: readonly number[]): void {
    for (const index of [...this.loading.keys()]) if (isFar(index, view)) this.release(index);
  }

  /** Pages loaded or on their way (for tests and measurements). */
  get loaded(): number[] {
    return [...this.loading.keys()].sort((a, b) => a - b);
  }

  close(): void {
    for (const index of [...this.loading.keys()]) this.release(index);
    this.source.close();
  }

  private release(index: number): void {
    this.loading.delete(index);
    this.holders.delete(index);
    this.source.release(index);
  }

  private async fetchAndDecode(index: number): Promise<PageImage> {
    const url = await this.source.pageUrl(index);
    try {
      const { width, height, holder } = await this.decode(url);
      if (holder && this.loading.has(index)) this.holders.set(index, holder);
      return { index, url, width, height };
    } catch {
      throw new PageSourceError(
        `Page ${index + 1} could not be shown: its image is damaged or in a format this browser cannot display.`,
        'page',
      );
    }
  }
}
