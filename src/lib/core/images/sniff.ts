/** The image type bytes begin with, from their magic numbers; undefined when not an image we show. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'image/png';
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x38) return 'image/gif';
  if (
    b(0) === 0x52 &&
    b(1) === 0x49 &&
    b(2) === 0x46 &&
    b(3) === 0x46 &&
    b(8) === 0x57 &&
    b(9) === 0x45
  ) {
    return 'image/webp';
  }
  if (b(0) === 0x42 && b(1) === 0x4d) return 'image/bmp';
  if (b(4) === 0x66 && b(5) === 0x74 && b(6) === 0x79 && b(7) === 0x70) {
    const brand = String.fromCharCode(b(8), b(9), b(10), b(11));
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
  }
  if (b(0) === 0xff && b(1) === 0x0a) return 'image/jxl';
  if (b(0) === 0x3c) {
    const head = new TextDecoder().decode(bytes.subarray(0, 256)).toLowerCase();
    if (head.includes('<svg')) return 'image/svg+xml';
  }
  return undefined;
}
