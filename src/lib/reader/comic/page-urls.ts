/**
 * One object URL per page, made on first ask and revoked on release. A page
 * released while it is still being fetched or extracted is revoked as soon
 * as it arrives, so no URL outlives its release. A failed page is
 * forgotten: the next ask tries again.
 */
export class PageUrls {
  private readonly pending = new Map<number, Promise<string>>();
  private readonly made = new Map<number, string>();

  constructor(private readonly createUrl: (blob: Blob) => string = (b) => URL.createObjectURL(b)) {}

  get(index: number, load: () => Promise<Blob>): Promise<string> {
    const known = this.pending.get(index);
    if (known) return known;
    const promise = load().then((blob) => {
      const url = this.createUrl(blob);
      if (this.pending.get(index) === promise) this.made.set(index, url);
      else URL.revokeObjectURL(url);
      return url;
    });
    this.pending.set(index, promise);
    promise.catch(() => {
      if (this.pending.get(index) === promise) this.pending.delete(index);
    });
    return promise;
  }

  release(index: number): void {
    this.pending.delete(index);
    const url = this.made.get(index);
    if (url) URL.revokeObjectURL(url);
    this.made.delete(index);
  }

  releaseAll(): void {
    for (const index of [...this.pending.keys(), ...this.made.keys()]) this.release(index);
  }

  /** Pages with a URL made or on its way. */
  get size(): number {
    return this.pending.size;
  }
}
