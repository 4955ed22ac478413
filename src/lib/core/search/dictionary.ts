/**
 * Distinct values of a column, each with a small integer code, so that rows
 * hold codes in typed arrays. Values that differ only in case and accents
 * ("Science fiction", "Science Fiction") share a code when the dictionary
 * folds; the label shown is the first spelling seen.
 */
export class Dictionary {
  private readonly codes = new Map<string, number>();
  /** Codes by exact spelling: most values repeat exactly, and then the key need not be computed. */
  private readonly bySpelling = new Map<string, number>();
  readonly labels: string[] = [];
  /** The folded key of each code (what sorting compares). */
  readonly keys: string[] = [];

  constructor(private readonly keyOf: (value: string) => string = (v) => v) {}

  get size(): number {
    return this.labels.length;
  }

  code(value: string): number {
    const known = this.bySpelling.get(value);
    if (known !== undefined) return known;
    const key = this.keyOf(value);
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.labels.length;
      this.codes.set(key, code);
      this.labels.push(value);
      this.keys.push(key);
    }
    this.bySpelling.set(value, code);
    return code;
  }

  /** The code of a value if it is known. */
  find(value: string): number | undefined {
    return this.codes.get(this.keyOf(value));
  }
}
