/**
 * Rate and time left for a phase, from the bytes done so far (a 300 MB PDF
 * and a 30 KB EPUB do not take the same time, so bytes predict better than
 * files). `now` is injectable for tests.
 */
export class ProgressMeter {
  private readonly started: number;
  private files = 0;
  private bytes = 0;

  constructor(
    readonly totalFiles: number,
    readonly totalBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  add(bytes: number): void {
    this.files++;
    this.bytes += bytes;
  }

  get done(): number {
    return this.files;
  }

  get bytesDone(): number {
    return this.bytes;
  }

  /** Files per second, once there is something to measure. */
  rate(): number | undefined {
    const seconds = (this.now() - this.started) / 1000;
    return seconds > 0 && this.files > 0 ? this.files / seconds : undefined;
  }

  /** Seconds left, by bytes (by files when the sizes are all zero). */
  etaSeconds(): number | undefined {
    const seconds = (this.now() - this.started) / 1000;
    if (seconds <= 0 || this.files === 0) return undefined;
    if (this.totalBytes > 0 && this.bytes > 0) {
      return Math.round(((this.totalBytes - this.bytes) / this.bytes) * seconds);
    }
    return Math.round(((this.totalFiles - this.files) / this.files) * seconds);
  }
}
