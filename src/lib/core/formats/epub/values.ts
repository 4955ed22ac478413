/** A percent-encoded href decoded; undefined when it is not valid percent-encoding. */
export function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
